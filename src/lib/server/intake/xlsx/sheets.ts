/**
 * Workbooks and their CSV twins for the intake's tests: the same rows written once as an .xlsx sheet (with exceljs,
 * as Excel or WPS would save it) and once as the CSV that "Save as CSV" makes of it, so that each test can hold
 * the two outcomes equal.
 */
import ExcelJS from 'exceljs';
import { excelDateText, excelNumberText } from './cells';

/** A cell as a test writes it: text, a number (float noise and all), a date, or a formula with or without its value. */
export type TestCell = string | number | Date | { formula: string; result?: number | string } | null;

export type TestSheet = {
	name: string;
	/** Row 1 first; `null` leaves a sheet row out (a blank row). */
	rows: (TestCell[] | null)[];
	merges?: string[];
	/** Number formats by cell address (`C3: 'yyyy-mm-dd'`). */
	formats?: Record<string, string>;
	state?: 'visible' | 'hidden';
};

export const HEADER_ZH = ['试点编号', '企业编号', '报告期', '指标代码', '数值', '单位', '备注'];

/** The bytes of a workbook holding the sheets, in tab order (`date1904`: dated from 1904, as old Mac Excel did). */
export async function workbookBytes(sheets: TestSheet[], date1904 = false): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	book.properties.date1904 = date1904;
	for (const s of sheets) {
		const sheet = book.addWorksheet(s.name, { state: s.state ?? 'visible' });
		s.rows.forEach((cells, i) => {
			if (!cells) return;
			cells.forEach((cell, c) => {
				if (cell === null || cell === '') return;
				sheet.getRow(i + 1).getCell(c + 1).value = cell as ExcelJS.CellValue;
			});
		});
		for (const [address, format] of Object.entries(s.formats ?? {})) sheet.getCell(address).numFmt = format;
		for (const range of s.merges ?? []) sheet.mergeCells(range);
	}
	return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A cell as Excel shows it, and so as its CSV holds it. */
export function shownText(cell: TestCell): string {
	if (cell === null) return '';
	if (cell instanceof Date) return excelDateText(cell);
	if (typeof cell === 'number') return excelNumberText(cell);
	if (typeof cell === 'object') return cell.result === undefined ? '' : shownText(cell.result);
	return cell;
}

const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** The sheet as Excel saves it as CSV (UTF-8 with BOM): every row as wide as the widest, a left-out row all commas. */
export function csvBytes(rows: (TestCell[] | null)[]): Uint8Array {
	const width = Math.max(...rows.map((cells) => cells?.length ?? 0));
	const lines = rows.map((cells) =>
		Array.from({ length: width }, (_, c) => quote(shownText(cells?.[c] ?? null))).join(',')
	);
	return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}
