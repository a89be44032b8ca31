/**
 * The two public API endpoints on a real in-memory database (the intake test registry): a published list of batch 1
 * with Q-1 passed (three enterprises, E01 with a credit code) and Q-2 not passed, then Q-1 reopened as a correction.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { freshAppDb, TEST_TODAY } from '$lib/server/testing';
import * as lists from '$lib/server/evaluation/pass-lists';
import * as decisions from '$lib/server/evaluation/decisions';
import * as pilots from '$lib/server/registry/pilots';
import { GET as evaluationsGet } from './+server';
import { GET as creditsGet } from '../credits/+server';

const current: { db?: Db } = {};

const CODE = '91320100MA1TEST01X';
const REF = '环办科财函〔2026〕9号';
/** Calls a GET handler as an anonymous visitor (no session, no token) with the query string. */
async function call<E>(handler: (event: E) => Response | Promise<Response>, query: string): Promise<Response> {
	return handler({ url: new URL(`http://localhost/api/v1/x?${query}`), locals: { user: null } } as unknown as E);
}
const body = async (r: Response) => JSON.parse(await r.text());
/** The CSV's lines, after checking that it starts with a BOM (which text() would silently drop). */
async function csvLines(r: Response): Promise<string[]> {
	const bytes = new Uint8Array(await r.arrayBuffer());
	expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	return new TextDecoder().decode(bytes).split('\r\n');
}

let admin: { userId: number; name: string; ip: null };

beforeEach(() => {
	const t = freshAppDb();
	current.db = t.db;
	admin = { userId: t.users.admin.id, name: t.users.admin.username, ip: null };
	t.sqlite.prepare('UPDATE enterprises SET credit_code = ? WHERE code = ?').run(CODE, 'E01');
	const decide = t.sqlite.prepare(
		`INSERT INTO evaluation_decisions (pilot_id, decision, reason, decided_on, decided_by, decided_at)
		 SELECT id, ?, '内部评估意见', '2026-11-20', 'secret-minister', 0 FROM pilots WHERE code = ?`
	);
	decide.run('passed', 'Q-1');
	decide.run('not_passed', 'Q-2');
	const published = lists.publish(t.db, 1, { refNo: REF, publishedOn: '2026-11-25' }, admin, TEST_TODAY);
	expect(published.ok).toBe(true);
});

describe('GET /api/v1/evaluations', () => {
	it('refuses a missing or non-integer batch (400) and an unpublished one (404), bilingually', async () => {
		for (const q of ['', 'batch=', 'batch=abc', 'batch=1.5', 'batch=0', 'batch=-1']) {
			const r = await call(evaluationsGet, q);
			expect(r.status).toBe(400);
			expect((await body(r)).error).toMatchObject({ code: 'BAD_BATCH', zh: expect.stringContaining('batch=') });
		}
		const r = await call(evaluationsGet, 'batch=2');
		expect(r.status).toBe(404);
		expect(await body(r)).toEqual({
			error: { code: 'NOT_PUBLISHED', zh: '该批次的名单尚未发布', en: "This batch's list is not published" }
		});
	});

	it('answers the list as the page shows it: counts, the passed pilots only, corrections; no user names', async () => {
		const r = await call(evaluationsGet, 'batch=1');
		expect(r.status).toBe(200);
		const list = await body(r);
		expect(list).toMatchObject({
			batch: 1,
			refNo: REF,
			publishedOn: '2026-11-25',
			counts: { evaluated: 2, passed: 1, notPassed: 1 },
			corrections: []
		});
		expect(list.entries).toEqual([
			{
				pilotCode: 'Q-1',
				nameZh: '测试试点 Q-1',
				nameEn: 'Test pilot Q-1',
				provinceCode: '32',
				category: 1,
				enterprises: 3,
				decision: 'passed'
			}
		]);
		const text = JSON.stringify(list);
		for (const hidden of ['Q-2', 'admin', 'secret-minister', '内部评估意见', 'publishedBy', 'publishedAt'])
			expect(text).not.toContain(hidden);
	});

	it('shows a later change as a dated correction and marks it in the CSV, the list itself unchanged', async () => {
		const q1 = pilots.get(current.db!, { kind: 'all' }, 'Q-1')!;
		expect(decisions.reopen(current.db!, q1, '发现数据问题，重新评估', 'admin', admin, TEST_TODAY)).toEqual({
			ok: true
		});
		const list = await body(await call(evaluationsGet, 'batch=1'));
		expect(list.counts.passed).toBe(1);
		expect(list.corrections).toEqual([
			{
				correctedOn: TEST_TODAY,
				pilotCode: 'Q-1',
				nameZh: '测试试点 Q-1',
				nameEn: 'Test pilot Q-1',
				fromDecision: 'passed',
				toDecision: null,
				reason: '发现数据问题，重新评估'
			}
		]);
		const csv = await call(evaluationsGet, 'batch=1&format=csv');
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(csv.headers.get('content-disposition')).toBe('attachment; filename="pass-list-batch-1.csv"');
		expect(await csvLines(csv)).toEqual([
			'batch,list_ref,published_on,pilot_code,name_zh,name_en,province_code,category,enterprises,decision,corrections,is_demo',
			`1,${REF},2026-11-25,Q-1,测试试点 Q-1,Test pilot Q-1,32,1,3,passed,${TEST_TODAY} passed>none,0`,
			''
		]);
	});
});

