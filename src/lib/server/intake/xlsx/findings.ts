/**
 * What a workbook's cells say beyond their text, turned into the intake's words after the row checker has read the
 * row: a formula's calculated value is used and said (N_FORMULA_VALUE); a formula with no calculated value, a date in
 * the period column and a date-formatted value refuse their cell with their own reason, in place of what the checker
 * made of the bare text; merged ranges over the data refuse the file, named by range, rows and column.
 */
import type { Problem } from '../../../csv/problems';
import type { NoticeCollector } from '../notices';
import { problem } from '../problems';
import { columnLetter, parseRef } from './cells';
import type { CellFinding } from './read';

/** The header's columns as the intake mapped them: key → 0-based index, and how the file names each column. */
export type SheetColumns = { index: Record<string, number>; header: string[] };

/** How the file names column `col` (1-based): its header text, else its letter. */
export function columnName(columns: SheetColumns, col: number): string {
	return columns.header[col - 1]?.trim() || columnLetter(col);
}

/** The intake key of a 1-based column, or null when the column is not one the intake reads. */
function keyOf(columns: SheetColumns, col: number): string | null {
	for (const [key, i] of Object.entries(columns.index)) if (i === col - 1) return key;
	return null;
}

/** The quarter a date falls in (`2025Q4`), as the suggestion of E_PERIOD_DATE. */
function quarterOf(iso: string): string {
	const [y, m] = iso.split('-').map(Number);
	return `${y}Q${Math.ceil(m / 3)}`;
}

/**
 * Settles a row's findings: `before` is where the row's problems begin in `problems`. Returns true when a finding
 * refused the row (it may have been accepted on its bare text).
 */
export function settleFindings(
	findings: CellFinding[],
	columns: SheetColumns,
	problems: Problem[],
	before: number,
	notices: NoticeCollector
): boolean {
	let isRefused = false;
	for (const { row, col, reading } of findings) {
		const key = keyOf(columns, col);
		if (!key) continue; // an ignored column: nothing of it is read
		const column = columnName(columns, col);
		let replacement: Problem | null = null;
		if (reading.formula !== null && !reading.hasValue)
			replacement = problem(
				'E_FORMULA_NO_VALUE',
				{ row, column, value: `=${reading.formula}` },
				{
					formula: reading.formula
				}
			);
		else if (reading.isDate && key === 'period')
			replacement = problem(
				'E_PERIOD_DATE',
				{ row, column, value: reading.text },
				{
					date: reading.text,
					quarter: quarterOf(reading.text)
				}
			);
		else if (reading.isDate && key === 'value')
			replacement = problem('E_VALUE_DATE', { row, column, value: reading.text }, { date: reading.text });
		if (replacement) {
			// the checker's word on the bare text of this cell gives way to the reason
			for (let k = problems.length - 1; k >= before; k--)
				if (problems[k].row === row && problems[k].column === column) problems.splice(k, 1);
			problems.push(replacement);
			isRefused = true;
			continue;
		}
		if (reading.formula !== null) notices.add('N_FORMULA_VALUE', row, column);
		else if (reading.isDate) notices.add('N_DATE_TEXT', row, column);
	}
	return isRefused;
}

/** The most rows of one merge that are marked refused (a merge may span a whole column). */
const MAX_MERGE_ROWS = 100_000;

/** The cells a merge emptied: below its top row, in its columns (by the names the problems give them). */
export type MergedCells = { from: number; to: number; columns: Set<string> }[];

/**
 * Drops what the checker said of the cells that merges emptied, and the duplicates their emptied keys made: the
 * merge's own problem says what to do, and the rest would follow from it. Other problems of those rows stay.
 */
export function dropMergedEchoes(problems: Problem[], merged: MergedCells): void {
	if (!merged.length) return;
	const isEcho = (p: Problem) =>
		p.code !== 'E_MERGED_CELL' &&
		p.row !== null &&
		merged.some(
			(m) => p.row! >= m.from && p.row! <= m.to && (p.code === 'E_DUPLICATE' || m.columns.has(p.column ?? ''))
		);
	let kept = 0;
	for (const p of problems) if (!isEcho(p)) problems[kept++] = p;
	problems.length = kept;
}

/**
 * The problems of merged ranges that touch the data (any column of the header, or any column when there is no
 * header): one per range, at its top row and left column. The rows they cover (past the header) join `refusedRows`,
 * the cells they emptied `merged`.
 */
export function mergeProblems(
	merges: string[],
	columns: SheetColumns,
	refusedRows: Set<number>,
	merged: MergedCells = []
): Problem[] {
	let width = columns.header.length;
	while (width > 0 && columns.header[width - 1].trim() === '') width--;
	const found: Problem[] = [];
	for (const range of merges) {
		const [from, to = from] = range.split(':').map(parseRef);
		if (!from || !to) continue;
		const top = Math.min(from.row, to.row);
		const bottom = Math.max(from.row, to.row);
		const left = Math.min(from.col, to.col);
		const right = Math.max(from.col, to.col);
		if (width > 0 && left > width) continue; // beside the table, not in it
		const letters = left === right ? columnLetter(left) : `${columnLetter(left)}–${columnLetter(right)}`;
		const names = [];
		for (let c = left; c <= Math.min(right, left + 5); c++) names.push(columnName(columns, c));
		found.push(
			problem(
				'E_MERGED_CELL',
				{ row: top, column: columnName(columns, left), value: range },
				{
					range,
					rows: top === bottom ? String(top) : `${top}–${bottom}`,
					columns: `${letters} (${names.join(', ')}${right > left + 5 ? ', …' : ''})`
				}
			)
		);
		for (let r = Math.max(2, top); r <= bottom && r < Math.max(2, top) + MAX_MERGE_ROWS; r++) refusedRows.add(r);
		const emptied = new Set<string>();
		for (let c = left; c <= right; c++) emptied.add(columnName(columns, c));
		if (bottom > top) merged.push({ from: top + 1, to: bottom, columns: emptied });
	}
	return found;
}
