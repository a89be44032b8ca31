/**
 * Checking one record of an indicator file and keeping the accepted ones compactly (typed arrays,
 * not objects), so that a million rows fit in a bounded memory.
 */
import { INDICATORS, RATE_RANGE, resolveIndicator, toCanonical } from '../../domain/indicators';
import { parsePeriod, periodKey } from '../../domain/periods';
import type { Problem } from '../../csv/problems';
import { FORM_EXPONENT, FORM_FULL_WIDTH, FORM_GROUPED, parseNumber, type NumberForms } from '../csv/number';
import { CONTROL, CONTROL_STRICT, describeChar, firstMatch } from './chars';
import { INDICATOR_INDEX, type PilotContext, type pilotLookup } from './context';
import type { NoticeCollector } from './notices';
import { problem } from './problems';

const PLAIN_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The longest note kept, in characters; a longer one refuses its row (notes are short remarks on a figure). */
export const MAX_NOTE_CHARS = 2000;
/** The longest other cell (codes, periods, values, units, indicator names). */
export const MAX_CELL_CHARS = 200;

/** The first character of a code that is not a plain identifier character (look-alikes, controls, spaces). */
function badCodeChar(code: string): { position: number; hex: string; nameZh: string; nameEn: string } | null {
	if (PLAIN_CODE.test(code)) return null;
	const chars = [...code];
	const i = chars.findIndex((c, n) => !/[A-Za-z0-9._-]/.test(c) || (n === 0 && !/[A-Za-z0-9]/.test(c)));
	return { position: Math.max(0, i) + 1, ...describeChar(chars[Math.max(0, i)]) };
}

/**
 * Only ASCII spaces are trimmed: a no-break or ideographic space, a tab or a zero-width space next to a code is
 * reported as what it is (E_CODE_CHARS), never removed without a word.
 */
function trimSpaces(cell: string): string {
	return cell.charCodeAt(0) === 32 || cell.charCodeAt(cell.length - 1) === 32 ? cell.replace(/^ +| +$/g, '') : cell;
}

/**
 * Accepted rows, column by column; grows by doubling. 18 bytes a row (22 once any row has a note): a million-row
 * file's rows take about 18 MB, the largest part of an import's memory (issue 16).
 */
export class RowStore {
	length = 0;
	row: Int32Array;
	/** The pilot's index in the lookup (under 65,536: the programme approves hundreds). */
	pilot: Uint16Array;
	/** The enterprise's place within its pilot (1-based, 0: the pilot's own row; under 65,536, as the sort key assumes). */
	enterpriseLocal: Uint16Array;
	period: Int8Array;
	indicator: Int8Array;
	value: Float64Array;
	/** Per pilot index, the enterprise id of each place (the id is not kept per row: 4 bytes a row less). */
	private enterpriseIds: number[][] = [];
	/** Notes repeat: each distinct text is kept once, rows point at it (0: no note). Made at the first note. */
	private note: Int32Array | null = null;
	private noteTexts: string[] = [''];
	private noteIds = new Map<string, number>();

	/** `expected` sizes the arrays up front (a guess from the file size), so that they rarely have to grow. */
	constructor(expected = 1024) {
		const n = Math.max(1024, expected);
		this.row = new Int32Array(n);
		this.pilot = new Uint16Array(n);
		this.enterpriseLocal = new Uint16Array(n);
		this.period = new Int8Array(n);
		this.indicator = new Int8Array(n);
		this.value = new Float64Array(n);
	}

	/** The note of row i, or null. */
	noteOf(i: number): string | null {
		return this.note?.[i] ? this.noteTexts[this.note[i]] : null;
	}

	/** The enterprise id of row i (0: a pilot-level row). */
	enterprise(i: number): number {
		const local = this.enterpriseLocal[i];
		return local ? this.enterpriseIds[this.pilot[i]][local] : 0;
	}