describe('GET /api/v1/credits', () => {
	it('refuses a query with neither a usable code nor a name (400)', async () => {
		expect((await body(await call(creditsGet, ''))).error.code).toBe('NO_QUERY');
		expect((await body(await call(creditsGet, 'name=企'))).error.code).toBe('NO_QUERY');
		const bad = await call(creditsGet, 'code=1234');
		expect(bad.status).toBe(400);
		expect((await body(bad)).error).toMatchObject({ code: 'BAD_CODE', en: expect.stringContaining('18') });
	});

	it('answers by code (normalised) with the public fields only, and by name with the code-less ones marked', async () => {
		const byCode = await body(await call(creditsGet, `code=${encodeURIComponent(' 91320100ma1test01x ')}`));
		expect(byCode.query).toEqual({ by: 'code', code: CODE, name: null });
		expect(byCode.credits).toEqual([
			{
				enterpriseName: '企业 E01',
				creditCode: CODE,
				hasCode: true,
				provinceCode: '32',
				pilotCode: 'Q-1',
				pilotNameZh: '测试试点 Q-1',
				pilotNameEn: 'Test pilot Q-1',
				isDemo: false,
				batch: 1,
				batchNameZh: expect.any(String),
				batchNameEn: expect.any(String),
				listRef: REF,
				listPublishedOn: '2026-11-25',
				grantedOn: '2026-11-25',
				revokedOn: null,
				isValid: true
			}
		]);
		expect((await body(await call(creditsGet, 'code=91320100MA1TEST02X'))).credits).toEqual([]);

		const byName = await body(await call(creditsGet, `code=short&name=${encodeURIComponent('企业 E0')}`));
		expect(byName.query).toEqual({ by: 'name', code: null, name: '企业 E0' });
		expect(byName.warnings[0].code).toBe('BAD_CODE');
		expect(
			byName.credits.map((c: { enterpriseName: string; hasCode: boolean }) => [c.enterpriseName, c.hasCode])
		).toEqual([
			['企业 E01', true],
			['企业 E02', false],
			['企业 E03', false]
		]);
	});

	it('marks a revoked credit and exports CSV with the credit columns', async () => {
		const q1 = pilots.get(current.db!, { kind: 'all' }, 'Q-1')!;
		decisions.reopen(current.db!, q1, '复核', 'admin', admin, TEST_TODAY);
		const [revoked] = (await body(await call(creditsGet, `code=${CODE}`))).credits;
		expect(revoked).toMatchObject({ isValid: false, revokedOn: TEST_TODAY });
		const csv = await call(creditsGet, `name=${encodeURIComponent('企业 E0')}&format=csv`);
		expect(csv.headers.get('content-disposition')).toBe('attachment; filename="credits-name.csv"');
		const lines = await csvLines(csv);
		expect(lines[0]).toBe(
			'enterprise_name,credit_code,province_code,pilot_code,pilot_name,batch,list_ref,granted_on,revoked_on,status'
		);
		expect(lines.slice(1, 3)).toEqual([
			`企业 E01,${CODE},32,Q-1,测试试点 Q-1,1,${REF},2026-11-25,${TEST_TODAY},revoked`,
			`企业 E02,,32,Q-1,测试试点 Q-1,1,${REF},2026-11-25,${TEST_TODAY},revoked;no_code`
		]);
	});
});
