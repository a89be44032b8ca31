/**
 * Comparing a pilot's rows in a file with what is stored: each row is new, changed or unchanged,
 * and each stored value of a covered quarter that the file no longer holds is removed. Also flags
 * probable ×1000 unit slips against the row's own history or the pilot's baseline. Keys are numbers
 * and results typed arrays: this runs for every row of a million-row file.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import type Database from 'better-sqlite3';
import { INDICATORS } from '../../domain/indicators';
import type { Problem } from '../../csv/problems';
import { INDICATOR_INDEX, type PilotContext } from './context';
import { problem } from './problems';
import type { RowStore } from './rows';

export const NEW = 0;
export const CHANGED = 1;
export const UNCHANGED = 2;

export type PilotComparison = {
	from: number;
	to: number;
	/**
	 * Per position k in from..to of the sorted order: NEW, CHANGED or UNCHANGED, and the stored row id it replaces and
	 * its value (0: none). Both are empty for a pilot with nothing stored yet (a first upload holds only the status, one
	 * byte a row), and the values are let go once the changes are listed (see `forgetOldValues`).
	 */
	status: Int8Array;
	oldId: Uint32Array;
	oldValue: Float64Array;
	/** Stored rows of covered quarters that the file drops. */
	removed: { period: number; id: number; enterprise: number | null; indicator: string; value: number }[];
	/** Per period index: does the file cover it, and does anything in it change? */
	covered: boolean[];
	changed: boolean[];
	counts: { new: number[]; changed: number[]; unchanged: number[]; removed: number[] };
};

type StoredRow = { id: number; period: string; e: number | null; c: string; value: number; note: string | null };

const keyOf = (period: number, enterprise: number, indicator: number) => (enterprise * 4 + period) * 64 + indicator;

/** Loads the pilot's current values and compares the file's rows `from`..`to` (sorted, one pilot) with them. */
export function comparePilot(
	statement: Database.Statement,
	pilot: PilotContext,
	store: RowStore,
	from: number,
	to: number,
	warnings: Problem[],
	columnName: (key: string) => string
): PilotComparison {
	const stored = statement.all(pilot.id) as StoredRow[];
	const current = new Map<number, StoredRow>();
	const history = new Map<number, number[]>();
	for (const r of stored) {
		const p = pilot.periods.indexOf(r.period);
		const ind = INDICATOR_INDEX.get(r.c) ?? 63;
		if (p >= 0) current.set(keyOf(p, r.e ?? 0, ind), r);
		const h = (r.e ?? 0) * 64 + ind;
		const list = history.get(h);
		if (list) list.push(r.value);
		else history.set(h, [r.value]);
	}
	const n = to - from;
	const cmp: PilotComparison = {
		from,
		to,
		status: new Int8Array(n),
		oldId: new Uint32Array(current.size ? n : 0),
		oldValue: new Float64Array(current.size ? n : 0),
		removed: [],
		covered: [false, false, false, false],
		changed: [false, false, false, false],
		counts: { new: [0, 0, 0, 0], changed: [0, 0, 0, 0], unchanged: [0, 0, 0, 0], removed: [0, 0, 0, 0] }
	};
	const seen = current.size ? new Set<number>() : null;
	const perEnterprise = Math.max(1, pilot.enterprises.size);
	for (let k = 0; k < n; k++) {
		const i = from + k;
		const p = store.period[i];
		const e = store.enterprise(i);
		const ind = store.indicator[i];
		const value = store.value[i];
		cmp.covered[p] = true;
		const old = current.size ? current.get(keyOf(p, e, ind)) : undefined;
		if (!old) {
			cmp.status[k] = NEW;
			cmp.counts.new[p]++;
			cmp.changed[p] = true;
		} else {
			seen!.add(keyOf(p, e, ind));
			if (old.id > 0xffffffff) throw new Error(`observation id ${old.id} is past what the intake can hold`);
			cmp.oldId[k] = old.id;
			cmp.oldValue[k] = old.value;
			if (old.value === value && (old.note ?? '') === (store.noteOf(i) ?? '')) {
				cmp.status[k] = UNCHANGED;
				cmp.counts.unchanged[p]++;
			} else {
				cmp.status[k] = CHANGED;
				cmp.counts.changed[p]++;
				cmp.changed[p] = true;
			}
		}
		const slip = slipAgainst(
			history.get(e * 64 + ind),
			old?.value,
			pilot.baselines.get(INDICATORS[ind].code),
			INDICATORS[ind].kind,
			e ? perEnterprise : 1,
			value
		);
		if (slip)
			warnings.push(
				problem(
					'W_UNIT_SLIP',
					{ row: store.row[i], column: columnName('value'), value: String(value) },
					{
						ratio: slip >= 1 ? Math.round(slip) : `1/${Math.round(1 / slip)}`
					}
				)
			);
	}
	for (const [key, r] of current) {
		const p = pilot.periods.indexOf(r.period);
		if (cmp.covered[p] && !seen!.has(key)) {
			cmp.removed.push({ period: p, id: r.id, enterprise: r.e, indicator: r.c, value: r.value });
			cmp.counts.removed[p]++;
			cmp.changed[p] = true;
		}
	}
	return cmp;
}

/**
 * The ratio to report when a value looks like a ×1000 slip, else null. The value is compared with
 * its own history (other quarters, not the value it replaces) and the baseline's quarterly share; it
 * is a slip only when it sits about a thousand times off most of them — so that one slipped quarter
 * in the history does not make every later, correct quarter look wrong.
 */
function slipAgainst(
	past: number[] | undefined,
	replaced: number | undefined,
	baseline: number | undefined,
	kind: string,
	share: number,
	value: number
): number | null {
	const references = past ? (replaced === undefined ? [...past] : past.filter((v) => v !== replaced)) : [];
	if (baseline && kind === 'periodic') references.push(baseline / 4 / share);
	const off = references.map((r) => value / r).filter((ratio) => isSlip(ratio));
	return off.length > references.length / 2 ? median(off) : null;
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** About a thousand times (or a thousandth), within a factor of about three (300–3000). */
function isSlip(ratio: number): boolean {
	const r = ratio >= 1 ? ratio : 1 / ratio;
	return r >= 1000 / Math.sqrt(10) && r <= 1000 * Math.sqrt(10);
}

const NO_VALUES = new Float64Array(0);

/** Lets the stored values go once the summary has listed the changes: the write needs only the ids. */
export function forgetOldValues(cmp: PilotComparison): void {
	cmp.oldValue = NO_VALUES;
}