	push(
		row: number,
		pilot: number,
		enterprise: number,
		local: number,
		period: number,
		indicator: number,
		value: number,
		note: string
	) {
		if (this.length === this.row.length) this.grow();
		const i = this.length++;
		this.row[i] = row;
		this.pilot[i] = pilot;
		this.enterpriseLocal[i] = local;
		if (local) (this.enterpriseIds[pilot] ??= [])[local] = enterprise;
		this.period[i] = period;
		this.indicator[i] = indicator;
		this.value[i] = value;
		if (note) {
			let id = this.noteIds.get(note);
			if (id === undefined) {
				id = this.noteTexts.push(note) - 1;
				this.noteIds.set(note, id);
			}
			(this.note ??= new Int32Array(this.row.length))[i] = id;
		}
	}

	/**
	 * Puts the rows in key order, in place: each column is rebuilt in turn (a file's rows usually come grouped already,
	 * and then nothing moves). The caller's order is a permutation of 0..length-1.
	 */
	reorder(order: Int32Array) {
		const n = this.length;
		this.rebuild(this.row.length, (from, to) => {
			for (let k = 0; k < n; k++) to[k] = from[order[k]];
		});
	}

	/** The sort key: pilot (in order of appearance), enterprise within it, period, indicator. */
	key(i: number): number {
		return ((this.pilot[i] * 65536 + this.enterpriseLocal[i]) * 4 + this.period[i]) * 64 + this.indicator[i];
	}

	private grow() {
		this.rebuild(this.row.length * 2, (from, to) => to.set(from));
	}

	/** Replaces each column, one at a time, by a new one of `size` rows that `fill` fills from the old. */
	private rebuild(size: number, fill: (from: Column, to: Column) => void) {
		const next = <T extends Column>(from: T, make: (n: number) => T): T => {
			const to = make(size);
			fill(from, to);
			return to;
		};
		this.row = next(this.row, (k) => new Int32Array(k));
		this.pilot = next(this.pilot, (k) => new Uint16Array(k));
		this.enterpriseLocal = next(this.enterpriseLocal, (k) => new Uint16Array(k));
		this.period = next(this.period, (k) => new Int8Array(k));
		this.indicator = next(this.indicator, (k) => new Int8Array(k));
		this.value = next(this.value, (k) => new Float64Array(k));
		if (this.note) this.note = next(this.note, (k) => new Int32Array(k));
	}
}

type Column = Int32Array | Uint16Array | Int8Array | Float64Array;

export type ColumnIndex = Record<string, number>;

/** The cells scanned for controls and length, in bit order. */
const CELL_KEYS = ['period', 'indicator_code', 'value', 'unit', 'note'] as const;
const CELL_PERIOD = 1;
const CELL_INDICATOR = 2;
const CELL_VALUE = 4;
const CELL_UNIT = 8;

/**
 * Checks records one by one; accepted rows go to `store`, problems to `problems`. Every cell is
 * checked, so that one pass reports everything wrong with a row. Parsed periods, unit factors and
 * checked codes are cached: a file repeats the same few of each a million times.
 */
export class RowChecker {
	private periods = new Map<string, string | null>();
	private factors = new Map<string, number | null>();
	private plainCodes = new Set<string>();
	private c: {
		pilot: number;
		enterprise: number;
		period: number;
		indicator: number;
		value: number;
		unit: number;
		note: number;
	};

	private forms: NumberForms = { bits: 0 };
	/** The header's width without Excel's trailing empty columns. */
	private width: number;

