/**
 * The order of an import's accepted rows: sorted by pilot, enterprise, period and indicator (a file's
 * own order when it is already grouped), repeated keys refused, and each pilot's range of rows.
 */
import type { Problem } from '../../csv/problems';
import { problem } from './problems';
import type { RowStore } from './rows';

/** Row indexes in key order (the file order when it is already grouped, as files usually are). */
export function sortedOrder(store: RowStore): Int32Array {
	const order = new Int32Array(store.length);
	let isSorted = true;
	for (let i = 0; i < store.length; i++) {
		order[i] = i;
		if (i > 0 && store.key(i) < store.key(i - 1)) isSorted = false;
	}
	if (!isSorted) {
		const keys = new Float64Array(store.length);
		for (let i = 0; i < store.length; i++) keys[i] = store.key(i);
		order.sort((a, b) => keys[a] - keys[b] || a - b);
	}
	return order;
}

/** Refuses every row of a repeated (pilot, enterprise, period, indicator), naming all its rows. */
export function findDuplicates(
	store: RowStore,
	order: Int32Array,
	pilots: { code: string }[],
	names: Record<string, string>,
	problems: Problem[],
	refused: Set<number>
): void {
	let k = 0;
	while (k < order.length) {
		let j = k + 1;
		while (j < order.length && store.key(order[j]) === store.key(order[k])) j++;
		if (j - k > 1) {
			const rows = Array.from(order.subarray(k, j), (i) => store.row[i]).sort((a, b) => a - b);
			for (const row of rows) {
				problems.push(
					problem(
						'E_DUPLICATE',
						{ row, column: names.indicator_code ?? 'indicator_code', value: pilots[store.pilot[order[k]]].code },
						{ rows: rows.join(', ') }
					)
				);
				refused.add(row);
			}
		}
		k = j;
	}
}

export function* pilotRanges(store: RowStore, order: Int32Array): Generator<[number, number, number]> {
	let k = 0;
	while (k < order.length) {
		const pilot = store.pilot[order[k]];
		let j = k + 1;
		while (j < order.length && store.pilot[order[j]] === pilot) j++;
		yield [pilot, k, j];
		k = j;
	}
}
