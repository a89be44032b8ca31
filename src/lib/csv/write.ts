/** CSV helpers shared by server exports and browser downloads: formula-safe cells and the problem report. */
import type { Problem } from './problems';
import { groupProblems } from './group';
import { rowRanges } from './ranges';

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

/** Ranges a report cell holds: well under a spreadsheet's 32,767 characters a cell, however far apart the rows. */
const REPORT_MAX_RANGES = 1000;

/**
 * The validation report of an upload: one line per group of problems (same code, column and message) with its rows
 * as ranges and its count, then the column, the first values, code, severity and both messages. A problem about the
 * whole file has empty rows. Every cell is formula-safe.
 */
export function problemReportCsv(problems: Problem[]): string {
	return toCsv(
		['行 rows', '条数 count', '列 column', '值 value', '代码 code', '级别 severity', '问题', 'problem'],
		groupProblems(problems).map((g) => [
			rowRanges(g.rows, g.rows.length, REPORT_MAX_RANGES),
			g.count,
			g.column,
			g.values.join(', ') + (g.otherValues ? ` … (+${g.otherValues})` : ''),
			g.code ?? '',
			g.severity,
			g.zh,
			g.en
		])
	);
}
