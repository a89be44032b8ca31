/**
 * Reporting periods are calendar quarters, stored as `YYYYQn` (2024Q1). All date arithmetic is done on
 * ISO dates (YYYY-MM-DD) in UTC, so results never depend on the machine's time zone. Pure functions.
 */

export type Quarter = 1 | 2 | 3 | 4;
export type Period = { year: number; quarter: Quarter };

const ZH_QUARTER = ['一', '二', '三', '四'] as const;
const DAY_MS = 86_400_000;

/** Full-width digits, letters, hyphen and space (２０２４Ｑ１, 2024－Q1) become their ASCII forms. */
function toHalfWidth(s: string): string {
	return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function quarterFrom(token: string): Quarter | null {
	const zh = ZH_QUARTER.indexOf(token as (typeof ZH_QUARTER)[number]);
	const n = zh >= 0 ? zh + 1 : Number(token);
	return n === 1 || n === 2 || n === 3 || n === 4 ? n : null;
}

/**
 * The period written as 2024Q1, 2024q1, 2024-Q1, 2024 Q1, 2024年第一季度, 2024年第1季度, 2024年一季度 or
 * 2024年1季度 (full-width characters and surrounding spaces allowed; year 1000–9999); null for anything else.
 */
export function parsePeriod(input: string): Period | null {
	const s = toHalfWidth(input ?? '').trim();
	const m = /^([1-9]\d{3})(?:\s*-\s*|\s*)[Qq]([1-4])$/.exec(s) ?? /^([1-9]\d{3})年\s*第?([1-4一二三四])季度$/.exec(s);
	if (!m) return null;
	const quarter = quarterFrom(m[2]);
	return quarter ? { year: Number(m[1]), quarter } : null;
}

/** '2024年第一季度' in zh, '2024 Q1' in en. */
export function formatPeriod(p: Period, locale: 'zh' | 'en'): string {
	return locale === 'zh' ? `${p.year}年第${ZH_QUARTER[p.quarter - 1]}季度` : `${p.year} Q${p.quarter}`;
}

/** The canonical stored form, '2024Q1'; parsePeriod(periodKey(p)) equals p. */
export function periodKey(p: Period): string {
	return `${p.year}Q${p.quarter}`;
}

/** Negative when a is before b, 0 when equal, positive when after (usable with Array.prototype.sort). */
export function comparePeriods(a: Period, b: Period): number {
	return a.year !== b.year ? a.year - b.year : a.quarter - b.quarter;
}

/** The quarter right after p (2023Q4 → 2024Q1). */
export function nextPeriod(p: Period): Period {
	return p.quarter === 4 ? { year: p.year + 1, quarter: 1 } : { year: p.year, quarter: (p.quarter + 1) as Quarter };
}

/** True only for a strict YYYY-MM-DD string that is a real calendar date (2024-02-29 yes, 2023-02-29 no). */
export function isIsoDate(s: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return false;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parseIso(s: string): { year: number; month: number; day: number } {
	if (typeof s !== 'string' || !isIsoDate(s)) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${String(s)}`);
	return { year: Number(s.slice(0, 4)), month: Number(s.slice(5, 7)), day: Number(s.slice(8, 10)) };
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

function iso(year: number, month: number, day: number): string {
	return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The ISO date `days` after isoDate (negative: before); throws RangeError on a bad date. */
export function addDays(isoDate: string, days: number): string {
	const { year, month, day } = parseIso(isoDate);
	const d = new Date(0);
	d.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0–99 as written
	d.setTime(d.getTime() + days * DAY_MS);
	return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The quarter containing the date; throws RangeError when isoDate is not a real YYYY-MM-DD date. */
export function periodOfDate(isoDate: string): Period {
	const { year, month } = parseIso(isoDate);
	return { year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter };
}

/** The first day of the quarter as an ISO date (2024Q2 → 2024-04-01). */
export function periodStart(p: Period): string {
	return iso(p.year, (p.quarter - 1) * 3 + 1, 1);
}

/** The last day of the quarter as an ISO date (2024Q1 → 2024-03-31). */
export function periodEnd(p: Period): string {
	const month = p.quarter * 3;
	return iso(p.year, month, daysInMonth(p.year, month));
}

/** The four consecutive quarters starting with the one that contains termStart; throws RangeError on a bad date. */
export function termQuarters(termStart: string): Period[] {
	const quarters = [periodOfDate(termStart)];
	while (quarters.length < 4) quarters.push(nextPeriod(quarters[quarters.length - 1]));
	return quarters;
}

/**
 * The last day of a term of `months` months starting on termStart (inclusive): the day before the same
 * day-of-month `months` later (2023-08-15 → 2024-08-14). Rule for month ends: when that day does not exist
 * in the target month, the anniversary is the 1st of the following month, so the term ends on the last day
 * of the target month (2023-01-31 + 1 month → 2023-02-28; 2024-02-29 + 12 months → 2025-02-28).
 * Throws RangeError on a bad date or when months is not a positive integer.
 */
export function termEndFor(termStart: string, months = 12): string {
	if (!Number.isInteger(months) || months < 1) throw new RangeError(`months must be a positive integer: ${months}`);
	const { year, month, day } = parseIso(termStart);
	const index = year * 12 + (month - 1) + months;
	const [targetYear, targetMonth] = [Math.floor(index / 12), (index % 12) + 1];
	const last = daysInMonth(targetYear, targetMonth);
	if (day > last) return iso(targetYear, targetMonth, last);
	return addDays(iso(targetYear, targetMonth, day), -1);
}

/** The report due date: offsetDays after the quarter's last day (2024Q1 → 2024-04-15; 2023Q4 → 2024-01-15). */
export function dueDate(p: Period, offsetDays = 15): string {
	if (!Number.isInteger(offsetDays)) throw new RangeError(`offsetDays must be an integer: ${offsetDays}`);
	return addDays(periodEnd(p), offsetDays);
}

/** A stored period key ('2025Q4') written for the locale; a key that does not parse is shown as it is. */
export function formatPeriodKey(key: string, locale: 'zh' | 'en'): string {
	const p = parsePeriod(key);
	return p ? formatPeriod(p, locale) : key;
}
