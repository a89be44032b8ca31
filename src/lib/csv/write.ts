/** CSV helpers shared by server exports and browser downloads: formula-safe cells and the problem report. */
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

/** A cell quoted as RFC 4180 asks when it holds a comma, quote or line break, or starts or ends with a space. */
function quoted(cell: string): string {
	return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Rows to CSV text with a BOM (so Excel reads UTF-8) and CRLF line ends, every cell formula-safe. Written by hand
 * rather than with papaparse so that pages offering a CSV download do not carry the parser.
 */
export function toCsv(fields: string[], rows: (string | number | null)[][]): string {
	const lines = [fields, ...rows.map((r) => r.map(formulaSafe))].map((r) => r.map(quoted).join(','));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The validation report of an upload: one line per problem, with row, column, value, code and both messages. */
export function problemReportCsv(problems: Problem[]): string {
	return toCsv(
		['行 row', '列 column', '值 value', '代码 code', '级别 severity', '问题', 'problem'],
		problems.map((p) => [p.row, p.column, p.value, p.code ?? '', p.severity, p.zh, p.en])
	);
}
