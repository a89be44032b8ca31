/**
 * From decoded text to rows keyed by column: CSV parsing with papaparse (delimiter , ; or tab
 * detected; CRLF, LF and lone CR; quoted fields with line breaks), header mapping by zh/en
 * aliases (any order, any case, surrounding spaces and BOM ignored), and every structural
 * problem reported with its row.
 */
import Papa from 'papaparse';
import { cellError, fileError, type Problem } from '../../csv/problems';

export type ColumnSpec = { key: string; aliases: readonly string[]; required: boolean };

export type TableRow = { row: number; cells: Record<string, string> };

export type Table = { rows: TableRow[]; columns: Record<string, string>; problems: Problem[] };

function normaliseHeader(h: string): string {
	return h
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/\s+/g, ' ');
}

/**
 * The delimiter of the text (, ; or tab), judged on its first non-empty lines: papaparse alone counts
 * empty lines (the final line break) as one-field rows and misses ; or tab in a two-column file.
 */
export function guessDelimiter(text: string): string {
	return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
		preview: 10,
		skipEmptyLines: 'greedy',
		delimitersToGuess: [',', ';', '\t']
	}).meta.delimiter;
}

/** Where each spec's column sits in a header row, with the header's problems (unknown, duplicated, missing). */
export function mapHeader(
	header: string[],
	specs: readonly ColumnSpec[]
): { index: Record<string, number>; columns: Record<string, string>; problems: Problem[] } {
	const problems: Problem[] = [];
	const index: Record<string, number> = {};
	const columns: Record<string, string> = {};
	header.forEach((raw, i) => {
		const h = normaliseHeader(raw);
		if (h === '') return;
		const spec = specs.find((s) => s.key === h || s.aliases.some((a) => normaliseHeader(a) === h));
		if (!spec) {
			problems.push({
				row: 1,
				column: raw.trim(),
				value: null,
				zh: `未知的列“${raw.trim()}”，已忽略`,
				en: `Unknown column "${raw.trim()}" ignored`,
				severity: 'warning',
				code: 'W_COLUMN_UNKNOWN'
			});
			return;
		}
		if (spec.key in index) {
			problems.push({
				...cellError(1, raw.trim(), raw.trim(), `列“${raw.trim()}”重复出现`, `Column "${raw.trim()}" appears twice`),
				code: 'E_COLUMN_DUPLICATE'
			});
			return;
		}
		index[spec.key] = i;
		columns[spec.key] = raw.trim();
	});
	const isChineseHeader = header.some((h) => /[\u4e00-\u9fff]/.test(h));
	for (const spec of specs) {
		if (spec.required && !(spec.key in index)) {
			problems.push({
				row: 1,
				// Name the column the way the file names its others: Chinese headers get the Chinese name.
				column: isChineseHeader ? (spec.aliases[0] ?? spec.key) : spec.key,
				value: null,
				zh: `缺少必需的列“${spec.aliases[0] ?? spec.key}”（${spec.key}）`,
				en: `Missing required column "${spec.key}" (${spec.aliases[0] ?? spec.key})`,
				severity: 'error',
				code: 'E_COLUMN_MISSING'
			});
		}
	}
	return { index, columns, problems };
}

/** Parses `text` into rows keyed by the specs' keys; `columns` maps each key to the header as written. */
export function readTable(text: string, specs: readonly ColumnSpec[]): Table {
	const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
		header: false,
		skipEmptyLines: false,
		delimiter: guessDelimiter(text)
	});
	const problems: Problem[] = [];
	for (const e of parsed.errors) {
		if (e.code === 'UndetectableDelimiter') continue;
		const row = (e.row ?? 0) + 1;
		if (e.type === 'Quotes')
			problems.push({
				row,
				column: null,
				value: null,
				zh: `第 ${row} 行的引号没有闭合`,
				en: `Row ${row} has a quote that is never closed`,
				severity: 'error'
			});
	}
	const records = parsed.data;
	const header = records[0];
	if (!header || header.every((h) => h.trim() === '')) {
		return {
			rows: [],
			columns: {},
			problems: [fileError('文件为空或缺少表头行', 'The file is empty or has no header row')]
		};
	}
	const mapped = mapHeader(header, specs);
	problems.push(...mapped.problems);
	const { index, columns } = mapped;
	const rows: TableRow[] = [];
	for (let r = 1; r < records.length; r++) {
		const record = records[r];
		if (record.every((c) => c.trim() === '')) continue;
		const cells: Record<string, string> = {};
		for (const [key, i] of Object.entries(index)) cells[key] = (record[i] ?? '').trim();
		rows.push({ row: r + 1, cells });
	}
	return { rows, columns, problems };
}

/** The header name to show for a key in messages: as the file wrote it, else the key. */
export function columnName(table: Pick<Table, 'columns'>, key: string): string {
	return table.columns[key] ?? key;
}
