/**
 * A table as an Excel workbook (.xlsx, exceljs), the twin of every CSV export: officers open it in Excel or WPS
 * without an import dialog. One sheet; the header row bold, frozen and filtered; numbers stored as numbers, text as
 * text (a cell is never a formula, whatever it starts with, so no formula safety prefix is needed here); columns
 * sized to their content (a Chinese character counts twice).
 */
import ExcelJS from 'exceljs';
import { toCsv } from '../../csv/write';

export type Cell = string | number | null;

/** The display width of a text, in Excel's character units: wide (CJK) characters count two. */
function widthOf(text: string): number {
	let w = 0;
	for (const ch of text)
		w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
			? 2
			: 1;
	return w;
}

/** The workbook's bytes. `sheet` is cut to Excel's 31 characters and stripped of the characters it forbids. */
export async function tableXlsx(sheet: string, fields: string[], rows: Cell[][]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'cpa-pilot-tracker';
	workbook.created = new Date();
	const ws = workbook.addWorksheet(sheet.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1', {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	ws.addRow(fields);
	ws.getRow(1).font = { bold: true };
	for (const row of rows) ws.addRow(row);
	if (fields.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: fields.length } };
	ws.columns.forEach((column, i) => {
		let width = widthOf(fields[i] ?? '');
		for (const row of rows.slice(0, 1000)) width = Math.max(width, widthOf(String(row[i] ?? '')));
		column.width = Math.min(60, Math.max(8, width + 2));
	});
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The export as a download: `.xlsx` when asked (`?format=xlsx`), else the Excel-safe CSV it always was (toCsv). */
export async function tableDownload(
	format: string | null,
	name: string,
	fields: string[],
	rows: Cell[][]
): Promise<Response> {
	if (format === 'xlsx')
		return new Response(new Uint8Array(await tableXlsx(name, fields, rows)), {
			headers: { 'Content-Type': XLSX_TYPE, 'Content-Disposition': `attachment; filename="${name}.xlsx"` }
		});
	return new Response(toCsv(fields, rows), {
		headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.csv"` }
	});
}
