/**
 * Checking one record of an indicator file and keeping the accepted ones compactly (typed arrays,
 * not objects), so that a million rows fit in a bounded memory.
 */
import { INDICATORS, resolveIndicator, toCanonical } from '../../domain/indicators';
import { parsePeriod, periodKey } from '../../domain/periods';
import type { Problem } from '../../problems';
import { parseNumber } from '../ingest/number';
import { INDICATOR_INDEX, type PilotContext, type pilotLookup } from './context';
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
	row: Int32Array;
	pilot: Int32Array;
	enterprise: Int32Array;
	enterpriseLocal: Int32Array;
	period: Int8Array;
	indicator: Int8Array;
	value: Float64Array;
	/** Notes repeat: each distinct text is kept once, rows point at it (0: no note). */
	private note: Int32Array;
	private noteTexts: string[] = [''];
	private noteIds = new Map<string, number>();

	/** `expected` sizes the arrays up front (a guess from the file size), so that they rarely have to grow. */
	constructor(expected = 1024) {
		const n = Math.max(1024, expected);
		this.row = new Int32Array(n);
		this.pilot = new Int32Array(n);
		this.enterprise = new Int32Array(n);
		this.enterpriseLocal = new Int32Array(n);
		this.period = new Int8Array(n);
		this.indicator = new Int8Array(n);
		this.value = new Float64Array(n);
		this.note = new Int32Array(n);
	}

	/** The note of row i, or null. */
	noteOf(i: number): string | null {
		return this.note[i] ? this.noteTexts[this.note[i]] : null;
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
		this.enterprise[i] = enterprise;
		this.enterpriseLocal[i] = local;
		this.period[i] = period;
		this.indicator[i] = indicator;
		this.value[i] = value;
		if (note) {
			let id = this.noteIds.get(note);
			if (id === undefined) {
				id = this.noteTexts.push(note) - 1;
				this.noteIds.set(note, id);
			}
			this.note[i] = id;
		}
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
		this.note = copy(this.note, (k) => new Int32Array(k));
	}
}

export type ColumnIndex = Record<string, number>;

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

	constructor(
		cols: ColumnIndex,
		private names: Record<string, string>,
		private pilots: ReturnType<typeof pilotLookup>,
		private today: string,
		private store: RowStore,
		private problems: Problem[]
	) {
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

	/** Checks one record at spreadsheet row `row`; returns whether it was accepted. */
	check(record: string[], row: number): boolean {
		const { c, problems } = this;
		const before = problems.length;
		const pilotCode = (record[c.pilot] ?? '').trim();
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

		const enterpriseCode = (record[c.enterprise] ?? '').trim();
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

		const indicatorCode = (record[c.indicator] ?? '').trim();
		let indicatorIndex = INDICATOR_INDEX.get(indicatorCode);
		if (indicatorIndex === undefined && indicatorCode) {
			const resolved = resolveIndicator(indicatorCode);
			indicatorIndex = resolved ? INDICATOR_INDEX.get(resolved.code) : undefined;
		}
		const indicator = indicatorIndex === undefined ? undefined : INDICATORS[indicatorIndex];
		if (!indicatorCode) problems.push(problem('E_REQUIRED', this.at(row, 'indicator_code', indicatorCode)));
		else if (!indicator) problems.push(problem('E_INDICATOR_UNKNOWN', this.at(row, 'indicator_code', indicatorCode)));

		const rawPeriod = (record[c.period] ?? '').trim();
		let periodIndex = -1;
		const key = rawPeriod ? this.periodKeyOf(rawPeriod) : null;
		if (!rawPeriod) problems.push(problem('E_REQUIRED', this.at(row, 'period', rawPeriod)));
		else if (!key) problems.push(problem('E_PERIOD_FORMAT', this.at(row, 'period', rawPeriod)));
		else if (pilot) {
			periodIndex = pilot.periods.indexOf(key);
			if (periodIndex < 0)
				problems.push(
					problem('E_PERIOD_OUTSIDE_TERM', this.at(row, 'period', rawPeriod), { allowed: pilot.periods.join(', ') })
				);
			else if (pilot.locked.has(key)) {
				const lock = pilot.locked.get(key)!;
				const date = new Date(lock.at + 8 * 3600_000).toISOString().slice(0, 10);
				problems.push(
					problem('E_PERIOD_LOCKED', this.at(row, 'period', rawPeriod), { period: key, by: lock.by, date })
				);
				periodIndex = -1;
			} else if (pilot.periodStarts[periodIndex] > this.today) {
				problems.push(
					problem('E_PERIOD_NOT_BEGUN', this.at(row, 'period', rawPeriod), { start: pilot.periodStarts[periodIndex] })
				);
				periodIndex = -1;
			}
		}

		const rawValue = (record[c.value] ?? '').trim();
		let value = NaN;
		if (!rawValue) problems.push(problem('E_VALUE_EMPTY', this.at(row, 'value', rawValue)));
		else if (rawValue.endsWith('%') && indicator?.unit !== '%')
			problems.push(problem('E_VALUE_PERCENT', this.at(row, 'value', rawValue)));
		else {
			const n = parseNumber(rawValue);
			if (n === null) problems.push(problem('E_VALUE_NOT_NUMBER', this.at(row, 'value', rawValue)));
			else if (n < 0 && indicator && !indicator.canBeNegative)
				problems.push(problem('E_VALUE_NEGATIVE', this.at(row, 'value', rawValue)));
			else if (indicator && indicatorIndex !== undefined) {
				const unit = (record[c.unit] ?? '').trim();
				const f = this.factor(indicatorIndex, unit);
				if (f === null)
					problems.push(
						problem('E_UNIT', this.at(row, 'unit', unit), {
							unit: unit || '—',
							allowed: indicator.units.map((u) => u.unit).join(', ')
						})
					);
				else value = n * f;
			}
		}

		if (problems.length > before || !pilot || indicatorIndex === undefined || periodIndex < 0 || Number.isNaN(value))
			return false;
		let local = 0;
		if (enterprise) {
			local = pilot.enterpriseLocal.get(enterprise) ?? pilot.enterpriseLocal.size + 1;
			pilot.enterpriseLocal.set(enterprise, local);
		}
		const note = c.note >= 0 ? (record[c.note] ?? '').trim() : '';
		this.store.push(row, pilot.index, enterprise, local, periodIndex, indicatorIndex, value, note);
		return true;
	}
}