	constructor(
		cols: ColumnIndex,
		private names: Record<string, string>,
		private pilots: ReturnType<typeof pilotLookup>,
		private today: string,
		private store: RowStore,
		private problems: Problem[],
		private notices: NoticeCollector,
		header: string[],
		/** Set once the file is seen to hold a control character, a quote or a stray tab: cells are then scanned. */
		private scan: { isNeeded: boolean } = { isNeeded: true }
	) {
		let width = header.length;
		while (width > 0 && header[width - 1].trim() === '') width--;
		this.width = width;
		this.c = {
			pilot: cols.pilot_code,
			enterprise: cols.enterprise_code,
			period: cols.period,
			indicator: cols.indicator_code,
			value: cols.value,
			unit: cols.unit,
			note: cols.note ?? -1
		};
	}

	private at(row: number, key: string, value: string) {
		return { row, column: this.names[key] ?? key, value };
	}

	private codeProblem(code: string) {
		if (this.plainCodes.has(code)) return null;
		const bad = badCodeChar(code);
		if (!bad) this.plainCodes.add(code);
		return bad;
	}

	private periodKeyOf(raw: string): string | null {
		let key = this.periods.get(raw);
		if (key === undefined) {
			const p = parsePeriod(raw);
			key = p ? periodKey(p) : null;
			this.periods.set(raw, key);
		}
		return key;
	}

	private factor(indicatorIndex: number, unit: string): number | null {
		const cacheKey = `${indicatorIndex}|${unit}`;
		let f = this.factors.get(cacheKey);
		if (f === undefined) {
			f = unit ? toCanonical(INDICATORS[indicatorIndex], 1, unit) : null;
			this.factors.set(cacheKey, f);
		}
		return f;
	}

	/**
	 * The record's field count against the header's: more fields are accepted only when the extra ones are empty
	 * (Excel's trailing separators); fewer, or a filled extra field (an unquoted comma in a note), refuse the row.
	 */
	private hasWidth(record: string[], row: number): boolean {
		if (record.length === this.width) return true;
		if (record.length > this.width) {
			let k = this.width;
			while (k < record.length && record[k] === '') k++;
			if (k === record.length) return true;
		}
		this.problems.push(problem('E_FIELD_COUNT', { row }, { found: record.length, expected: this.width }));
		return false;
	}

	/**
	 * Control characters and over-long cells of the mapped columns (codes get their own check, E_CODE_CHARS);
	 * returns the refused cells as bits of CELL_KEYS' order, so that they are not refused a second time.
	 */
	private cellProblems(record: string[], row: number): number {
		let refused = 0;
		for (let b = 0; b < CELL_KEYS.length; b++) {
			const key = CELL_KEYS[b];
			const i = key === 'note' ? this.c.note : this.c[key === 'indicator_code' ? 'indicator' : key];
			const cell = i >= 0 ? record[i] : undefined;
			if (!cell) continue;
			const limit = key === 'note' ? MAX_NOTE_CHARS : MAX_CELL_CHARS;
			if (cell.length > limit) {
				this.problems.push(
					problem('E_FIELD_TOO_LONG', this.at(row, key, `${cell.slice(0, 40)}…`), { length: cell.length, limit })
				);
				refused |= 1 << b;
				continue;
			}
			if (!this.scan.isNeeded) continue;
			const bad = firstMatch(cell, key === 'note' ? CONTROL : CONTROL_STRICT);
			if (bad) {
				this.problems.push(
					problem('E_CONTROL_CHAR', this.at(row, key, cell), { position: bad.position, ...describeChar(bad.char) })
				);
				refused |= 1 << b;
			}
		}
		return refused;
	}

