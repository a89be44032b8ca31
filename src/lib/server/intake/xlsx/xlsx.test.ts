/**
 * The .xlsx intake against its CSV twin: each workbook of the corpus (written with exceljs, as Excel or WPS saves
 * one) goes through importIndicators, and so does the CSV that Excel would save of the same sheet; the outcomes —
 * rows, counts, problems with their rows, columns and values, notices, stored values — must be the same. What only a
 * workbook can hold (merged cells, formulas, dates, several sheets) is held to its own words.
 */
// Repeated blocks here are test cases of one shape; each states its own inputs and expectations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { importIndicators, type IntakeSummary } from '../index';
import { intakeTestDb, TEST_TODAY } from '../../testing/registry';
import { csvBytes, HEADER_ZH, workbookBytes, type TestCell, type TestSheet } from './sheets';

let dataDir: string;
beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'xlsx-test-'))));
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** Imports the bytes into a fresh test database; returns the summary and the values then stored. */
async function run(bytes: Uint8Array, options: { dryRun?: boolean; sheet?: string; fileName?: string } = {}) {
	const t = intakeTestDb();
	try {
		const summary = await importIndicators(t.db, bytes, {
			user: t.users.imp1,
			dryRun: options.dryRun ?? false,
			fileName: options.fileName ?? 'q.xlsx',
			channel: 'cli',
			today: TEST_TODAY,
			dataDir,
			sheet: options.sheet
		});
		const stored = t.sqlite
			.prepare(
				`SELECT e.code AS e, o.period, o.indicator_code AS c, o.value, o.note FROM observations o
				LEFT JOIN enterprises e ON e.id = o.enterprise_id WHERE o.superseded_by IS NULL
				ORDER BY o.period, e.code NULLS FIRST, o.indicator_code`
			)
			.all();
		return { summary, stored };
	} finally {
		t.sqlite.close();
	}
}

/** What must agree between a workbook and its CSV twin. */
const outcome = (s: IntakeSummary) => ({
	rows: s.rows,
	counts: s.counts,
	isWritten: s.isWritten,
	problems: s.problems.map((p) => [p.row, p.code, p.column, p.value, p.zh, p.en]),
	notices: s.notices.filter((n) => !['N_FORMULA_VALUE', 'N_DATE_TEXT'].includes(n.code))
});

/** Runs a sheet as a workbook and as CSV, holds their outcomes and stored values equal, returns the workbook's. */
async function twin(rows: (TestCell[] | null)[], extra: Partial<TestSheet> = {}) {
	const xlsx = await run(await workbookBytes([{ name: 'Sheet1', rows, ...extra }]));
	const csv = await run(csvBytes(rows), { fileName: 'q.csv' });
	expect(outcome(xlsx.summary)).toEqual(outcome(csv.summary));
	expect(xlsx.stored).toEqual(csv.stored);
	expect(xlsx.summary).toMatchObject({ encoding: 'xlsx', delimiter: null, sheet: 'Sheet1' });
	return xlsx;
}

const listed = (s: IntakeSummary) => s.problems.map((p) => [p.row, p.code, p.column, p.value]);

