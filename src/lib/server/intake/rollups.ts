/**
 * A covered quarter's roll-ups, computed from the file's rows of it in memory (after the write, a covered quarter's
 * current values are exactly those rows: the rest were removed). The same arithmetic as SQLite's own aggregates
 * would do over the stored rows — sums compensated as SQLite's sum() compensates them (Kahan–Babuška–Neumaier) —
 * without reading a million rows back:
 *   amounts: the pilot-level value, else the enterprises' sum; enterprise_sum the enterprises' sum (null: none);
 *   rates:   the pilot-level value, else the enterprises' mean weighted by their value of the rate's denominator
 *            indicator in the same quarter when every enterprise reported one (and they do not sum to 0), else a
 *            plain mean; enterprise_sum holds that mean. Rates are never summed.
 */
import { INDICATORS } from '../../domain/indicators';
import type { PilotComparison } from './compare';
import { INDICATOR_INDEX, type PilotContext } from './context';
import type { RowStore } from './rows';

export type RollupRow = { indicator: string; value: number; enterpriseSum: number | null; enterprises: number };

/** A sum compensated the way SQLite's sum() and avg() compensate theirs. */
class Sum {
	private sum = 0;
	private err = 0;
	count = 0;

	add(r: number): void {
		const s = this.sum;
		const t = s + r;
		if (Math.abs(s) > Math.abs(r)) this.err += s - t + r;
		else this.err += r - t + s;
		this.sum = t;
		this.count++;
	}

	get value(): number {
		return this.sum + this.err;
	}
}

type Cell = { pilot: number | null; enterprises: Sum; values: Map<number, number> };

/** Each covered quarter that got a revision, with the roll-up rows that replace its old ones. */
export function rollupsOf(
	pilot: PilotContext,
	store: RowStore,
	cmp: PilotComparison,
	revision: number[]
): { period: string; revisionId: number; rows: RollupRow[] }[] {
	const cells: Map<number, Cell>[] = [new Map(), new Map(), new Map(), new Map()];
	for (let i = cmp.from; i < cmp.to; i++) {
		const p = store.period[i];
		if (!revision[p]) continue;
		const ind = store.indicator[i];
		let cell = cells[p].get(ind);
		if (!cell) cells[p].set(ind, (cell = { pilot: null, enterprises: new Sum(), values: new Map() }));
		const e = store.enterprise(i);
		if (e === 0) cell.pilot = store.value[i];
		else {
			cell.enterprises.add(store.value[i]);
			cell.values.set(e, store.value[i]);
		}
	}
	const out: { period: string; revisionId: number; rows: RollupRow[] }[] = [];
	for (let p = 0; p < 4; p++) {
		if (!revision[p]) continue;
		const rows: RollupRow[] = [];
		for (const [ind, cell] of [...cells[p]].sort((a, b) => a[0] - b[0])) {
			const indicator = INDICATORS[ind];
			const n = cell.enterprises.count;
			if (indicator.kind !== 'rate') {
				const sum = n ? cell.enterprises.value : null;
				rows.push({ indicator: indicator.code, value: cell.pilot ?? sum!, enterpriseSum: sum, enterprises: n });
				continue;
			}
			const mean = n ? meanOf(cell, cells[p].get(INDICATOR_INDEX.get(indicator.weightBy ?? '') ?? -1)) : null;
			if (cell.pilot === null && mean === null) continue;
			rows.push({ indicator: indicator.code, value: cell.pilot ?? mean!, enterpriseSum: mean, enterprises: n });
		}
		out.push({ period: pilot.periods[p], revisionId: revision[p], rows });
	}
	return out;
}

/** The enterprises' mean of a rate: weighted when every one of them has a weight and the weights do not sum to 0. */
function meanOf(cell: Cell, weights: Cell | undefined): number {
	if (weights && [...cell.values.keys()].every((e) => weights.values.has(e))) {
		const weighted = new Sum();
		const total = new Sum();
		for (const [e, v] of cell.values) {
			const w = weights.values.get(e)!;
			weighted.add(v * w);
			total.add(w);
		}
		if (total.value > 0) return weighted.value / total.value;
	}
	return cell.enterprises.value / cell.enterprises.count;
}