	/** Checks one record at spreadsheet row `row`; returns whether it was accepted. */
	check(record: string[], row: number): boolean {
		const { c, problems, notices } = this;
		if (!this.hasWidth(record, row)) return false;
		const before = problems.length;
		const refusedCells = this.cellProblems(record, row);
		const pilotCode = trimSpaces(record[c.pilot] ?? '');
		let pilot: PilotContext | null = null;
		if (!pilotCode) problems.push(problem('E_REQUIRED', this.at(row, 'pilot_code', pilotCode)));
		else {
			const bad = this.codeProblem(pilotCode);
			if (bad) problems.push(problem('E_CODE_CHARS', this.at(row, 'pilot_code', pilotCode), bad));
			else {
				const found = this.pilots.get(pilotCode);
				if (found.kind === 'ok') pilot = found.pilot;
				else {
					const code =
						found.kind === 'unknown'
							? 'E_PILOT_UNKNOWN'
							: found.kind === 'forbidden'
								? 'E_PILOT_FORBIDDEN'
								: 'E_PILOT_NO_TERM';
					problems.push(problem(code, this.at(row, 'pilot_code', pilotCode)));
				}
			}
		}

		const enterpriseCode = trimSpaces(record[c.enterprise] ?? '');
		let enterprise = 0;
		if (enterpriseCode) {
			const bad = this.codeProblem(enterpriseCode);
			if (bad) problems.push(problem('E_CODE_CHARS', this.at(row, 'enterprise_code', enterpriseCode), bad));
			else if (pilot) {
				const id = pilot.enterprises.get(enterpriseCode);
				if (id === undefined)
					problems.push(
						problem('E_ENTERPRISE_UNKNOWN', this.at(row, 'enterprise_code', enterpriseCode), { pilot: pilot.code })
					);
				else enterprise = id;
			}
		}

		const indicatorCode = trimSpaces(record[c.indicator] ?? '');
		let indicatorIndex = INDICATOR_INDEX.get(indicatorCode);
		if (indicatorIndex === undefined && indicatorCode) {
			const resolved = resolveIndicator(indicatorCode);
			indicatorIndex = resolved ? INDICATOR_INDEX.get(resolved.code) : undefined;
			if (resolved) notices.add('N_INDICATOR_NAME', row, indicatorCode, resolved.code);
		}
		const indicator = indicatorIndex === undefined ? undefined : INDICATORS[indicatorIndex];
		if (refusedCells & CELL_INDICATOR) indicatorIndex = undefined;
		else if (!indicatorCode) problems.push(problem('E_REQUIRED', this.at(row, 'indicator_code', indicatorCode)));
		else if (!indicator) problems.push(problem('E_INDICATOR_UNKNOWN', this.at(row, 'indicator_code', indicatorCode)));

		const rawPeriod = trimSpaces(record[c.period] ?? '');
		let periodIndex = -1;
		const key = rawPeriod ? this.periodKeyOf(rawPeriod) : null;
		if (refusedCells & CELL_PERIOD) periodIndex = -1;
		else if (!rawPeriod) problems.push(problem('E_REQUIRED', this.at(row, 'period', rawPeriod)));
		else if (!key) problems.push(problem('E_PERIOD_FORMAT', this.at(row, 'period', rawPeriod)));
		else {
			if (key !== rawPeriod) notices.add('N_PERIOD_FORM', row, rawPeriod, key);
			if (pilot) periodIndex = this.periodIndex(pilot, key, row, rawPeriod);
		}

		const value = refusedCells & (CELL_VALUE | CELL_UNIT) ? NaN : this.value(record, row, indicatorIndex);

		if (problems.length > before || !pilot || indicatorIndex === undefined || periodIndex < 0 || Number.isNaN(value))
			return false;
		let local = 0;
		if (enterprise) {
			local = pilot.enterpriseLocal.get(enterprise) ?? pilot.enterpriseLocal.size + 1;
			pilot.enterpriseLocal.set(enterprise, local);
		}
		// The note is kept exactly as typed (leading tabs, CRLF inside quotes): it leaves the product escaped.
		const note = c.note >= 0 ? (record[c.note] ?? '') : '';
		this.store.push(row, pilot.index, enterprise, local, periodIndex, indicatorIndex, value, note);
		return true;
	}

