/**
 * Checking one record of an indicator file and keeping the accepted ones compactly (typed arrays,
 * not objects), so that a million rows fit in a bounded memory.
 */
import { INDICATORS, toCanonical } from '../../domain/indicators';
import { parsePeriod, periodKey } from '../../domain/periods';
import type { Problem } from '../../problems';
import { parseNumber } from '../ingest/number';
import { INDICATOR_INDEX, type pilotLookup } from './context';
import { problem } from './problems';

const PLAIN_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The first character of a code that is not a plain identifier character (look-alikes, controls, spaces). */
function badCodeChar(code: string): { position: number; char: string; hex: string } | null {
	if (PLAIN_CODE.test(code)) return null;
	const chars = [...code];
	const i = chars.findIndex((c, n) => !/[A-Za-z0-9._-]/.test(c) || (n === 0 && !/[A-Za-z0-9]/.test(c)));
	const char = chars[Math.max(0, i)];
	return {
		position: Math.max(0, i) + 1,
		char: /[\p{Cc}\s]/u.test(char) ? '␣' : char,
		hex: char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
	};
}

/** Accepted rows, column by column; grows by doubling. */
export class RowStore {
	length = 0;
	row = new Int32Array(1024);
	pilot = new Int32Array(1024);
	enterprise = new Int32Array(1024);
	enterpriseLocal = new Int32Array(1024);
	period = new Int8Array(1024);
	indicator = new Int8Array(1024);
	value = new Float64Array(1024);
	notes = new Map<number, string>();

	push(r: {
		row: number;
		pilot: number;
		enterprise: number;
		local: number;
		period: number;
		indicator: number;
		value: number;
		note: string;
	}) {
		if (this.length === this.row.length) this.grow();
		const i = this.length++;
		this.row[i] = r.row;
		this.pilot[i] = r.pilot;
		this.enterprise[i] = r.enterprise;
		this.enterpriseLocal[i] = r.local;
		this.period[i] = r.period;
		this.indicator[i] = r.indicator;
		this.value[i] = r.value;
		if (r.note) this.notes.set(i, r.note);
	}

	/** The sort key: pilot (in order of appearance), enterprise within it, period, indicator. */
	key(i: number): number {
		return ((this.pilot[i] * 65536 + this.enterpriseLocal[i]) * 4 + this.period[i]) * 64 + this.indicator[i];
	}

	private grow() {
		const n = this.row.length * 2;
		const copy = <T extends Int32Array | Int8Array | Float64Array>(a: T, make: (n: number) => T): T => {
			const b = make(n);
			b.set(a);
			return b;
		};
		this.row = copy(this.row, (k) => new Int32Array(k));
		this.pilot = copy(this.pilot, (k) => new Int32Array(k));
		this.enterprise = copy(this.enterprise, (k) => new Int32Array(k));
		this.enterpriseLocal = copy(this.enterpriseLocal, (k) => new Int32Array(k));
		this.period = copy(this.period, (k) => new Int8Array(k));
		this.indicator = copy(this.indicator, (k) => new Int8Array(k));
		this.value = copy(this.value, (k) => new Float64Array(k));
	}
}

export type ColumnIndex = Record<string, number>;

/**
 * Checks one record; on success pushes it to `store`, otherwise appends its problems. Every cell
 * is checked, so that one pass reports everything wrong with the row.
 */
