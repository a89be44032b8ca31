/**
 * A workbook cell as the text a person sees in Excel, so that the row checker reads it exactly as it reads the same
 * figure saved as CSV: numbers to at most 15 significant digits (Excel's own precision: the stored 1.2750000000000001
 * is shown, and saved as CSV, as 1.275), dates as ISO `YYYY-MM-DD`, rich text joined, TRUE/FALSE, error values as
 * written (#N/A). Pure: no I/O.
 */

/**
 * A cell's text, and what it was besides: a date, a formula (its text; `hasValue` false when the file holds no
 * calculated value for it). The reader reports formulas and dates where they are.
 */
export type CellReading = { text: string; isDate: boolean; formula: string | null; hasValue: boolean };

const plain = (text: string): CellReading => ({ text, isDate: false, formula: null, hasValue: true });

/** The shortest decimal text of a number that Excel would show: 15 significant digits, no float noise. */
export function excelNumberText(n: number): string {
	if (!Number.isFinite(n)) return String(n);
	if (n === 0) return '0'; // -0 too
	return String(Number(n.toPrecision(15)));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A date cell as ISO text: `YYYY-MM-DD`, with ` HH:MM:SS` only when it holds a time of day. Excel stores no zone:
 * exceljs gives the serial as a UTC instant, whose UTC fields are the cell's.
 */
export function excelDateText(d: Date): string {
	const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
	const h = d.getUTCHours();
	const m = d.getUTCMinutes();
	const s = d.getUTCSeconds();
	return h || m || s ? `${date} ${pad(h)}:${pad(m)}:${pad(s)}` : date;
}

/** A serial day number (Excel's 1900 system, or 1904) as a Date, as exceljs reads a date cell. */
export function serialToDate(serial: number, is1904 = false): Date {
	return new Date(Math.round((serial - 25569 + (is1904 ? 1462 : 0)) * 86_400_000));
}

/** Whether a number format shows a date or time (after dropping quoted text and [colour]/[locale] parts). */
export function isDateFormat(format: string | undefined): boolean {
	if (!format) return false;
	const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
	return /[ymdhsYMDHS]/.test(bare) && !/^general$/i.test(bare.trim());
}

/**
 * Text as Excel shows it: Excel saves a character that XML cannot hold (a carriage return, other controls) as
 * `_xHHHH_`, and a `_x…_` that was typed as `_x005F_x…_`; exceljs hands both on undecoded.
 */
export function unescapeText(text: string): string {
	if (!text.includes('_x')) return text;
	return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

type RichText = { richText: { text: string }[] };
type Formula = { formula?: string; sharedFormula?: string; result?: unknown };

function isRichText(v: object): v is RichText {
	return Array.isArray((v as RichText).richText);
}

function isFormula(v: object): v is Formula {
	return 'formula' in v || 'sharedFormula' in v;
}

/** A plain (non-formula) value's text and whether it is a date. */
function valueText(value: unknown, numFmt: string | undefined, is1904: boolean): CellReading {
	if (value === null || value === undefined) return plain('');
	if (value instanceof Date) return { ...plain(excelDateText(value)), isDate: true };
	if (typeof value === 'number') {
		// exceljs dates a number only by its own idea of a date format: the same test for formula results
		if (isDateFormat(numFmt) && value >= 0 && value < 2958466)
			return { ...plain(excelDateText(serialToDate(value, is1904))), isDate: true };
		return plain(excelNumberText(value));
	}
	if (typeof value === 'boolean') return plain(value ? 'TRUE' : 'FALSE');
	if (typeof value === 'string') return plain(unescapeText(value));
	if (typeof value === 'object') {
		if (isRichText(value)) return plain(unescapeText(value.richText.map((r) => r.text ?? '').join('')));
		if ('error' in value) return plain(String((value as { error: unknown }).error));
		if ('text' in value) return plain(String((value as { text: unknown }).text));
	}
	return plain(String(value));
}

/**
 * The text of a cell value as exceljs's streaming reader gives it. A formula gives its cached (last calculated)
 * value, with its formula; one saved without a value (written by a program, never opened in Excel) is
 * `hasValue: false` with empty text. A formula whose cached value is an error (#DIV/0!) reads as NaN in exceljs.
 */
export function readCell(value: unknown, numFmt: string | undefined, is1904 = false): CellReading {
	if (value !== null && typeof value === 'object' && !(value instanceof Date) && isFormula(value)) {
		const formula = value.formula || value.sharedFormula || '';
		const result = value.result;
		if (result === undefined || result === null || result === '')
			return { text: '', isDate: false, formula, hasValue: false };
		// an error result (#DIV/0!) is stored with t="e", which exceljs reads as NaN: shown as Excel's generic error
		if (typeof result === 'number' && Number.isNaN(result)) return { ...plain('#VALUE!'), formula };
		return { ...valueText(result, numFmt, is1904), formula };
	}
	return valueText(value, numFmt, is1904);
}

/** The column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
	let s = '';
	for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
	return s;
}

/** A cell reference's row and 1-based column (`B3` → {row: 3, col: 2}), or null. */
export function parseRef(ref: string): { row: number; col: number } | null {
	const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
	if (!m) return null;
	let col = 0;
	for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
	return { row: Number(m[2]), col };
}
