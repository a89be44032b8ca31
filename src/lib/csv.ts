/** CSV helpers shared by server exports and browser downloads: formula-safe cells and the problem report. */
import Papa from 'papaparse';
import type { Problem } from './problems';

/**
 * Neutralises a text cell that a spreadsheet would run as a formula (= + - @ tab CR at the start) by
 * prefixing an apostrophe. Numbers, and text that is just a signed number, pass unchanged.
 */
export function formulaSafe(cell: string | number | null): string {
	if (cell === null) return '';
	if (typeof cell === 'number') return String(cell);
	return /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+(\.\d+)?$/.test(cell) ? `'${cell}` : cell;
}

/** Rows to CSV text with a BOM (so Excel reads UTF-8) and CRLF line ends, every cell formula-safe. */
export function toCsv(fields: string[], rows: (string | number | null)[][]): string {
	return '\uFEFF' + Papa.unparse({ fields, data: rows.map((r) => r.map(formulaSafe)) }, { newline: '\r\n' }) + '\r\n';
}

/** The validation report of an upload: one line per problem, with row, column, value, code and both messages. */
export function problemReportCsv(problems: Problem[]): string {
	return toCsv(
		['行 row', '列 column', '值 value', '代码 code', '级别 severity', '问题', 'problem'],
		problems.map((p) => [p.row, p.column, p.value, p.code ?? '', p.severity, p.zh, p.en])
	);
}
