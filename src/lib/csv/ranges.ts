/** Row numbers written as ranges, shared by the intake's notices and the grouped problem lists (client-safe). */

/** Ranges a message shows before "…". */
export const MAX_RANGES = 12;

/**
 * Ascending rows as ranges: [2, 3, 4, 7, 9, 10] → "2–4, 7, 9–10". Past `max` ranges it writes "…" and counts the
 * rest of `total` (the rows not covered), so a shortened list still says how many rows it stands for.
 */
export function rowRanges(rows: readonly number[], total = rows.length, max = MAX_RANGES): string {
	const ranges: string[] = [];
	let covered = 0;
	let k = 0;
	while (k < rows.length && ranges.length < max) {
		let j = k;
		while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
		ranges.push(j > k ? `${rows[k]}–${rows[j]}` : String(rows[k]));
		covered += j - k + 1;
		k = j + 1;
	}
	return covered < total ? `${ranges.join(', ')}, … (+${total - covered})` : ranges.join(', ');
}
