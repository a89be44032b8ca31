/**
 * Comparing a pilot's rows in a file with what is stored: each row is new, changed or unchanged,
 * and each stored value of a covered quarter that the file no longer holds is removed. Also flags
 * probable ×1000 unit slips against the row's own history or the pilot's baseline.
 */
import type Database from 'better-sqlite3';
import { INDICATORS } from '../../domain/indicators';
import type { Problem } from '../../problems';
import type { PilotContext } from './context';
import { problem } from './problems';
import type { RowStore } from './rows';

export type Status = 'new' | 'changed' | 'unchanged';
export type Stored = { id: number; value: number; note: string | null };

export type PilotComparison = {
	/** Per accepted row index of this pilot: its status and the stored row it replaces. */
	statuses: { i: number; status: Status; old: Stored | null }[];
	/** Stored rows of covered quarters that the file drops, by period index. */
	removed: { period: number; stored: Stored }[];
	/** Period indexes the file covers. */
	periods: Set<number>;
};

const storedKey = (period: string, enterprise: number, indicator: string) => `${period}|${enterprise}|${indicator}`;

/** Loads the pilot's current values and compares the file's rows `from`..`to` (sorted, one pilot) with them. */
export function comparePilot(
	sqlite: Database.Database,
	pilot: PilotContext,
	store: RowStore,
	order: Int32Array,
	from: number,
	to: number,
	warnings: Problem[],
	columnName: (key: string) => string
): PilotComparison {
	const rows = sqlite
		.prepare(
			'SELECT id, period, enterprise_id AS e, indicator_code AS c, value, note FROM observations WHERE pilot_id = ? AND superseded_by IS NULL'
		)
		.all(pilot.id) as { id: number; period: string; e: number | null; c: string; value: number; note: string | null }[];
	const current = new Map<string, Stored>();
	const history = new Map<string, number[]>();
	for (const r of rows) {
		current.set(storedKey(r.period, r.e ?? 0, r.c), { id: r.id, value: r.value, note: r.note });
		const h = `${r.e ?? 0}|${r.c}`;
		history.set(h, [...(history.get(h) ?? []), r.value]);
	}
	const enterprises = Math.max(1, pilot.enterprises.size);
	const periods = new Set<number>();
	const seen = new Set<string>();
	const statuses: PilotComparison['statuses'] = [];
	for (let k = from; k < to; k++) {
		const i = order[k];
		const period = pilot.periods[store.period[i]];
		const indicator = INDICATORS[store.indicator[i]];
		const key = storedKey(period, store.enterprise[i], indicator.code);
		periods.add(store.period[i]);
		seen.add(key);
		const old = current.get(key) ?? null;
		const note = store.notes.get(i) ?? null;
		const status: Status = !old
			? 'new'
			: old.value === store.value[i] && (old.note ?? null) === note
				? 'unchanged'
				: 'changed';
		statuses.push({ i, status, old });
		const past = (history.get(`${store.enterprise[i]}|${indicator.code}`) ?? []).filter((v) => v !== old?.value);
		const baseline = pilot.baselines.get(indicator.code);
		const reference =
			past.length > 0
				? median(past)
				: baseline && indicator.kind === 'periodic'
					? baseline / 4 / (store.enterprise[i] ? enterprises : 1)
					: null;
		const ratio = reference ? store.value[i] / reference : null;
		if (ratio && (isNear(ratio, 1000) || isNear(1 / ratio, 1000)))
			warnings.push(
				problem(
					'W_UNIT_SLIP',
					{ row: store.row[i], column: columnName('value'), value: String(store.value[i]) },
					{
						ratio: ratio >= 1 ? Math.round(ratio) : `1/${Math.round(1 / ratio)}`
					}
				)
			);
	}
	const removed: PilotComparison['removed'] = [];
	for (const r of rows) {
		const p = pilot.periods.indexOf(r.period);
		if (p >= 0 && periods.has(p) && !seen.has(storedKey(r.period, r.e ?? 0, r.c)))
			removed.push({ period: p, stored: { id: r.id, value: r.value, note: r.note } });
	}
	return { statuses, removed, periods };
}

function median(values: number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Within a factor of about three of `target` (so 300–3000 around 1000). */
function isNear(ratio: number, target: number): boolean {
	return ratio >= target / Math.sqrt(10) && ratio <= target * Math.sqrt(10);
}