	/** The term-quarter index of a period the pilot may report now, else -1 with the problem recorded. */
	private periodIndex(pilot: PilotContext, key: string, row: number, raw: string): number {
		const index = pilot.periods.indexOf(key);
		const where = this.at(row, 'period', raw);
		if (index < 0) {
			this.problems.push(problem('E_PERIOD_OUTSIDE_TERM', where, { allowed: pilot.periods.join(', ') }));
			return -1;
		}
		const lock = pilot.locked.get(key);
		if (lock) {
			const date = new Date(lock.at + 8 * 3600_000).toISOString().slice(0, 10);
			this.problems.push(problem('E_PERIOD_LOCKED', where, { period: key, by: lock.by, date }));
			return -1;
		}
		if (pilot.periodStarts[index] > this.today) {
			this.problems.push(problem('E_PERIOD_NOT_BEGUN', where, { start: pilot.periodStarts[index] }));
			return -1;
		}
		// A quarter is reported once it has ended, unless an admin opened it for provisional data.
		if (pilot.periodEnds[index] >= this.today && !pilot.provisional.has(key)) {
			this.problems.push(problem('E_PERIOD_NOT_ENDED', where, { period: key, end: pilot.periodEnds[index] }));
			return -1;
		}
		return index;
	}

	/**
	 * The value in the indicator's canonical unit, or NaN with the problem recorded (sign, count, rate rules). With
	 * no known indicator only the number itself is checked.
	 */
	private value(record: string[], row: number, indicatorIndex: number | undefined): number {
		const { c, problems, notices } = this;
		const indicator = indicatorIndex === undefined ? undefined : INDICATORS[indicatorIndex];
		let raw = trimSpaces(record[c.value] ?? '');
		const where = this.at(row, 'value', raw);
		if (!raw) {
			problems.push(problem('E_VALUE_EMPTY', where));
			return NaN;
		}
		if (raw.endsWith('%') || raw.endsWith('％')) {
			if (indicator?.unit !== '%') {
				problems.push(problem('E_VALUE_PERCENT', where));
				return NaN;
			}
			raw = raw.slice(0, -1);
			notices.add('N_PERCENT_SIGN', row);
		}
		const n = parseNumber(raw, this.forms);
		if (n === null) {
			problems.push(problem('E_VALUE_NOT_NUMBER', where));
			return NaN;
		}
		const forms = this.forms.bits;
		if (forms) {
			if (forms & FORM_FULL_WIDTH) notices.add('N_FULL_WIDTH', row);
			if (forms & FORM_GROUPED) notices.add('N_THOUSANDS_SEPARATOR', row);
			if (forms & FORM_EXPONENT) notices.add('N_EXPONENT', row);
		}
		if (!indicator || indicatorIndex === undefined) return NaN;
		if (n < 0 && indicator.sign === 'non_negative') {
			problems.push(problem('E_VALUE_NEGATIVE', where));
			return NaN;
		}
		const unit = trimSpaces(record[c.unit] ?? '');
		const f = this.factor(indicatorIndex, unit);
		if (f === null) {
			problems.push(
				problem('E_UNIT', this.at(row, 'unit', unit), {
					unit: unit || '—',
					allowed: indicator.units.map((u) => u.unit).join(', ')
				})
			);
			return NaN;
		}
		if (f !== 1) notices.add('N_UNIT_CONVERTED', row, unit, indicator.unit);
		// 1234 kg ÷ 1000 is 1.234; × 0.001 would store 1.2340000000000002
		const value = f === 1 ? n : f < 1 ? n / Math.round(1 / f) : n * f;
		if (indicator.isInteger && !Number.isInteger(value)) {
			problems.push(problem('E_VALUE_NOT_INTEGER', where, { unit: indicator.unit }));
			return NaN;
		}
		if (indicator.kind === 'rate' && (value < RATE_RANGE.min || value > RATE_RANGE.max)) {
			problems.push(problem('E_RATE_RANGE', where, { min: RATE_RANGE.min, max: RATE_RANGE.max }));
			return NaN;
		}
		return value;
	}
}
