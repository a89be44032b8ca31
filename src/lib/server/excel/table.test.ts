/** The .xlsx twin of the CSV exports: read back with exceljs, as Excel would see it. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tableDownload, tableXlsx, XLSX_TYPE } from './table';

async function read(bytes: Buffer | ArrayBuffer) {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes as ArrayBuffer);
	return workbook.worksheets[0];
}

describe('table workbooks', () => {
	it('keeps numbers as numbers, text as text (never a formula), empty cells empty; header frozen and filtered', async () => {
		const sheet = await read(
			await tableXlsx(
				'credits: 江苏/32',
				['代码 code', '名称 name', '数量 n'],
				[
					['E01', '=HYPERLINK("http://x","y")', 12.5],
					['E02', '+1 rising', null],
					['E03', '江苏省某化工有限公司', 0]
				]
			)
		);
		expect(sheet.name).toBe('credits  江苏 32');
		expect(sheet.getRow(1).values).toEqual([undefined, '代码 code', '名称 name', '数量 n']);
		expect(sheet.getRow(1).font?.bold).toBe(true);
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(sheet.autoFilter).toBeTruthy();
		const formulaLike = sheet.getCell('B2');
		expect(formulaLike.type).toBe(ExcelJS.ValueType.String);
		expect(formulaLike.value).toBe('=HYPERLINK("http://x","y")');
		expect(sheet.getCell('C2').value).toBe(12.5);
		expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
		expect(sheet.getCell('C3').value).toBeNull();
		expect(sheet.getCell('C4').value).toBe(0);
		// a Chinese name is about twice as wide as its characters
		expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(22);
	});

	it('answers the CSV by default and the workbook for ?format=xlsx', async () => {
		const csv = await tableDownload(null, 'x', ['a'], [[1]]);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('content-disposition')).toBe('attachment; filename="x.csv"');
		const xlsx = await tableDownload('xlsx', 'x', ['a'], [[1]]);
		expect(xlsx.headers.get('content-type')).toBe(XLSX_TYPE);
		expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="x.xlsx"');
		expect((await read(await xlsx.arrayBuffer())).getCell('A2').value).toBe(1);
	});
});