describe('a workbook reads as its CSV twin', () => {
	it('a valid sheet imports to the same values; numbers as Excel shows them, without float noise', async () => {
		const { summary, stored } = await twin([
			HEADER_ZH,
			['Q-1', 'E01', '2025Q3', 'voc', 1.2750000000000001, 't', '首季度'],
			['Q-1', 'E02', '2025Q3', 'voc', 0.1 + 0.2, 't', null],
			['Q-1', 'E01', '2025年第四季度', 'voc', 1234, 'kg', 'kg → t'],
			['Q-1', null, '2025Q3', 'energy', 40000, 'tce', '试点合计'],
			['Q-1', 'E03', '2025Q3', '氮氧化物排放量', 12, 't', 123456789012]
		]);
		expect(summary).toMatchObject({ isWritten: true, rows: 5, errorCount: 0, counts: { new: 5 } });
		expect(stored).toContainEqual({ e: 'E01', period: '2025Q3', c: 'voc', value: 1.275, note: '首季度' });
		expect(stored).toContainEqual({ e: 'E02', period: '2025Q3', c: 'voc', value: 0.3, note: null });
		expect(stored).toContainEqual({ e: 'E01', period: '2025Q4', c: 'voc', value: 1.234, note: 'kg → t' });
		expect(stored).toContainEqual({ e: 'E03', period: '2025Q3', c: 'nox', value: 12, note: '123456789012' });
		expect(summary.notices.map((n) => n.code)).toEqual(['N_PERIOD_FORM', 'N_UNIT_CONVERTED', 'N_INDICATOR_NAME']);
	});

	it('refuses the same cells with the same rows and columns, blank rows counted as Excel counts them', async () => {
		const { summary } = await twin([
			HEADER_ZH,
			['Q-1', 'E01', '2025Q3', 'voc', 10, 't'],
			null,
			['Q-9', 'E01', '2025Q3', 'voc', 10, 't'],
			null,
			null,
			['Q-1', 'E01', '2025Q5', 'voc', -1, 't'],
			['Q-1', 'E02', '2025Q3', 'voc', '12吨', 't'],
			['Q-1', 'E02', '2025Q4', 'voc', 5, 'MWh'],
			['Q-1', 'E01', '2025Q3', 'voc', 11, 't'],
			['Q-1', 'E0１', '2025Q3', 'low_cost_options', 2.5, '项', '#N/A']
		]);
		expect(listed(summary)).toEqual([
			[2, 'E_DUPLICATE', '指标代码', 'Q-1'],
			[4, 'E_PILOT_UNKNOWN', '试点编号', 'Q-9'],
			[7, 'E_PERIOD_FORMAT', '报告期', '2025Q5'],
			[7, 'E_VALUE_NEGATIVE', '数值', '-1'],
			[8, 'E_VALUE_NOT_NUMBER', '数值', '12吨'],
			[9, 'E_UNIT', '单位', 'MWh'],
			[10, 'E_DUPLICATE', '指标代码', 'Q-1'],
			[11, 'E_CODE_CHARS', '企业编号', 'E0１'],
			[11, 'E_VALUE_NOT_INTEGER', '数值', '2.5']
		]);
		expect(summary.isWritten).toBe(false);
	});
});

