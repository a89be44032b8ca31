/**
 * The data behind a chart as a plain table: what the panel shows under the chart (so the numbers are
 * readable without seeing the picture) and what it offers as CSV and JSON downloads. Pure, so it runs
 * the same on the server, in the browser and in tests.
 */
import { toCsv } from '$lib/csv/write';

export type ChartTable = {
	columns: { key: string; label: string; isNumeric?: boolean }[];
	rows: Record<string, string | number | null>[];
	/** Per row, the link on the first cell (the same drill-down the chart's items offer). */
	hrefs?: (string | null)[];
};

/** A row's cells in column order; a key the row lacks is an empty cell, not `undefined`. */
function cells(table: ChartTable, row: ChartTable['rows'][number]): (string | number | null)[] {
	return table.columns.map((c) => row[c.key] ?? null);
}

/** The table as CSV: the column labels as header, every cell formula-safe, with a BOM for Excel. */
export function tableCsv(table: ChartTable): string {
	return toCsv(
		table.columns.map((c) => c.label),
		table.rows.map((r) => cells(table, r))
	);
}

/**
 * The table as a pretty JSON array of row objects keyed by column key. Only the declared columns are
 * written, so a helper field on a row never leaks into the export.
 */
export function tableJson(table: ChartTable): string {
	const rows = table.rows.map((r) => Object.fromEntries(table.columns.map((c) => [c.key, r[c.key] ?? null])));
	return JSON.stringify(rows, null, 2);
}