export function checkRecord(
	record: string[],
	row: number,
	cols: ColumnIndex,
	names: Record<string, string>,
	pilots: ReturnType<typeof pilotLookup>,
	today: string,
	store: RowStore,
	problems: Problem[]
): void {
	const cell = (key: string) => (record[cols[key]] ?? '').trim();
	const at = (key: string, value = cell(key)) => ({ row, column: names[key] ?? key, value });
	const before = problems.length;

	const pilotCode = cell('pilot_code');
	let pilot = null;
	if (!pilotCode) problems.push(problem('E_REQUIRED', at('pilot_code')));
	else {
		const bad = badCodeChar(pilotCode);
		if (bad) problems.push(problem('E_CODE_CHARS', at('pilot_code'), bad));
		else {
			const found = pilots.get(pilotCode);
			if (found.kind === 'unknown') problems.push(problem('E_PILOT_UNKNOWN', at('pilot_code')));
			else if (found.kind === 'forbidden') problems.push(problem('E_PILOT_FORBIDDEN', at('pilot_code')));
			else if (found.kind === 'no-term') problems.push(problem('E_PILOT_NO_TERM', at('pilot_code')));
			else pilot = found.pilot;
		}
	}

	const enterpriseCode = cell('enterprise_code');
	let enterprise = 0;
	if (enterpriseCode) {
		const bad = badCodeChar(enterpriseCode);
		if (bad) problems.push(problem('E_CODE_CHARS', at('enterprise_code'), bad));
		else if (pilot) {
			const id = pilot.enterprises.get(enterpriseCode);
			if (id === undefined)
				problems.push(problem('E_ENTERPRISE_UNKNOWN', at('enterprise_code'), { pilot: pilot.code }));
			else enterprise = id;
		}
	}

	const indicatorIndex = INDICATOR_INDEX.get(cell('indicator_code').toLowerCase());
	const indicator = indicatorIndex === undefined ? undefined : INDICATORS[indicatorIndex];
	if (!cell('indicator_code')) problems.push(problem('E_REQUIRED', at('indicator_code')));
	else if (!indicator) problems.push(problem('E_INDICATOR_UNKNOWN', at('indicator_code')));

	let periodIndex = -1;
	const parsedPeriod = parsePeriod(cell('period'));
	if (!cell('period')) problems.push(problem('E_REQUIRED', at('period')));
	else if (!parsedPeriod) problems.push(problem('E_PERIOD_FORMAT', at('period')));
	else if (pilot) {
		periodIndex = pilot.periods.indexOf(periodKey(parsedPeriod));
		if (periodIndex < 0)
			problems.push(problem('E_PERIOD_OUTSIDE_TERM', at('period'), { allowed: pilot.periods.join(', ') }));
		else if (pilot.periodStarts[periodIndex] > today)
			problems.push(problem('E_PERIOD_NOT_BEGUN', at('period'), { start: pilot.periodStarts[periodIndex] }));
	}

	const rawValue = cell('value');
	let value = NaN;
	if (!rawValue) problems.push(problem('E_VALUE_EMPTY', at('value')));
	else if (/%\s*$/.test(rawValue) && indicator?.unit !== '%') problems.push(problem('E_VALUE_PERCENT', at('value')));
	else {
		const n = parseNumber(rawValue);
		if (n === null) problems.push(problem('E_VALUE_NOT_NUMBER', at('value')));
		else if (n < 0 && indicator && !indicator.canBeNegative) problems.push(problem('E_VALUE_NEGATIVE', at('value')));
		else if (indicator) {
			const unit = cell('unit');
			const canonical = unit ? toCanonical(indicator, n, unit) : null;
			if (canonical === null)
				problems.push(
					problem('E_UNIT', at('unit'), { unit: unit || '—', allowed: indicator.units.map((u) => u.unit).join(', ') })
				);
			else value = canonical;
		}
	}

	if (problems.length > before || !pilot || indicatorIndex === undefined || periodIndex < 0 || Number.isNaN(value))
		return;
	let local = 0;
	if (enterprise) {
		local = pilot.enterpriseLocal.get(enterprise) ?? pilot.enterpriseLocal.size + 1;
		pilot.enterpriseLocal.set(enterprise, local);
	}
	store.push({
		row,
		pilot: pilot.index,
		enterprise,
		local,
		period: periodIndex,
		indicator: indicatorIndex,
		value,
		note: cell('note')
	});
}
