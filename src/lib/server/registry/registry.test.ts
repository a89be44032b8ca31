/**
 * The registry import and export end to end, on a fresh in-memory database with the reference seed.
 *
 * The fixtures in test/fixtures/registry/ are committed as bytes. The non-UTF-8 ones were written with
 * Python from the UTF-8 text of pilots-valid-zh.csv (without its BOM):
 *   python3 -c "import codecs; t=open('pilots-valid-zh.csv',encoding='utf-8-sig').read();
 *     open('pilots-valid-gb18030.csv','wb').write(t.encode('gb18030'));
 *     open('pilots-valid-utf16le.csv','wb').write(codecs.BOM_UTF16_LE + t.encode('utf-16-le'))"
 * pilots-invalid-bytes.csv is UTF-8 and pilots-invalid-bytes-gb18030.csv is GB18030, each with one 0xFF
 * byte inserted in row 3.
 */
// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { readFileSync } from 'node:fs';
import { asc, count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db';
import {
	auditLog,
	enterprises,
	pilotIndicators,
	pilotIndustries,
	pilots,
	pilotStatusEvents,
	batches
} from '../db/schema';
import { seedReference } from '../seed';
import { systemActor } from '../audit/audit';
import { exportCsv, importFile, type ImportOutcome } from './index';

const actor = systemActor('test');
const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/registry/${name}`));
const utf8 = (text: string) => new TextEncoder().encode(text);

function freshDb(): Db {
	const { db } = openDb(':memory:');
	seedReference(db);
	return db;
}

function load(db: Db, bytes: Uint8Array | string, dryRun = false): ImportOutcome {
	return importFile(db, typeof bytes === 'string' ? fixture(bytes) : bytes, { dryRun, actor });
}

/** Imports and fails the test with the problems when the file is refused. */
function loadOk(db: Db, bytes: Uint8Array | string): ImportOutcome {
	const outcome = load(db, bytes);
	expect(outcome.problems.filter((p) => p.severity === 'error')).toEqual([]);
	expect(outcome.isWritten).toBe(true);
	return outcome;
}

function tally(db: Db) {
	const n = (table: typeof pilots | typeof enterprises | typeof pilotIndicators | typeof auditLog) =>
		db.select({ n: count() }).from(table).get()!.n;
	return {
		pilots: n(pilots),
		enterprises: n(enterprises),
		pilotIndicators: n(pilotIndicators),
		auditLog: n(auditLog),
		statusEvents: db.select({ n: count() }).from(pilotStatusEvents).get()!.n,
		industries: db.select({ n: count() }).from(pilotIndustries).get()!.n
	};
}

/** Every pilot as plain data, without row ids and timestamps, for comparing two databases. */
function pilotSnapshot(db: Db) {
	return db
		.select({ p: pilots, batch: batches.number })
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.orderBy(asc(pilots.code))
		.all()
		.map(({ p, batch }) => {
			const { id, batchId: _batchId, createdAt: _createdAt, updatedAt: _updatedAt, ...rest } = p;
			return {
				...rest,
				batch,
				industries: db
					.select({ i: pilotIndustries.industry })
					.from(pilotIndustries)
					.where(eq(pilotIndustries.pilotId, id))
					.all()
					.map((r) => r.i)
					.sort(),
				events: db
					.select({ status: pilotStatusEvents.status, on: pilotStatusEvents.on })
					.from(pilotStatusEvents)
					.where(eq(pilotStatusEvents.pilotId, id))
					.orderBy(asc(pilotStatusEvents.id))
					.all()
			};
		});
}

function enterpriseSnapshot(db: Db) {
	return db
		.select({
			pilot: pilots.code,
			code: enterprises.code,
			nameZh: enterprises.nameZh,
			industry: enterprises.industry,
			creditCode: enterprises.creditCode
		})
		.from(enterprises)
		.innerJoin(pilots, eq(pilots.id, enterprises.pilotId))
		.orderBy(asc(pilots.code), asc(enterprises.code))
		.all();
}

function indicatorSnapshot(db: Db) {
	return db
		.select({
			pilot: pilots.code,
			indicator: pilotIndicators.indicatorCode,
			baseYear: pilotIndicators.baseYear,
			baseline: pilotIndicators.baseline,
			targetKind: pilotIndicators.targetKind,
			targetValue: pilotIndicators.targetValue
		})
		.from(pilotIndicators)
		.innerJoin(pilots, eq(pilots.id, pilotIndicators.pilotId))
		.orderBy(asc(pilots.code), asc(pilotIndicators.indicatorCode))
		.all();
}

function pilot(db: Db, code: string) {
	const row = db.select().from(pilots).where(eq(pilots.code, code)).get();
	if (!row) throw new Error(`no pilot ${code}`);
	return row;
}

function auditEntries(db: Db, action: string) {
	return db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id)).all();
}

let db: Db;
beforeEach(() => {
	db = freshDb();
});

describe('importing valid registry files', () => {
	it('imports the pilots file with every value resolved to its code', () => {
		const outcome = loadOk(db, 'pilots-valid-zh.csv');
		expect(outcome).toMatchObject({ kind: 'pilots', encoding: 'utf-8', rows: 3, problems: [] });
		expect(outcome.counts).toEqual({ created: 3, updated: 0 });
		expect(outcome.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(tally(db)).toMatchObject({ pilots: 3, statusEvents: 3, industries: 5 });

		const batch2 = db.select().from(batches).where(eq(batches.number, 2)).get()!;
		expect(pilot(db, 'T-001')).toMatchObject({
			batchId: batch2.id,
			nameZh: '苏州工业园区印染集群清洁生产整体审核创新试点',
			nameEn: null,
			category: 2,
			provinceCode: '320000',
			airRegion: 'yrd',
			basin: 'yangtze',
			bodyName: '苏州工业园区管理委员会',
			bodyType: 'park',
			termStart: '2023-09-01',
			termEnd: '2024-08-31',
			status: 'in_progress',
			isDemo: false,
			inferredFields: '[]'
		});
		expect(pilot(db, 'T-002')).toMatchObject({
			provinceCode: '370000',
			airRegion: 'jjj',
			basin: 'yellow',
			bodyType: 'county_gov',
			termEnd: '2024-10-14',
			status: 'approved'
		});
		// Category 4 from a provincial department; a term starting on 29 February ends on 28 February.
		expect(pilot(db, 'T-003')).toMatchObject({
			category: 4,
			provinceCode: '510000',
			airRegion: 'chengyu',
			bodyType: 'provincial_dept',
			termStart: '2024-02-29',
			termEnd: '2025-02-28'
		});

		const snapshot = pilotSnapshot(db);
		expect(snapshot.map((p) => [p.code, p.industries])).toEqual([
			['T-001', ['dyeing', 'paper']],
			['T-002', ['other:轴承']],
			['T-003', ['other:白酒', 'petrochemical']]
		]);
		expect(snapshot.map((p) => p.events)).toEqual([
			[{ status: 'in_progress', on: null }],
			[{ status: 'approved', on: null }],
			[{ status: 'in_progress', on: null }]
		]);

		expect(auditEntries(db, 'pilot.create').map((a) => a.entityId)).toEqual(['T-001', 'T-002', 'T-003']);
		const [imported] = auditEntries(db, 'registry.import');
		expect(imported).toMatchObject({ actor: 'test', entity: 'registry', entityId: 'pilots' });
		expect(JSON.parse(imported.after!)).toMatchObject({ sha256: outcome.sha256, rows: 3, created: 3, updated: 0 });
	});

	it('reads the GB18030, UTF-16 LE and semicolon versions as the same pilots', () => {
		loadOk(db, 'pilots-valid-zh.csv');
		const expected = pilotSnapshot(db);
		for (const [file, encoding] of [
			['pilots-valid-gb18030.csv', 'gb18030'],
			['pilots-valid-utf16le.csv', 'utf-16le'],
			['pilots-valid-semicolon.csv', 'utf-8']
		]) {
			const other = freshDb();
			const outcome = loadOk(other, file);
			expect(outcome.encoding, file).toBe(encoding);
			expect(outcome.counts, file).toEqual({ created: 3, updated: 0 });
			expect(pilotSnapshot(other), file).toEqual(expected);
		}
	});

	it('imports enterprises (CRLF, quoted comma) after their pilots', () => {
		loadOk(db, 'pilots-valid-zh.csv');
		const outcome = loadOk(db, 'enterprises-valid-crlf.csv');
		expect(outcome).toMatchObject({ kind: 'enterprises', rows: 4, counts: { created: 4, updated: 0 } });
		expect(enterpriseSnapshot(db)).toEqual([
			{
				pilot: 'T-001',
				code: 'E01',
				nameZh: '苏州某印染有限公司',
				industry: 'dyeing',
				creditCode: '91350100M000100Y43'
			},
			{
				pilot: 'T-001',
				code: 'E02',
				nameZh: '苏州某纸业有限公司',
				industry: 'paper',
				creditCode: '91320000MA1X000105'
			},
			{
				pilot: 'T-002',
				code: 'E01',
				nameZh: '临清某轴承有限公司',
				industry: 'other:轴承',
				creditCode: '91370000MA3C00030C'
			},
			{
				pilot: 'T-003',
				code: 'E01',
				nameZh: '四川某化工有限公司, 彭州分公司',
				industry: 'petrochemical',
				creditCode: null
			}
		]);
	});

	it('imports baselines and targets converted to canonical units', () => {
		loadOk(db, 'pilots-valid-zh.csv');
		const outcome = loadOk(db, 'indicators-valid.csv');
		expect(outcome).toMatchObject({ kind: 'indicators', rows: 4, counts: { created: 4, updated: 0 } });
		const rows = indicatorSnapshot(db);
		const row = (p: string, i: string) => rows.find((r) => r.pilot === p && r.indicator === i)!;
		// 1.5 万吨 = 15 000 t; the absolute target 0.2 万吨 = 2 000 t.
		expect(row('T-001', 'cod')).toMatchObject({ baseYear: 2022, targetKind: 'absolute' });
		expect(row('T-001', 'cod').baseline).toBeCloseTo(15_000, 6);
		expect(row('T-001', 'cod').targetValue).toBeCloseTo(2_000, 6);
		// 2 500 kg = 2.5 t; a percent target stays a percentage ("10%").
		expect(row('T-001', 'voc').baseline).toBeCloseTo(2.5, 9);
		expect(row('T-001', 'voc')).toMatchObject({ targetKind: 'percent', targetValue: 10 });
		// "1,200" 万kWh = 12 000 MWh.
		expect(row('T-002', 'electricity').baseline).toBeCloseTo(12_000, 6);
		expect(row('T-002', 'electricity')).toMatchObject({ targetKind: 'percent', targetValue: 5 });
		// Named by its zh name; no target.
		expect(row('T-003', 'nh3n')).toEqual({
			pilot: 'T-003',
			indicator: 'nh3n',
			baseYear: 2023,
			baseline: 12.5,
			targetKind: null,
			targetValue: null
		});
	});
});

describe('delimiters', () => {
	it('recognises a two-column semicolon file with a final line break', () => {
		loadOk(db, 'pilots-valid-zh.csv');
		const outcome = loadOk(db, utf8('pilot_code;indicator_code\r\nT-001;cod\r\nT-002;nox\r\n'));
		expect(outcome).toMatchObject({ kind: 'indicators', rows: 2, counts: { created: 2, updated: 0 } });
		expect(indicatorSnapshot(db).map((r) => [r.pilot, r.indicator, r.baseline])).toEqual([
			['T-001', 'cod', null],
			['T-002', 'nox', null]
		]);
	});
});

describe('refusing invalid registry files', () => {
	type Case = { file: string; needsPilots: boolean; errors: [number | null, string | null][] };
	const cases: Case[] = [
		{
			file: 'pilots-invalid.csv',
			needsPilots: false,
			errors: [
				[2, '省份'],
				[3, '试点类别'],
				[4, '重点区域'],
				[5, '实施起始日期'],
				[6, '主体类型'],
				[7, '试点编号'],
				[8, '试点名称']
			]
		},
		{
			file: 'enterprises-invalid.csv',
			needsPilots: true,
			errors: [
				[2, 'credit_code'],
				[3, 'pilot_code']
			]
		},
		{
			file: 'indicators-invalid.csv',
			needsPilots: true,
			errors: [
				[2, 'indicator_code'],
				[3, 'unit'],
				[4, 'baseline'],
				[5, 'baseline'],
				[6, 'baseline']
			]
		},
		{ file: 'pilots-unbalanced-quote.csv', needsPilots: false, errors: [[3, null]] },
		{ file: 'pilots-invalid-bytes.csv', needsPilots: false, errors: [[3, null]] },
		{ file: 'pilots-invalid-bytes-gb18030.csv', needsPilots: false, errors: [[3, null]] },
		{ file: 'pilots-missing-column.csv', needsPilots: false, errors: [[1, '批次']] },
		{ file: 'pilots-duplicate-column.csv', needsPilots: false, errors: [[1, '省份']] }
	];

	for (const { file, needsPilots, errors } of cases) {
		it(`${file}: names each row and column in zh and en, and writes nothing`, () => {
			if (needsPilots) loadOk(db, 'pilots-valid-zh.csv');
			const before = tally(db);
			const outcome = load(db, file);
			const found = outcome.problems.filter((p) => p.severity === 'error');
			expect(found.map((p) => [p.row, p.column])).toEqual(errors);
			for (const p of found) {
				expect(p.zh, JSON.stringify(p)).toMatch(/[\u4e00-\u9fff]/);
				expect(p.en, JSON.stringify(p)).toMatch(/^[A-Z].*[a-z]{3}/);
				expect(p.en).not.toBe(p.zh);
			}
			expect(outcome.isWritten).toBe(false);
			expect(outcome.counts).toEqual({ created: 0, updated: 0 });
			expect(tally(db)).toEqual(before);
		});
	}

	it('explains each pilots error with the value it refused', () => {
		const { problems } = load(db, 'pilots-invalid.csv');
		const at = (row: number) => problems.find((p) => p.row === row)!;
		expect(at(2)).toMatchObject({ value: '火星', en: expect.stringMatching(/provincial unit/) });
		expect(at(3)).toMatchObject({ value: '5', en: expect.stringMatching(/category/) });
		expect(at(4)).toMatchObject({ value: '京津冀及周边地区', en: expect.stringMatching(/not in this key air region/) });
		expect(at(5)).toMatchObject({ value: '2024-02-30', en: expect.stringMatching(/real date/) });
		expect(at(6)).toMatchObject({ value: '园区管理机构', zh: expect.stringMatching(/通知第三条/) });
		expect(at(7)).toMatchObject({ value: 'T-101', zh: '与第 2 行重复', en: 'Duplicates row 2' });
		expect(at(8)).toMatchObject({ value: '', zh: '必填项为空' });
	});

	it('explains each baseline error', () => {
		loadOk(db, 'pilots-valid-zh.csv');
		const { problems } = load(db, 'indicators-invalid.csv');
		const at = (row: number) => problems.find((p) => p.row === row)!;
		expect(at(2).value).toBe('mercury');
		expect(at(3)).toMatchObject({ value: '万kWh', en: expect.stringMatching(/t, kg, 万t/) });
		expect(at(4).en).toMatch(/percentage target needs a baseline/);
		expect(at(5)).toMatchObject({ value: '-5', en: expect.stringMatching(/non-negative/) });
		expect(at(6)).toMatchObject({ value: '12吨', en: expect.stringMatching(/non-negative number/) });
	});

	it('refuses a file that is no registry kind, and an empty one', () => {
		const before = tally(db);
		const other = load(db, utf8('名称,数量\n甲,1\n'));
		expect(other.kind).toBeNull();
		expect(other.problems).toHaveLength(1);
		expect(other.problems[0]).toMatchObject({ row: null, severity: 'error' });
		const empty = load(db, utf8('试点编号,批次,试点名称\n,,\n'));
		expect(empty.kind).toBe('pilots');
		expect(empty.problems.map((p) => p.en)).toEqual(['The file has no data rows']);
		expect(tally(db)).toEqual(before);
	});
});

describe('writing', () => {
	it('writes nothing on a dry run but reports what it read', () => {
		const before = tally(db);
		const outcome = load(db, 'pilots-valid-zh.csv', true);
		expect(outcome).toMatchObject({ kind: 'pilots', rows: 3, isWritten: false, problems: [] });
		expect(outcome.counts).toEqual({ created: 0, updated: 0 });
		expect(tally(db)).toEqual(before);
		expect(before.pilots).toBe(0);
	});

	it('updates on re-import instead of duplicating, audits before and after, and dates a status change', () => {
		loadOk(db, 'pilots-valid-zh.csv');
		const first = tally(db);
		const again = loadOk(db, 'pilots-valid-zh.csv');
		expect(again.counts).toEqual({ created: 0, updated: 3 });
		expect(tally(db)).toMatchObject({ pilots: 3, statusEvents: 3, industries: 5 });
		expect(tally(db).auditLog).toBe(first.auditLog + 4);

		const text = readFileSync('test/fixtures/registry/pilots-valid-zh.csv', 'utf8')
			.replace('临清市人民政府,县级及以上政府,2023-10-15,批准实施', '临清市人民政府,县级及以上政府,2023-10-15,实施中')
			.replace('印染;造纸', '印染');
		expect(loadOk(db, utf8(text)).counts).toEqual({ created: 0, updated: 3 });
		expect(tally(db)).toMatchObject({ pilots: 3, statusEvents: 4, industries: 4 });
		expect(pilot(db, 'T-002').status).toBe('in_progress');
		expect(
			pilotSnapshot(db)
				.find((p) => p.code === 'T-002')!
				.events.map((e) => e.status)
		).toEqual(['approved', 'in_progress']);

		const updates = auditEntries(db, 'pilot.update').filter((a) => a.entityId === 'T-002');
		expect(updates).toHaveLength(2);
		const last = updates[1];
		expect(JSON.parse(last.before!)).toMatchObject({ code: 'T-002', status: 'approved', industries: ['other:轴承'] });
		expect(JSON.parse(last.after!)).toMatchObject({ code: 'T-002', status: 'in_progress' });
		const t001 = auditEntries(db, 'pilot.update').filter((a) => a.entityId === 'T-001');
		expect(JSON.parse(t001[1].before!).industries.sort()).toEqual(['dyeing', 'paper']);
		expect(JSON.parse(t001[1].after!).industries).toEqual(['dyeing']);
	});

	it('counts enterprise and baseline re-imports as updates', () => {
		loadOk(db, 'pilots-valid-zh.csv');
		loadOk(db, 'enterprises-valid-crlf.csv');
		loadOk(db, 'indicators-valid.csv');
		expect(loadOk(db, 'enterprises-valid-crlf.csv').counts).toEqual({ created: 0, updated: 4 });
		expect(loadOk(db, 'indicators-valid.csv').counts).toEqual({ created: 0, updated: 4 });
		expect(tally(db)).toMatchObject({ enterprises: 4, pilotIndicators: 4 });
	});
});

describe('export', () => {
	function populate(target: Db): void {
		loadOk(target, 'pilots-valid-zh.csv');
		loadOk(target, 'enterprises-valid-crlf.csv');
		loadOk(target, 'indicators-valid.csv');
		// Fields the fixture leaves empty, with characters CSV must quote.
		target
			.update(pilots)
			.set({
				nameEn: 'Suzhou dyeing cluster, "pilot"',
				note: '第一行\n第二行, 含逗号',
				sourceUrl: 'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk06/202308/t20230815.html',
				inferredFields: JSON.stringify(['category', 'provinceCode'])
			})
			.where(eq(pilots.code, 'T-001'))
			.run();
		target.update(pilots).set({ isDemo: true }).where(eq(pilots.code, 'T-003')).run();
		const t001 = pilot(target, 'T-001').id;
		target.update(pilotStatusEvents).set({ on: '2023-09-01' }).where(eq(pilotStatusEvents.pilotId, t001)).run();
	}

	for (const lang of ['zh', 'en'] as const) {
		it(`round-trips pilots, enterprises and baselines through a second database (${lang} headers)`, () => {
			populate(db);
			const second = freshDb();
			for (const kind of ['pilots', 'enterprises', 'indicators'] as const) {
				const csv = exportCsv(db, kind, lang);
				expect(csv.startsWith('\uFEFF')).toBe(true);
				const outcome = loadOk(second, utf8(csv));
				expect(outcome.kind).toBe(kind);
			}
			expect(pilotSnapshot(second)).toEqual(pilotSnapshot(db));
			expect(enterpriseSnapshot(second)).toEqual(enterpriseSnapshot(db));
			expect(indicatorSnapshot(second)).toEqual(indicatorSnapshot(db));
			expect(pilot(second, 'T-001').note).toBe('第一行\n第二行, 含逗号');
			expect(pilot(second, 'T-003').isDemo).toBe(true);
			expect(pilotSnapshot(second)[0].events).toEqual([{ status: 'in_progress', on: '2023-09-01' }]);
		});
	}

	it('writes the headers of the language asked for', () => {
		loadOk(db, 'pilots-valid-zh.csv');
		const zh = exportCsv(db, 'pilots', 'zh').slice(1).split('\r\n')[0];
		const en = exportCsv(db, 'pilots', 'en').slice(1).split('\r\n')[0];
		expect(zh.startsWith('试点编号,批次,试点名称,英文名称,试点类别,省份')).toBe(true);
		expect(en.startsWith('pilot_code,batch,name_zh,name_en,category,province')).toBe(true);
		expect(exportCsv(db, 'pilots', 'zh').split('\r\n').filter(Boolean)).toHaveLength(4);
	});

	it('prefixes text cells a spreadsheet would run as formulas', () => {
		loadOk(db, 'pilots-valid-zh.csv');
		db.update(pilots).set({ note: '=HYPERLINK("http://evil.example")' }).where(eq(pilots.code, 'T-001')).run();
		db.update(pilots).set({ note: '@SUM(A1)', bodyName: '+86 联系人' }).where(eq(pilots.code, 'T-002')).run();
		db.update(pilots).set({ note: '-1' }).where(eq(pilots.code, 'T-003')).run();
		const lines = exportCsv(db, 'pilots', 'en').split('\r\n');
		const line = (code: string) => lines.find((l) => l.startsWith(`${code},`))!;
		expect(line('T-001')).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
		expect(line('T-002')).toContain(`,'@SUM(A1),`);
		expect(line('T-002')).toContain(`,'+86 联系人,`);
		expect(line('T-001')).not.toMatch(/,=/);
		// A plain number is data, not a formula.
		expect(line('T-003')).toContain(',-1,');
	});
});
