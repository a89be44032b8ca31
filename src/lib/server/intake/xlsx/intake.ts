/**
 * The workbook branch of the intake: one sheet read by read.ts, each row handed to the same check as a CSV record
 * (with the same row number as the sheet shows), then the cells' findings and the merged ranges settled
 * (findings.ts). What it cannot read becomes a file-level problem, never a throw.
 */
import type { Problem } from '../../../csv/problems';
import type { NoticeCollector } from '../notices';
import { problem } from '../problems';
import { mergeProblems, settleFindings, type MergedCells, type SheetColumns } from './findings';
import { readSheet } from './read';

export type WorkbookSink = {
	/** Maps the header; returns the columns it found (null: the header was refused, rows are not checked). */
	header: (header: string[]) => Record<string, number> | null;
	/** Checks one record at its sheet row (blank records are skipped by the caller). */
	check: (record: string[], row: number) => void;
	/** How far the read has gone, in bytes of the file. */
	progress: (bytesRead: number) => void;
	isCancelled: () => boolean;
	problems: Problem[];
	notices: NoticeCollector;
	refusedRows: Set<number>;
};

/**
 * Reads the sheet `sheet` (null: the first visible one) of the workbook at `input` (a path, or bytes) through the
 * sink. Resolves with the sheet read (null when the workbook or sheet could not be read: a problem says why) and the
 * cells its merges emptied, whose echoes the caller drops once every check has run (dropMergedEchoes).
 */
export async function readWorkbook(
	input: string | Uint8Array,
	sheet: string | null,
	sink: WorkbookSink
): Promise<{ sheet: string | null; merged: MergedCells }> {
	let columns: SheetColumns | null = null;
	let headerRow: string[] = [];
	const outcome = await readSheet(input, sheet, {
		header: (header) => {
			headerRow = header;
			const index = sink.header(header);
			if (index) columns = { index, header };
		},
		row: (record, row, findings, bytesRead) => {
			if (sink.isCancelled()) return false;
			if (!columns) return;
			// Excel leaves out a row's trailing empty cells: as CSV they would be empty fields
			while (record.length < columns.header.length) record.push('');
			const before = sink.problems.length;
			sink.check(record, row);
			if (findings.length && settleFindings(findings, columns, sink.problems, before, sink.notices))
				sink.refusedRows.add(row);
			sink.progress(bytesRead);
		}
	});
	if (outcome.kind === 'unreadable') {
		sink.problems.push(problem('E_XLSX_UNREADABLE', { row: null }, { reason: outcome.reason }));
		return { sheet: null, merged: [] };
	}
	if (outcome.kind === 'no-such-sheet') {
		sink.problems.push(
			problem('E_SHEET_UNKNOWN', { row: null, value: sheet }, { sheet: sheet ?? '', sheets: outcome.sheets.join(', ') })
		);
		return { sheet: null, merged: [] };
	}
	const merged: MergedCells = [];
	sink.problems.push(...mergeProblems(outcome.merges, { index: {}, header: headerRow }, sink.refusedRows, merged));
	return { sheet: outcome.sheet, merged };
}
