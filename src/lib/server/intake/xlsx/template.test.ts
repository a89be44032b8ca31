/**
 * The .xlsx template: the CSV template's columns and rows, notes on the header, drop-down lists, a frozen and locked
 * header over editable cells; filled in (with exceljs, as a person would in Excel) it imports cleanly, to the same
 * values as the CSV template filled in the same way.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { importIndicators } from '../index';
import { templateCsv } from '../template';
import { templateXlsx } from './template';
import { intakeTestDb, TEST_TODAY } from '../../testing/registry';

const ARGS: [string, string, string[], string[], 'zh'] = [
	'Q-1',
	'2025Q4',
	['E01', 'E02'],
	['voc', 'energy', 'investment', 'water_reuse_rate'],
	'zh'
];

let dataDir: string;
beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'template-xlsx-'))));
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function load(bytes: Uint8Array) {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	return book;
}

async function importBytes(bytes: Uint8Array, fileName: string) {
	const t = intakeTestDb();
	try {
		const summary = await importIndicators(t.db, bytes, {
			user: t.users.imp1,
			dryRun: false,
			fileName,
			channel: 'web',
			today: TEST_TODAY,
			dataDir
		});
		const stored = t.sqlite
			.prepare(
				`SELECT e.code AS e, o.period, o.indicator_code AS c, o.value FROM observations o
				LEFT JOIN enterprises e ON e.id = o.enterprise_id ORDER BY o.period, e.code NULLS FIRST, o.indicator_code`
			)
			.all();
		return { summary, stored };
	} finally {
		t.sqlite.close();
	}
}

/** The value a person types on each template row. */
const typed = (row: number) => [12.5, 13.25, 40000.1, 88, 96.5][row] ?? row;

describe('the .xlsx template', () => {
	it('holds the CSV template’s columns and rows, with notes, drop-downs, and a frozen, locked header', async () => {
		const book = await load(await templateXlsx(...ARGS));
		const csv = Papa.parse<string[]>(templateCsv(...ARGS).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
		const sheet = book.worksheets[0];
		expect(sheet.name).toBe('2025Q4');
		expect(book.getWorksheet('lists')?.state).toBe('hidden');
		const rows: string[][] = [];
		sheet.eachRow((row) => rows.push(csv[0].map((_, c) => String(row.getCell(c + 1).value ?? ''))));
		expect(rows).toEqual(csv);
		expect(String(sheet.getCell('D1').note)).toContain('Indicator code (drop-down list)');
		expect(String(sheet.getCell('C1').note)).toContain('请勿填写日期');
		expect(sheet.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['lists!$A$1:$A$25'] });
		expect(sheet.getCell('F2').dataValidation).toMatchObject({ type: 'list', formulae: ['"t,kg,万t"'] });
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect((sheet as unknown as { sheetProtection: object }).sheetProtection).toMatchObject({ sheet: true });
		// Excel's default is locked: the header's style names no exception, the data cells' styles unlock them
		expect(sheet.getCell('A1').protection?.locked ?? true).toBe(true);
		expect(sheet.getCell('E2').protection).toMatchObject({ locked: false });
		expect(sheet.getCell('E100').protection).toMatchObject({ locked: false });
	});

	it('filled in, imports cleanly to the same values as the filled CSV template', async () => {
		const book = await load(await templateXlsx(...ARGS));
		const sheet = book.worksheets[0];
		for (let r = 2; sheet.getCell(r, 1).value; r++) sheet.getCell(r, 5).value = typed(r - 2);
		const xlsx = await importBytes(new Uint8Array(await book.xlsx.writeBuffer()), 'filled.xlsx');
		expect(xlsx.summary.problems).toEqual([]);
		expect(xlsx.summary).toMatchObject({ isWritten: true, rows: 6, sheet: '2025Q4', counts: { new: 6 } });

		const csvRows = Papa.parse<string[]>(templateCsv(...ARGS).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
		const filled = csvRows.map((cells, r) =>
			r === 0 ? cells : cells.map((c, k) => (k === 4 ? String(typed(r - 1)) : c))
		);
		const csv = await importBytes(new TextEncoder().encode(Papa.unparse(filled)), 'filled.csv');
		expect(xlsx.stored).toEqual(csv.stored);
		expect(xlsx.stored).toContainEqual({ e: 'E01', period: '2025Q4', c: 'voc', value: 12.5 });
	});
});