describe('what only a workbook holds', () => {
	const sheet = (name: string, rows: (TestCell[] | null)[], state: TestSheet['state'] = 'visible'): TestSheet => ({
		name,
		rows,
		state
	});
	const good = [HEADER_ZH, ['Q-1', 'E01', '2025Q3', 'voc', 10, 't']];

	it('reads the first visible sheet by default, a sheet by name (a hidden one too), and names the visible sheets when the name is unknown', async () => {
		const book = await workbookBytes([
			sheet('隐藏', [['x']], 'hidden'),
			sheet('说明', [['本工作簿的第一张表是说明']]),
			sheet('2025Q3', good),
			sheet('草稿', [HEADER_ZH, ['Q-1', 'E01', '2025Q3', 'voc', 'draft', 't']])
		]);
		const first = await run(book, { dryRun: true });
		expect(first.summary.sheet).toBe('说明');
		expect(first.summary.problems.map((p) => p.code)).toContain('E_COLUMN_MISSING');
		const chosen = await run(book, { sheet: '2025Q3' });
		expect(chosen.summary).toMatchObject({ sheet: '2025Q3', isWritten: true, rows: 1, errorCount: 0 });
		expect(chosen.stored).toEqual([{ e: 'E01', period: '2025Q3', c: 'voc', value: 10, note: null }]);
		const hidden = await run(book, { sheet: '隐藏', dryRun: true });
		expect(hidden.summary.sheet).toBe('隐藏');
		const unknown = await run(book, { sheet: 'Q4' });
		expect(unknown.summary.problems).toEqual([
			expect.objectContaining({ code: 'E_SHEET_UNKNOWN', row: null, value: 'Q4' })
		]);
		expect(unknown.summary.problems[0].zh).toBe('工作簿中没有名为“Q4”的工作表；现有工作表：说明, 2025Q3, 草稿');
		expect(unknown.summary.problems[0].en).toContain('its sheets are: 说明, 2025Q3, 草稿');
	});

	it('reads the same whatever the order of the parts in the zip (the workbook last, the strings before the sheets)', async () => {
		const book = await workbookBytes([
			sheet('隐藏', [['x']], 'hidden'),
			sheet('2025Q3', good),
			sheet('草稿', [HEADER_ZH, ['Q-1', 'E01', '2025Q3', 'voc', 'draft', 't']])
		]);
		const parts = Object.entries(unzipSync(book));
		const first = (name: string) => [...parts.filter(([n]) => n === name), ...parts.filter(([n]) => n !== name)];
		const orders = {
			'workbook first': first('xl/workbook.xml'),
			'strings first, workbook last': [
				...first('xl/sharedStrings.xml').filter(([n]) => n !== 'xl/workbook.xml'),
				...parts.filter(([n]) => n === 'xl/workbook.xml')
			],
			reversed: [...parts].reverse()
		};
		const expected = await run(book);
		expect(expected.summary).toMatchObject({ sheet: '2025Q3', isWritten: true, errorCount: 0 });
		for (const [order, entries] of Object.entries(orders)) {
			const reordered = zipSync(Object.fromEntries(entries));
			expect(reordered, order).not.toEqual(book);
			const byDefault = await run(reordered);
			expect([order, outcome(byDefault.summary), byDefault.stored]).toEqual([
				order,
				outcome(expected.summary),
				expected.stored
			]);
			expect((await run(reordered, { sheet: '草稿', dryRun: true })).summary.problems.map((p) => p.code)).toEqual([
				'E_VALUE_NOT_NUMBER'
			]);
		}
	});

	it('dates a workbook saved in the 1904 date system from 1904, a calculated date included', async () => {
		const rows: TestCell[][] = [
			HEADER_ZH,
			['Q-1', 'E01', new Date(Date.UTC(2025, 11, 31)), 'voc', 10, 't'],
			['Q-1', 'E02', '2025Q3', 'voc', { formula: 'DATE(2023,3,15)', result: 43538 }, 't']
		];
		const formats = { C2: 'yyyy-mm-dd', E3: 'yyyy-mm-dd' };
		const { summary } = await run(await workbookBytes([{ name: 'S', rows, formats }], true), { dryRun: true });
		expect(listed(summary)).toEqual([
			[2, 'E_PERIOD_DATE', '报告期', '2025-12-31'],
			[3, 'E_VALUE_DATE', '数值', '2023-03-15']
		]);
	});

	it('refuses merged cells over the data, naming the range, its rows and column, without their echoes', async () => {
		const rows = [
			HEADER_ZH,
			['Q-1', 'E01', '2025Q3', 'voc', 10, 'MWh'],
			['Q-1', 'E02', '2025Q3', 'voc', 10, 't'],
			['Q-1', 'E03', '2025Q3', 'voc', 1, 't'],
			['Q-1', 'E01', '2025Q3', 'voc', 1, 't']
		];
		const merges = ['B3:B5', 'J1:K2'];
		const { summary, stored } = await run(await workbookBytes([{ name: 'S', rows, merges }]));
		// B4 and B5 read empty: rows 4 and 5 become two pilot-level VOCs rows of 2025Q3, duplicates of each other — an
		// echo of the merge, not said again; the unit of row 2, outside the merge, is refused on its own
		expect(listed(summary)).toEqual([
			[2, 'E_UNIT', '单位', 'MWh'],
			[3, 'E_MERGED_CELL', '企业编号', 'B3:B5']
		]);
		expect(summary.problems[1].zh).toContain('合并单元格 B3:B5（第 3–5 行，列 B (企业编号)）');
		expect(summary.problems[1].en).toContain('Merged cells B3:B5 (rows 3–5, column B (企业编号))');
		expect(summary).toMatchObject({ isWritten: false, counts: { refused: 4 } });
		expect(stored).toEqual([]);
	});

	it('uses a formula’s calculated value and says so; refuses a formula saved without one, for that cell only', async () => {
		const rows: TestCell[][] = [
			HEADER_ZH,
			['Q-1', 'E01', '2025Q3', 'voc', { formula: '1.1*3', result: 3.3000000000000003 }, 't'],
			['Q-1', 'E02', '2025Q3', 'voc', { formula: 'E2*2', result: 6.6 }, 't']
		];
		const ok = await run(await workbookBytes([{ name: 'S', rows }]));
		expect(ok.summary).toMatchObject({ isWritten: true, errorCount: 0 });
		expect(ok.stored.map((r) => (r as { value: number }).value)).toEqual([3.3, 6.6]);
		const notice = ok.summary.notices.find((n) => n.code === 'N_FORMULA_VALUE');
		expect(notice).toMatchObject({ count: 2, rows: [2, 3], from: '数值' });
		expect(notice?.zh).toBe('2 个单元格是公式，已使用其计算结果（列“数值”）：第 2–3 行');

		rows.push(['Q-1', 'E03', '2025Q3', 'voc', { formula: 'SUM(E2:E3)' }, 't']);
		const refused = await run(await workbookBytes([{ name: 'S', rows }]));
		expect(listed(refused.summary)).toEqual([[4, 'E_FORMULA_NO_VALUE', '数值', '=SUM(E2:E3)']]);
		expect(refused.summary.problems[0].en).toContain(
			'holds a formula (=SUM(E2:E3)) but the file keeps no calculated value'
		);
		expect(refused.stored).toEqual([]);
	});

	it('reads dates as ISO text: refused as a period or a value with their own reason, kept as a note', async () => {
		const day = new Date(Date.UTC(2025, 11, 31));
		const rows: TestCell[][] = [
			HEADER_ZH,
			['Q-1', 'E01', day, 'voc', 10, 't'],
			['Q-1', 'E02', '2025Q3', 'voc', 45000, 't'],
			['Q-1', 'E03', '2025Q3', 'voc', 1, 't', day]
		];
		const formats = { C2: 'yyyy-mm-dd', E3: 'yyyy/m/d', G4: 'yyyy"年"m"月"d"日"' };
		const { summary } = await run(await workbookBytes([{ name: 'S', rows, formats }]), { dryRun: true });
		expect(listed(summary)).toEqual([
			[2, 'E_PERIOD_DATE', '报告期', '2025-12-31'],
			[3, 'E_VALUE_DATE', '数值', '2023-03-15']
		]);
		expect(summary.problems[0].zh).toContain('请写作季度，如 2025Q4');
		expect(summary.notices.find((n) => n.code === 'N_DATE_TEXT')).toMatchObject({ rows: [4], from: '备注' });
		const kept = await run(
			await workbookBytes([{ name: 'S', rows: [HEADER_ZH, rows[3]], formats: { G2: 'yyyy-mm-dd' } }])
		);
		expect(kept.stored).toEqual([{ e: 'E03', period: '2025Q3', c: 'voc', value: 1, note: '2025-12-31' }]);
	});

	it('tells a workbook by its bytes, not its name, and refuses .xls, other ZIPs and damaged workbooks', async () => {
		const book = await workbookBytes([{ name: 'S', rows: good }]);
		expect((await run(book, { fileName: 'q4.csv', dryRun: true })).summary).toMatchObject({
			encoding: 'xlsx',
			errorCount: 0
		});
		const csvNamedXlsx = await run(csvBytes(good), { fileName: 'q4.xlsx', dryRun: true });
		expect(csvNamedXlsx.summary).toMatchObject({ encoding: 'utf-8', errorCount: 0 });
		const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
		const codes = async (bytes: Uint8Array) => (await run(bytes)).summary.problems.map((p) => p.code);
		expect(await codes(ole)).toEqual(['E_XLS_LEGACY']);
		expect(await codes(zipSync({ 'word/document.xml': strToU8('<w/>') }))).toEqual(['E_ZIP_NOT_WORKBOOK']);
		const cut = await run(book.subarray(0, Math.floor(book.length * 0.6)));
		expect(cut.summary.problems.map((p) => p.code)).toEqual(['E_XLSX_UNREADABLE']);
		expect(cut.summary.problems[0].zh).toMatch(/^无法读取此 Excel 工作簿（.+）/);
	});
});
