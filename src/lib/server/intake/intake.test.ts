/**
 * The quarterly indicator intake end to end, on a fresh in-memory database with the small registry
 * of test-registry.ts (pilots; users imp1, imp2, admin, province) and "today" fixed at
 * 2026-11-29. The fixtures in test/fixtures/intake/ are committed as bytes; its README.md names the
 * rule each one proves. Rows are spreadsheet rows (the header is row 1) and columns are named as the
 * file names them.
 */
// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth';
import { INDICATORS } from '../../domain/indicators';
import { importIndicators, type IntakeSummary } from './index';
import { rawFilePath } from './store';
import { intakeTestDb, TEST_TODAY } from '../testing/registry';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/intake/${name}`));
const utf8 = (text: string) => new TextEncoder().encode(text);

let t: ReturnType<typeof intakeTestDb>;
let dataDir: string;

beforeEach(() => {
	t = intakeTestDb();
	dataDir = mkdtempSync(join(tmpdir(), 'intake-test-'));
});

afterEach(() => {
	t.sqlite.close();
	rmSync(dataDir, { recursive: true, force: true });
});

function run(
	file: string | Uint8Array,
	options: { user?: SessionUser; dryRun?: boolean } = {}
): Promise<IntakeSummary> {
	return importIndicators(t.db, typeof file === 'string' ? fixture(file) : file, {
		user: options.user ?? t.users.imp1,
		dryRun: options.dryRun ?? false,
		fileName: typeof file === 'string' ? file : 'generated.csv',
		channel: 'cli',
		today: TEST_TODAY,
		dataDir
	});
}

/** Commits the file and fails the test with its problems when anything refuses it. */
async function commit(file: string | Uint8Array, user?: SessionUser): Promise<IntakeSummary> {
	const summary = await run(file, { user });
	expect(summary.problems.filter((p) => p.severity === 'error')).toEqual([]);
	expect(summary.isWritten).toBe(true);
	return summary;
}

/** The problems as [row, code, column, value], in the summary's order. */
const listed = (summary: IntakeSummary, severity: 'error' | 'warning' = 'error') =>
	summary.problems.filter((p) => p.severity === severity).map((p) => [p.row, p.code, p.column, p.value]);

function tableCounts() {
	const n = (table: string) => (t.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
	return {
		uploads: n('uploads'),
		revisions: n('revisions'),
		observations: n('observations'),
		rollups: n('rollups'),
		auditLog: n('audit_log')
	};
}

type Stored = { id: number; e: string | null; period: string; c: string; value: number; note: string | null };

/** The current values of a pilot, ordered by period, enterprise (pilot level first) and indicator. */
function current(pilotCode = 'Q-1'): Stored[] {
	return t.sqlite
		.prepare(
			`SELECT o.id, e.code AS e, o.period, o.indicator_code AS c, o.value, o.note
			FROM observations o JOIN pilots p ON p.id = o.pilot_id LEFT JOIN enterprises e ON e.id = o.enterprise_id
			WHERE p.code = ? AND o.superseded_by IS NULL ORDER BY o.period, e.code NULLS FIRST, o.indicator_code`
		)
		.all(pilotCode) as Stored[];
}

/** The current values as `enterprise period indicator` → value. */
function values(pilotCode = 'Q-1'): Record<string, number> {
	return Object.fromEntries(current(pilotCode).map((r) => [`${r.e ?? '-'} ${r.period} ${r.c}`, r.value]));
}

function rollups(pilotCode = 'Q-1') {
	return t.sqlite
		.prepare(
			`SELECT r.period, r.indicator_code AS c, r.value, r.enterprise_sum AS sum, r.enterprises AS n
			FROM rollups r JOIN pilots p ON p.id = r.pilot_id WHERE p.code = ? ORDER BY r.period, r.indicator_code`
		)
		.all(pilotCode);
}

function revisions(pilotCode = 'Q-1') {
	return t.sqlite
		.prepare(
			`SELECT r.id, r.period, r.number, r.upload_id AS uploadId, r.added, r.changed, r.removed, r.unchanged
			FROM revisions r JOIN pilots p ON p.id = r.pilot_id WHERE p.code = ? ORDER BY r.id`
		)
		.all(pilotCode) as {
		id: number;
		period: string;
		number: number;
		uploadId: number;
		added: number;
		changed: number;
		removed: number;
		unchanged: number;
	}[];
}

const uploadsDir = () => join(dataDir, 'uploads');

describe('decoding and file structure', () => {
	it('reads UTF-8 with a BOM and Chinese headers in any order, case and spacing (指标 for 指标代码)', async () => {
		const s = await commit('good-utf8-bom-zh.csv');
		expect(s).toMatchObject({ encoding: 'utf-8', delimiter: ',', rows: 3, problems: [] });
		expect(current().map(({ e, period, c, value, note }) => ({ e, period, c, value, note }))).toEqual([
			{ e: null, period: '2025Q3', c: 'voc', value: 95, note: '试点合计' },
			{ e: 'E01', period: '2025Q3', c: 'voc', value: 30.5, note: '首季度' },
			{ e: 'E02', period: '2025Q3', c: 'energy', value: 3000, note: null }
		]);
	});

	it.each([
		['good-gb18030.csv', 'gb18030'],
		['good-utf16le-bom.csv', 'utf-16le'],
		['good-utf16be-bom.csv', 'utf-16be']
	])('reads %s as %s, to the same values and Chinese notes', async (file, encoding) => {
		const s = await commit(file);
		expect(s).toMatchObject({ encoding, delimiter: ',', rows: 3, problems: [] });
		expect(current().map(({ e, c, value, note }) => ({ e, c, value, note }))).toEqual([
			{ e: null, c: 'energy', value: 9500, note: '试点合计' },
			{ e: 'E01', c: 'voc', value: 30, note: '第三季度数据' },
			{ e: 'E02', c: 'cod', value: 1.25, note: '化学需氧量' }
		]);
	});

	it('detects a semicolon delimiter (commas inside fields stay text; 1,234.5 stays a number)', async () => {
		const s = await commit('good-semicolon.csv');
		expect(s).toMatchObject({ delimiter: ';', rows: 2, problems: [] });
		expect(values()).toEqual({ 'E01 2025Q4 voc': 1.2345, 'E02 2025Q4 nox': 2.5 });
		expect(current()[0].note).toBe('逗号在字段内, 不是分隔符');
	});

	it('detects a tab delimiter', async () => {
		const s = await commit('good-tab.csv');
		expect(s).toMatchObject({ delimiter: '\t', rows: 2, problems: [] });
		expect(values()).toEqual({ 'E01 2026Q1 voc': 29, 'E03 2026Q1 so2': 0.8 });
		expect(current()[0].note).toBe('note, with a comma');
	});

	it('reads lone-CR line endings (old Mac Excel) without stray CRs in the values', async () => {
		const s = await commit('good-lone-cr.csv');
		expect(s.rows).toBe(3);
		expect(current().map((r) => [r.e, r.value, r.note])).toEqual([
			['E01', 30, 'a'],
			['E02', 31, 'b'],
			['E03', 32, 'c']
		]);
	});

	it('keeps line breaks, commas and "" escapes inside quoted fields; a multi-line record is one row', async () => {
		const dry = await run('good-quoted-linebreak.csv', { dryRun: true });
		expect(dry.problems).toEqual([]);
		expect(dry.changes.map((c) => [c.row, c.enterpriseCode])).toEqual([
			[2, 'E01'],
			[3, 'E02'],
			[4, 'E03']
		]);
		await commit('good-quoted-linebreak.csv');
		expect(current().map((r) => r.note)).toEqual(['第一行\r\n第二行, 含逗号\r\n他说"好"', 'LF\ninside', 'plain']);
	});

	it("ignores Excel's trailing empty rows (,,,,,,)", async () => {
		const s = await commit('good-trailing-empty-rows.csv');
		expect(s).toMatchObject({ rows: 2, problems: [], counts: { new: 2 } });
	});

	it('refuses an unbalanced quote at its row', async () => {
		const s = await run('bad-quote.csv');
		expect(listed(s)).toEqual([[3, 'E_QUOTE', null, null]]);
		expect(s.problems[0].en).toBe('Row 3 has a quote that is never closed');
	});

	it.each([
		['bad-bytes.csv', 3],
		['bad-bytes-gb18030.csv', 4]
	])('refuses %s, whose bytes no supported encoding accepts, naming row %i', async (file, row) => {
		const s = await run(file);
		expect(s.encoding).toBeNull();
		expect(listed(s)).toEqual([[row, 'E_ENCODING', null, null]]);
		expect(s.problems[0].zh).toContain(`第 ${row} 行`);
		expect(s.problems[0].en).toContain(`Row ${row}`);
	});

	it('refuses a file missing a required column, named as the file would name it', async () => {
		const s = await run('bad-missing-column.csv');
		expect(listed(s)).toEqual([[1, 'E_COLUMN_MISSING', '单位', null]]);
		expect(s.rows).toBe(0);
	});

	it('refuses a file with a column twice (数值 beside value)', async () => {
		const s = await run('bad-duplicate-column.csv');
		expect(listed(s)).toEqual([[1, 'E_COLUMN_DUPLICATE', '数值', '数值']]);
	});

	it('warns about an unknown extra column and still imports', async () => {
		const s = await commit('warn-extra-column.csv');
		expect(listed(s, 'warning')).toEqual([[1, 'W_COLUMN_UNKNOWN', '填报人', null]]);
		expect(s).toMatchObject({ errorCount: 0, warningCount: 1, counts: { new: 1 } });
		expect(values()).toEqual({ 'E01 2025Q3 voc': 30 });
	});
});

describe('values and units', () => {
	it('reads full-width digits, thousands separators, scientific notation, signs and spaces', async () => {
		await commit('good-numbers.csv');
		expect(values()).toEqual({
			'E01 2025Q3 cod': 12,
			'E01 2025Q3 nox': 30.5,
			'E01 2025Q3 so2': 1234,
			'E02 2025Q3 cod': 0.015,
			'E02 2025Q3 nox': 1234.5,
			'E02 2025Q3 so2': 0.001,
			'E03 2025Q3 cod': 7,
			'E03 2025Q3 nox': 1200,
			'E03 2025Q3 so2': 1234
		});
	});

	it('refuses 12吨, 0x1A, N/A, empty, negative, percentages, bad grouping and Infinity, row by row', async () => {
		const s = await run('bad-values.csv');
		expect(listed(s)).toEqual([
			[3, 'E_VALUE_NOT_NUMBER', '数值', '12吨'],
			[4, 'E_VALUE_NOT_NUMBER', '数值', '0x1A'],
			[5, 'E_VALUE_NOT_NUMBER', '数值', 'N/A'],
			[6, 'E_VALUE_EMPTY', '数值', ''],
			[7, 'E_VALUE_NEGATIVE', '数值', '-5'],
			[8, 'E_VALUE_PERCENT', '数值', '12%'],
			[9, 'E_VALUE_NOT_NUMBER', '数值', '1,23'],
			[10, 'E_VALUE_NEGATIVE', '数值', '－0.5'],
			[11, 'E_VALUE_NOT_NUMBER', '数值', 'Infinity']
		]);
		expect(s.counts.refused).toBe(9);
		for (const p of s.problems) {
			expect(p.zh).not.toBe('');
			expect(p.en).not.toBe('');
		}
	});

	it('converts every accepted unit to the canonical one (kg, 万吨, 万kWh, 万度, 万m³, Chinese names)', async () => {
		await commit('good-units.csv');
		expect(values()).toEqual({
			'E01 2025Q4 co2': 15000,
			'E01 2025Q4 electricity': 120,
			'E01 2025Q4 energy': 3000,
			'E01 2025Q4 freshwater': 20000,
			'E01 2025Q4 voc': 30,
			'E02 2025Q4 electricity': 30,
			'E02 2025Q4 energy': 3200,
			'E02 2025Q4 freshwater': 500,
			'E02 2025Q4 nox': 2.5,
			'E02 2025Q4 solid_waste': 15000,
			'E03 2025Q4 benefit': 5,
			'E03 2025Q4 electricity': 2.5,
			'E03 2025Q4 voc': 28,
			'E03 2025Q4 wastewater': 12000
		});
	});

	it('refuses an unknown, missing or incompatible unit, naming the indicator’s units', async () => {
		const s = await run('bad-units.csv');
		expect(listed(s)).toEqual([
			[3, 'E_UNIT', 'Unit', '磅'],
			[4, 'E_UNIT', 'Unit', 'MWh'],
			[5, 'E_UNIT', 'Unit', 't'],
			[6, 'E_UNIT', 'Unit', ''],
			[7, 'E_UNIT', 'Unit', '%']
		]);
		expect(s.problems[0].en).toBe('Unit "磅" is not accepted for this indicator (use: t, kg, 万t)');
		expect(s.problems[2].en).toContain('use: MWh, kWh, 万kWh, GWh');
	});

	it('warns about a probable ×1000 unit slip against history or baseline, without blocking', async () => {
		await commit('revision-1.csv');
		const s = await commit('warn-unit-slip.csv');
		// Row 2: 120000 MWh against the enterprise's 120 MWh of 2025Q3; row 3: 3.3 tce against 3100 tce (and the
		// baseline share 3333 tce);
		// row 5: no history, baseline 40000 tce / 4 quarters / 3 enterprises; row 6: pilot level, 40000 / 4.
		expect(listed(s, 'warning')).toEqual([
			[2, 'W_UNIT_SLIP', 'value', '120000'],
			[3, 'W_UNIT_SLIP', 'value', '3.3'],
			[5, 'W_UNIT_SLIP', 'value', '3300000'],
			[6, 'W_UNIT_SLIP', 'value', '10000000']
		]);
		expect(s.problems.map((p) => p.en.match(/about (\S+) times/)?.[1])).toEqual([
			'1000',
			expect.stringMatching(/^1\/9\d\d$/),
			'990',
			'1000'
		]);
		expect(s).toMatchObject({ errorCount: 0, counts: { new: 5 } });
		expect(values()['E01 2025Q4 electricity']).toBe(120000);
	});
});

describe('registry checks', () => {
	it('refuses unknown pilots, other pilots, foreign enterprises, unknown indicators and bad periods', async () => {
		const s = await run('bad-registry.csv');
		expect(listed(s)).toEqual([
			[3, 'E_PILOT_UNKNOWN', 'pilot_code', 'Q-9'],
			[4, 'E_PILOT_FORBIDDEN', 'pilot_code', 'Q-2'],
			[5, 'E_ENTERPRISE_UNKNOWN', 'enterprise_code', 'F01'],
			[6, 'E_INDICATOR_UNKNOWN', 'indicator_code', 'foo'],
			[7, 'E_PERIOD_FORMAT', 'period', '2025Q5'],
			[8, 'E_PERIOD_OUTSIDE_TERM', 'period', '2024Q4'],
			[9, 'E_PERIOD_NOT_BEGUN', 'period', '2027Q1'],
			[10, 'E_PERIOD_NOT_ENDED', 'period', '2026Q4'],
			[11, 'E_REQUIRED', 'pilot_code', ''],
			[12, 'E_REQUIRED', 'period', ''],
			[13, 'E_REQUIRED', 'indicator_code', ''],
			[14, 'E_PERIOD_OUTSIDE_TERM', 'period', '2026Q3']
		]);
		const byRow = new Map(s.problems.map((p) => [p.row, p]));
		expect(byRow.get(5)!.en).toBe('This enterprise code does not belong to pilot Q-1');
		expect(byRow.get(8)!.en).toContain('allowed periods: 2025Q3, 2025Q4, 2026Q1, 2026Q2');
		expect(byRow.get(8)!.zh).toContain('允许的报告期：2025Q3, 2025Q4, 2026Q1, 2026Q2');
		expect(byRow.get(9)!.en).toBe('The period has not begun yet (it starts 2027-01-01)');
		// on 2026-11-29 Q-3's 2026Q4 is running: it can be reported from 2027-01-01 on
		expect(byRow.get(10)!.en).toContain('Period 2026Q4 has not ended yet (its last day is 2026-12-31)');
		expect(byRow.get(10)!.zh).toContain('报告期 2026Q4 尚未结束（最后一天为 2026-12-31）');
		expect(s.counts.refused).toBe(12);
	});

	it('lets a period through only once it has ended: not begun, running, then open', async () => {
		const file = utf8('pilot_code,enterprise_code,period,indicator_code,value,unit,note\nQ-3,G01,2027Q1,voc,1,t,\n');
		expect(listed(await run(file, { dryRun: true }))).toEqual([[2, 'E_PERIOD_NOT_BEGUN', 'period', '2027Q1']]);
		const on = (today: string) =>
			importIndicators(t.db, file, {
				user: t.users.imp1,
				dryRun: true,
				fileName: 'x.csv',
				channel: 'cli',
				today,
				dataDir
			});
		expect(listed(await on('2027-01-01'))).toEqual([[2, 'E_PERIOD_NOT_ENDED', 'period', '2027Q1']]);
		expect(listed(await on('2027-03-31'))).toEqual([[2, 'E_PERIOD_NOT_ENDED', 'period', '2027Q1']]);
		expect((await on('2027-04-01')).problems).toEqual([]);
	});

	it('takes a running quarter only while an admin has opened it for provisional data', async () => {
		const file = utf8('pilot_code,enterprise_code,period,indicator_code,value,unit,note\nQ-3,G01,2026Q4,voc,1,t,\n');
		expect(listed(await run(file, { dryRun: true }))).toEqual([[2, 'E_PERIOD_NOT_ENDED', 'period', '2026Q4']]);
		t.sqlite
			.prepare(
				"INSERT INTO period_openings (pilot_id, period, opened_by, opened_at, reason) SELECT id, '2026Q4', 'admin', 0, 'test' FROM pilots WHERE code = 'Q-3'"
			)
			.run();
		expect((await run(file, { dryRun: true })).problems).toEqual([]);
	});

	it("stops an implementer writing another implementer's pilot, and province users writing any", async () => {
		for (const user of [t.users.imp1, t.users.province]) {
			const s = await run('bad-other-implementer.csv', { user });
			expect(listed(s)).toEqual([
				[2, 'E_PILOT_FORBIDDEN', 'pilot_code', 'Q-2'],
				[3, 'E_PILOT_FORBIDDEN', 'pilot_code', 'Q-2']
			]);
		}
		const byProvince = await run('revision-1.csv', { user: t.users.province, dryRun: true });
		expect(new Set(listed(byProvince).map((p) => p[1]))).toEqual(new Set(['E_PILOT_FORBIDDEN']));
		expect(tableCounts().observations).toBe(0);
		// The pilot's own implementer and an admin may.
		expect((await run('bad-other-implementer.csv', { user: t.users.admin, dryRun: true })).problems).toEqual([]);
		await commit('bad-other-implementer.csv', t.users.imp2);
		expect(values('Q-2')).toEqual({ '- 2025Q3 voc': 30, 'F01 2025Q3 voc': 30 });
	});

	it('lets an admin write every pilot', async () => {
		await commit('revision-1.csv', t.users.admin);
		await commit('bad-other-implementer.csv', t.users.admin);
		expect(tableCounts().uploads).toBe(2);
	});

	it('refuses every row of a repeated (pilot, enterprise, period, indicator), naming all of them', async () => {
		const s = await run('bad-duplicates.csv');
		expect(listed(s)).toEqual([
			[2, 'E_DUPLICATE', 'indicator_code', 'Q-1'],
			[4, 'E_DUPLICATE', 'indicator_code', 'Q-1'],
			[5, 'E_DUPLICATE', 'indicator_code', 'Q-1'],
			[7, 'E_DUPLICATE', 'indicator_code', 'Q-1'],
			[8, 'E_DUPLICATE', 'indicator_code', 'Q-1']
		]);
		expect(s.problems.map((p) => p.en.replace(/.* rows /, ''))).toEqual([
			'2, 4',
			'2, 4',
			'5, 7, 8',
			'5, 7, 8',
			'5, 7, 8'
		]);
		expect(s.counts.refused).toBe(5);
	});

	it('refuses codes with look-alike, control or space characters, naming the character', async () => {
		const s = await run('bad-codes.csv');
		expect(listed(s)).toEqual([
			[2, 'E_CODE_CHARS', 'pilot_code', 'Ｑ-1'],
			[3, 'E_CODE_CHARS', 'enterprise_code', '\u041501'],
			[4, 'E_CODE_CHARS', 'enterprise_code', 'E 02'],
			[5, 'E_CODE_CHARS', 'enterprise_code', 'E\u000703'],
			[6, 'E_CODE_CHARS', 'enterprise_code', 'E01\u200b'],
			[7, 'E_CODE_CHARS', 'pilot_code', 'Q\u20101']
		]);
		expect(s.problems.map((p) => p.en.match(/character (\d+), U\+([0-9A-F]{4})/)!.slice(1))).toEqual([
			['1', 'FF31'],
			['1', '0415'],
			['2', '0020'],
			['2', '0007'],
			['4', '200B'],
			['2', '2010']
		]);
	});
});

describe('all or nothing', () => {
	const refused = [
		'bad-values.csv',
		'bad-units.csv',
		'bad-registry.csv',
		'bad-other-implementer.csv',
		'bad-duplicates.csv',
		'bad-codes.csv',
		'bad-quote.csv',
		'bad-bytes.csv',
		'bad-bytes-gb18030.csv',
		'bad-missing-column.csv',
		'bad-duplicate-column.csv'
	];

	it.each(refused)('writes nothing for %s (not even its good rows), after earlier imports', async (file) => {
		await commit('revision-1.csv');
		const before = tableCounts();
		const snapshot = current();
		const s = await run(file);
		expect(s.errorCount).toBeGreaterThan(0);
		expect(s).toMatchObject({ isWritten: false, isIdentical: false, uploadId: null, revisions: [] });
		// nothing but the refusal's one line in the audit log
		expect(tableCounts()).toEqual({ ...before, auditLog: before.auditLog + 1 });
		expect(current()).toEqual(snapshot);
		const line = t.sqlite.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as Record<string, string>;
		expect(line).toMatchObject({ action: 'import.refuse', entity: 'upload', entity_id: null, actor: 'imp1' });
		const after = JSON.parse(line.after);
		expect(after).toMatchObject({ file, sha256: s.sha256, channel: 'cli', errors: s.errorCount, isDryRun: false });
		const counted = Object.values(after.codes as Record<string, number>).reduce((a, b) => a + b, 0);
		expect(counted).toBe(s.errorCount);
		expect(line.after).not.toContain('"pilotCode"');
		for (const p of s.problems) {
			expect(p).toMatchObject({ code: expect.stringMatching(/^[EW]_/) });
			expect(p.zh.length).toBeGreaterThan(0);
			expect(p.en.length).toBeGreaterThan(0);
			expect(p.row === null || p.row >= 1).toBe(true);
		}
	});

	it('writes nothing on a dry run, even of a good file, and keeps no raw file', async () => {
		const before = tableCounts();
		const s = await run('revision-1.csv', { dryRun: true });
		expect(s).toMatchObject({ isDryRun: true, isWritten: false, uploadId: null, errorCount: 0 });
		expect(s.counts).toEqual({ new: 8, changed: 0, unchanged: 0, removed: 0, refused: 0 });
		expect(tableCounts()).toEqual(before);
		expect(existsSync(uploadsDir())).toBe(false);
	});
});

describe('dry run', () => {
	it('reports new, changed, unchanged, removed and refused, with each change old → new', async () => {
		await commit('revision-1.csv');
		const before = tableCounts();
		const s = await run('revision-2.csv', { dryRun: true });
		expect(s).toMatchObject({ isWritten: false, isIdentical: false, errorCount: 0 });
		expect(s.counts).toEqual({ new: 1, changed: 1, unchanged: 5, removed: 1, refused: 0 });
		expect(
			s.changes.map(({ row, enterpriseCode, period, indicatorCode, old, new: to, status }) => ({
				row,
				e: enterpriseCode,
				period,
				c: indicatorCode,
				old,
				new: to,
				status
			}))
		).toEqual([
			{ row: 3, e: 'E02', period: '2025Q3', c: 'voc', old: 32, new: 35, status: 'changed' },
			{ row: 7, e: 'E03', period: '2025Q3', c: 'energy', old: null, new: 2900, status: 'new' },
			{ row: 0, e: 'E03', period: '2025Q3', c: 'voc', old: 28, new: null, status: 'removed' }
		]);
		expect(s.revisions).toEqual([{ pilotCode: 'Q-1', period: '2025Q3', revisionId: null, number: null }]);
		expect(tableCounts()).toEqual(before);
	});

	it('counts refused rows in a dry run of a bad file', async () => {
		const s = await run('bad-registry.csv', { dryRun: true });
		expect(s.counts).toMatchObject({ refused: 12, new: 0 });
		expect(s.changes).toEqual([]);
	});
});

describe('commit, revisions and history', () => {
	it('supersedes per (pilot, period): numbers 1 then 2, old values kept, unchanged rows untouched', async () => {
		const first = await commit('revision-1.csv');
		expect(first.counts).toEqual({ new: 8, changed: 0, unchanged: 0, removed: 0, refused: 0 });
		expect(first.revisions.map((r) => [r.pilotCode, r.period, r.number])).toEqual([
			['Q-1', '2025Q3', 1],
			['Q-1', '2025Q4', 1]
		]);
		const rev1 = new Map(current().map((r) => [`${r.e ?? '-'} ${r.period} ${r.c}`, r]));
		expect(rollups()).toEqual([
			{ period: '2025Q3', c: 'electricity', value: 120, sum: 120, n: 1 },
			{ period: '2025Q3', c: 'energy', value: 6100, sum: 6100, n: 2 },
			{ period: '2025Q3', c: 'voc', value: 95, sum: 90, n: 3 },
			{ period: '2025Q4', c: 'voc', value: 31, sum: 31, n: 1 }
		]);

		const second = await commit('revision-2.csv');
		expect(second.counts).toEqual({ new: 1, changed: 1, unchanged: 5, removed: 1, refused: 0 });
		expect(second.uploadId).not.toBe(first.uploadId);
		const revs = revisions();
		expect(revs.map((r) => [r.period, r.number, r.added, r.changed, r.removed, r.unchanged])).toEqual([
			['2025Q3', 1, 7, 0, 0, 0],
			['2025Q4', 1, 1, 0, 0, 0],
			['2025Q3', 2, 1, 1, 1, 5]
		]);
		const rev2Id = revs[2].id;
		expect(second.revisions).toEqual([{ pilotCode: 'Q-1', period: '2025Q3', revisionId: rev2Id, number: 2 }]);
		expect(revs[2].uploadId).toBe(second.uploadId);

		// Unchanged values keep their row (same id, first revision); 0.31 万tce is the same 3100 tce.
		const now = new Map(current().map((r) => [`${r.e ?? '-'} ${r.period} ${r.c}`, r]));
		for (const key of [
			'E01 2025Q3 voc',
			'- 2025Q3 voc',
			'E01 2025Q3 energy',
			'E02 2025Q3 energy',
			'E01 2025Q3 electricity',
			'E01 2025Q4 voc'
		])
			expect(now.get(key)!.id, key).toBe(rev1.get(key)!.id);
		expect(now.get('E02 2025Q3 voc')).toMatchObject({ value: 35, note: 'corrected' });
		expect(now.get('E02 2025Q3 voc')!.id).not.toBe(rev1.get('E02 2025Q3 voc')!.id);
		expect(now.get('E03 2025Q3 energy')).toMatchObject({ value: 2900 });
		expect(now.has('E03 2025Q3 voc')).toBe(false);

		// Earlier values stay readable, closed by the revision that replaced or removed them.
		const closed = t.sqlite
			.prepare('SELECT id, value, superseded_by AS by FROM observations WHERE superseded_by IS NOT NULL ORDER BY id')
			.all();
		expect(closed).toEqual([
			{ id: rev1.get('E02 2025Q3 voc')!.id, value: 32, by: rev2Id },
			{ id: rev1.get('E03 2025Q3 voc')!.id, value: 28, by: rev2Id }
		]);
		expect(tableCounts().observations).toBe(10);

		// 2025Q3 rolled up again (the pilot-level 95 still beats the enterprises' 65); 2025Q4 untouched.
		expect(rollups()).toEqual([
			{ period: '2025Q3', c: 'electricity', value: 120, sum: 120, n: 1 },
			{ period: '2025Q3', c: 'energy', value: 9000, sum: 9000, n: 3 },
			{ period: '2025Q3', c: 'voc', value: 95, sum: 65, n: 2 },
			{ period: '2025Q4', c: 'voc', value: 31, sum: 31, n: 1 }
		]);
		const rollupRevisions = t.sqlite
			.prepare('SELECT DISTINCT period, revision_id AS r FROM rollups ORDER BY period')
			.all();
		expect(rollupRevisions).toEqual([
			{ period: '2025Q3', r: rev2Id },
			{ period: '2025Q4', r: revs[1].id }
		]);
	});

	it('recognises an identical re-upload: no upload, no revision, nothing written', async () => {
		await commit('revision-1.csv');
		await commit('revision-2.csv');
		const before = tableCounts();
		const again = await run('revision-2.csv');
		expect(again).toMatchObject({ isIdentical: true, isWritten: false, uploadId: null, revisions: [], errorCount: 0 });
		expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 7, removed: 0, refused: 0 });
		expect(tableCounts()).toEqual(before);
		const dry = await run('revision-2.csv', { dryRun: true });
		expect(dry).toMatchObject({ isIdentical: true, changes: [], revisions: [] });
	});

	it('keeps the raw bytes under dataDir/uploads/<sha[0:2]>/<sha256> and records the upload', async () => {
		const bytes = fixture('good-gb18030.csv');
		const s = await commit(bytes);
		const path = join(dataDir, 'uploads', s.sha256.slice(0, 2), s.sha256);
		expect(rawFilePath(s.sha256, dataDir)).toBe(path);
		expect(new Uint8Array(readFileSync(path))).toEqual(bytes);
		const { createHash } = await import('node:crypto');
		expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(s.sha256);
		const upload = t.sqlite.prepare('SELECT * FROM uploads WHERE id = ?').get(s.uploadId);
		expect(upload).toMatchObject({
			user_id: t.users.imp1.id,
			uploader: 'imp1',
			sha256: s.sha256,
			size: bytes.length,
			encoding: 'gb18030',
			delimiter: ',',
			rows: 3,
			channel: 'cli'
		});
		const audit = t.sqlite
			.prepare("SELECT actor, entity_id AS id, after FROM audit_log WHERE action = 'import.commit'")
			.all() as { actor: string; id: string; after: string }[];
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actor: 'imp1', id: String(s.uploadId) });
		expect(JSON.parse(audit[0].after)).toMatchObject({ sha256: s.sha256, rows: 3, new: 3 });
	});

	it('rolls up per pilot × period × indicator: the pilot-level value beats the enterprise sum; counts enterprises', async () => {
		const file = utf8(
			[
				'pilot_code,enterprise_code,period,indicator_code,value,unit,note',
				'Q-1,E01,2026Q1,nox,1,t,',
				'Q-1,E02,2026Q1,nox,2,t,',
				'Q-1,E03,2026Q1,nox,4,t,',
				'Q-1,E01,2026Q1,cod,10,t,',
				'Q-1,E02,2026Q1,cod,20,t,',
				'Q-1,,2026Q1,cod,25,t,the pilot counts its own total',
				'Q-1,,2026Q1,investment,12,万元,pilot level only',
				''
			].join('\n')
		);
		await commit(file);
		expect(rollups()).toEqual([
			{ period: '2026Q1', c: 'cod', value: 25, sum: 30, n: 2 },
			{ period: '2026Q1', c: 'investment', value: 12, sum: null, n: 0 },
			{ period: '2026Q1', c: 'nox', value: 7, sum: 7, n: 3 }
		]);
	});
});

describe('streaming parse over chunk boundaries', () => {
	/** parse.ts decodes the bytes in pieces of this size: piece n ends just before byte n × CHUNK. */
	const CHUNK = 1 << 16;
	const HEADER = 'pilot_code,enterprise_code,period,indicator_code,value,unit,note\r\n';
	const PERIODS = ['2025Q3', '2025Q4', '2026Q1', '2026Q2'];
	// voc and energy have baselines (they would warn); counts take whole numbers and rates 0–100, so they are left out.
	const CODES = INDICATORS.filter((i) => i.code !== 'voc' && i.code !== 'energy' && !i.isInteger && i.kind !== 'rate');
	const ENTERPRISES = 600;

	/** A deterministic pseudo-random sequence (Park–Miller). */
	function random(seed: number) {
		let s = seed;
		return (n: number) => {
			s = (s * 48271) % 2147483647;
			return s % n;
		};
	}

	const csvField = (text: string) => `"${text.replace(/"/g, '""')}"`;

	/**
	 * About 3 MB of CRLF rows whose quoted notes hold "" escapes, commas, CRLF and LF line breaks and
	 * Chinese. Before each 64 KiB boundary a filler row is sized so that a chosen character lands on the
	 * last byte of the piece: the record's CR, a closing quote, the first quote of a "" pair, a CR inside
	 * a note, an opening quote, the delimiter before a note, or the first byte of a 3-byte character.
	 */
	function bigFile() {
		const next = random(20251129);
		const encoder = new TextEncoder();
		const size = (s: string) => encoder.encode(s).length;
		const keys: { e: string; period: string; code: string; unit: string }[] = [];
		for (let e = 1; e <= ENTERPRISES; e++)
			for (const period of PERIODS)
				for (const i of CODES) keys.push({ e: `S${String(e).padStart(3, '0')}`, period, code: i.code, unit: i.unit });
		const expected = new Map<string, { value: number; note: string }>();
		type Row = { text: string; id: string; value: number; note: string };
		const row = (index: number, value: string, note: string): Row => {
			const key = keys[index];
			return {
				text: `Q-1,${key.e},${key.period},${key.code},${value},${key.unit},${note ? csvField(note) : ''}\r\n`,
				id: `${key.e} ${key.period} ${key.code}`,
				value: Number(value),
				note
			};
		};
		const words = ['清洁生产', 'audit', 'say "yes"', 'a, b, c', 'line\r\nbreak', 'lf\nonly', '""', '减排 10%'];
		const normal = (index: number) => {
			const parts = Array.from({ length: 1 + next(12) }, () => words[next(words.length)]);
			return row(index, `${next(9000) + 1}.${next(100)}`, next(10) === 0 ? '' : `n${index}: ${parts.join(' ')}`);
		};
		const before = (r: Row, s: string, extra = 0) => size(r.text.slice(0, r.text.indexOf(s))) + extra;
		// Special rows, each with the byte offset of its marker character and the byte expected there.
		const specials: { name: string; byte: number; make: (index: number) => { r: Row; marker: number } }[] = [
			{
				name: 'record CR | LF',
				byte: 0x0d,
				make: (i) => {
					const r = row(i, '1.5', 'ends "quoted", then CRLF');
					return { r, marker: size(r.text) - 2 };
				}
			},
			{
				name: 'closing quote | CRLF',
				byte: 0x22,
				make: (i) => {
					const r = row(i, '2.5', 'closing quote at the cut');
					return { r, marker: size(r.text) - 3 };
				}
			},
			{
				name: 'first quote of "" | second',
				byte: 0x22,
				make: (i) => {
					const r = row(i, '3.5', 'he said "yes" twice');
					return { r, marker: before(r, '""') };
				}
			},
			{
				name: 'CR inside a note | LF',
				byte: 0x0d,
				make: (i) => {
					const r = row(i, '4.5', 'first line\r\nsecond line, with a comma');
					return { r, marker: before(r, '\r\n') };
				}
			},
			{
				name: 'opening quote | note',
				byte: 0x22,
				make: (i) => {
					const r = row(i, '5.5', '"quoted" start, and more');
					return { r, marker: before(r, ',"', 1) };
				}
			},
			{
				name: 'delimiter | quoted note',
				byte: 0x2c,
				make: (i) => {
					const r = row(i, '6.5', 'after the comma\r\nand a second line');
					return { r, marker: before(r, ',"') };
				}
			},
			{
				name: '1st byte of 中 | 2nd and 3rd',
				byte: 0xe4,
				make: (i) => {
					const r = row(i, '7.5', 'x中文, "备注"');
					return { r, marker: before(r, '中') };
				}
			},
			{
				name: '1st and 2nd byte of 中 | 3rd',
				byte: 0xb8,
				make: (i) => {
					const r = row(i, '8.5', 'y中文\r\n第二行');
					return { r, marker: before(r, '中', 1) };
				}
			}
		];
		/** A row of exactly `bytes` bytes. */
		const filler = (index: number, bytes: number) => {
			const note = (pad: number) => `filler, "q", x${'x'.repeat(pad)}`;
			return row(index, '9.5', note(bytes - size(row(index, '9.5', note(0)).text)));
		};
		const text = [HEADER];
		const push = (r: Row) => {
			text.push(r.text);
			expected.set(r.id, { value: r.value, note: r.note });
			offset += size(r.text);
		};
		let offset = size(HEADER);
		let k = 0;
		const checks: { name: string; at: number; byte: number }[] = [];
		let boundary = CHUNK;
		while (offset < 3_000_000) {
			const candidate = normal(k);
			if (boundary - 1 - offset - size(candidate.text) > 400) {
				push(candidate);
				k++;
				continue;
			}
			const spec = specials[checks.length % specials.length];
			const special = spec.make(k + 1);
			const fill = filler(k, boundary - 1 - offset - special.marker);
			expect(size(fill.text)).toBe(boundary - 1 - offset - special.marker);
			push(fill);
			push(special.r);
			k += 2;
			checks.push({ name: spec.name, at: boundary - 1, byte: spec.byte });
			boundary += CHUNK;
		}
		const bytes = encoder.encode(text.join(''));
		return { bytes, rows: expected.size, expected, checks };
	}

	function addEnterprises() {
		const pilotId = (t.sqlite.prepare("SELECT id FROM pilots WHERE code = 'Q-1'").get() as { id: number }).id;
		const insert = t.sqlite.prepare('INSERT INTO enterprises (pilot_id, code, name_zh) VALUES (?, ?, ?)');
		t.sqlite.transaction(() => {
			for (let e = 1; e <= ENTERPRISES; e++) insert.run(pilotId, `S${String(e).padStart(3, '0')}`, `企业 S${e}`);
		})();
	}

	it('imports a 3 MB CRLF file with quoted notes cut at every kind of place, without a false quote error', async () => {
		addEnterprises();
		const { bytes, rows, expected, checks } = bigFile();
		expect(bytes.length).toBeGreaterThan(3_000_000);
		expect(checks.length).toBeGreaterThanOrEqual(40);
		for (const c of checks) expect([c.name, bytes[c.at]]).toEqual([c.name, c.byte]);

		const s = await commit(bytes);
		expect(s).toMatchObject({ encoding: 'utf-8', delimiter: ',', errorCount: 0, rows });
		expect(s.counts).toEqual({ new: rows, changed: 0, unchanged: 0, removed: 0, refused: 0 });
		const stored = t.sqlite
			.prepare(
				`SELECT e.code AS e, o.period, o.indicator_code AS c, o.value, o.note FROM observations o
				JOIN enterprises e ON e.id = o.enterprise_id`
			)
			.all() as { e: string; period: string; c: string; value: number; note: string | null }[];
		expect(stored).toHaveLength(rows);
		let mismatches = 0;
		for (const r of stored) {
			const want = expected.get(`${r.e} ${r.period} ${r.c}`);
			if (!want || want.value !== r.value || want.note !== (r.note ?? '')) {
				if (mismatches++ < 5) expect({ ...r, note: r.note ?? '' }).toEqual({ ...r, ...want });
			}
		}
		expect(mismatches).toBe(0);
	});
});
