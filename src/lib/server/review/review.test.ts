import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importIndicators } from '../intake';
import { intakeTestDb, TEST_TODAY } from '../testing/registry';
import * as review from './review';
import * as narratives from './narratives';
import * as values from '../progress/values';

const file = (value: string) =>
	new TextEncoder().encode(
		`pilot_code,enterprise_code,period,indicator_code,value,unit,note\nQ-1,E01,2025Q4,voc,${value},t,\n`
	);

async function setUp() {
	const t = intakeTestDb();
	const dataDir = mkdtempSync(join(tmpdir(), 'review-'));
	const send = (value: string) =>
		importIndicators(t.db, file(value), {
			user: t.users.imp1,
			dryRun: false,
			fileName: 'q.csv',
			channel: 'web',
			today: TEST_TODAY,
			dataDir
		});
	const pilotId = (t.sqlite.prepare("SELECT id FROM pilots WHERE code = 'Q-1'").get() as { id: number }).id;
	const as = (u: { id: number; username: string }) => ({ userId: u.id, name: u.username, ip: '127.0.0.1' });
	return { ...t, send, pilotId, as };
}

describe('quarterly review on the database', () => {
	it('needs values and a narrative before a submission', async () => {
		const { db, send, pilotId, users, as } = await setUp();
		expect(review.act(db, pilotId, '2025Q4', 'submit', 'implementer', '', as(users.imp1))).toMatchObject({ ok: false });
		await send('10');
		expect(review.act(db, pilotId, '2025Q4', 'submit', 'implementer', '', as(users.imp1))).toMatchObject({ ok: false });
		narratives.save(db, pilotId, '2025Q4', '完成了两项方案', as(users.imp1));
		expect(review.act(db, pilotId, '2025Q4', 'submit', 'implementer', '', as(users.imp1))).toEqual({
			ok: true,
			state: 'submitted'
		});
		expect(review.queue(db, { kind: 'all' }).map((q) => q.period)).toEqual(['2025Q4']);
	});

	it('locks an approved quarter against every import, names the approver, and an audited reopen unlocks it', async () => {
		const { db, sqlite, send, pilotId, users, as } = await setUp();
		await send('10');
		narratives.save(db, pilotId, '2025Q4', '说明', as(users.imp1));
		review.act(db, pilotId, '2025Q4', 'submit', 'implementer', '', as(users.imp1));
		expect(review.act(db, pilotId, '2025Q4', 'approve', 'province', '', as(users.province))).toEqual({
			ok: true,
			state: 'approved'
		});

		const count = () => (sqlite.prepare('SELECT COUNT(*) AS n FROM observations').get() as { n: number }).n;
		const before = count();
		const refused = await send('12');
		expect(refused.isWritten).toBe(false);
		expect(refused.problems[0]).toMatchObject({ code: 'E_PERIOD_LOCKED', row: 2 });
		expect(refused.problems[0].en).toContain(users.province.username);
		expect(count()).toBe(before);

		expect(review.act(db, pilotId, '2025Q4', 'reopen', 'admin', '', as(users.admin))).toMatchObject({ ok: false });
		expect(review.act(db, pilotId, '2025Q4', 'reopen', 'admin', '数据需更正', as(users.admin))).toEqual({
			ok: true,
			state: 'draft'
		});
		const audit = sqlite.prepare("SELECT actor, before, after FROM audit_log WHERE action = 'review.reopen'").all() as {
			actor: string;
			before: string;
			after: string;
		}[];
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actor: users.admin.username });
		expect(JSON.parse(audit[0].after)).toEqual({ state: 'draft', comment: '数据需更正' });
		expect((await send('12')).isWritten).toBe(true);
	});

	it('a new revision of a submitted quarter withdraws the submission; a returned quarter can be resubmitted', async () => {
		const { db, send, pilotId, users, as } = await setUp();
		await send('10');
		narratives.save(db, pilotId, '2025Q4', '说明', as(users.imp1));
		review.act(db, pilotId, '2025Q4', 'submit', 'implementer', '', as(users.imp1));
		await send('11');
		expect(values.latestChanges(db, pilotId, '2025Q4')).toEqual({
			number: 2,
			changes: [{ enterpriseCode: 'E01', indicatorCode: 'voc', old: 10, new: 11 }]
		});
		expect(review.statesOf(db, pilotId)['2025Q4'].state).toBe('draft');
		expect(review.eventsOf(db, pilotId)[0]).toMatchObject({
			action: 'revise',
			fromState: 'submitted',
			toState: 'draft'
		});
		review.act(db, pilotId, '2025Q4', 'submit', 'implementer', '', as(users.imp1));
		expect(review.act(db, pilotId, '2025Q4', 'return', 'province', '请补充企业数据', as(users.province))).toEqual({
			ok: true,
			state: 'returned'
		});
		expect(review.act(db, pilotId, '2025Q4', 'submit', 'implementer', '', as(users.imp1))).toEqual({
			ok: true,
			state: 'submitted'
		});
		expect(review.eventsOf(db, pilotId).map((e) => e.action)).toEqual([
			'submit',
			'return',
			'submit',
			'revise',
			'submit'
		]);
	});
});

describe('review steps tell the other side', () => {
	it('a submission tells the province; a return (with its comment) and an approval tell the implementers', async () => {
		const { db, sqlite, send, pilotId, users, as } = await setUp();
		await send('10');
		narratives.save(db, pilotId, '2025Q4', '说明', as(users.imp1));
		const notices = () =>
			sqlite
				.prepare('SELECT n.user_id AS userId, n.kind, n.title_zh AS zh, n.title_en AS en FROM notices n ORDER BY n.id')
				.all() as {
				userId: number;
				kind: string;
				zh: string;
				en: string;
			}[];
		review.act(db, pilotId, '2025Q4', 'submit', 'implementer', '', as(users.imp1));
		expect(notices()).toEqual([
			{
				userId: users.province.id,
				kind: 'review_submit',
				zh: 'Q-1 2025Q4 季度报告已提交，待审核',
				en: 'Q-1 2025Q4 report submitted for review'
			}
		]);
		review.act(db, pilotId, '2025Q4', 'return', 'province', '  请核对 VOCs 数值\n单位是否为吨 ', as(users.province));
		expect(notices().at(-1)).toEqual({
			userId: users.imp1.id,
			kind: 'review_return',
			zh: 'Q-1 2025Q4 季度报告被退回：请核对 VOCs 数值 单位是否为吨',
			en: 'Q-1 2025Q4 report returned: 请核对 VOCs 数值 单位是否为吨'
		});
		review.act(db, pilotId, '2025Q4', 'submit', 'implementer', '', as(users.imp1));
		review.act(db, pilotId, '2025Q4', 'approve', 'province', '', as(users.province));
		expect(notices().map((n) => [n.userId, n.kind])).toEqual([
			[users.province.id, 'review_submit'],
			[users.imp1.id, 'review_return'],
			[users.province.id, 'review_submit'],
			[users.imp1.id, 'review_approve']
		]);
		// each with its outbox row, for the mail
		expect((sqlite.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n).toBe(4);
		// a refused step tells nobody
		expect(review.act(db, pilotId, '2025Q4', 'approve', 'province', '', as(users.province)).ok).toBe(false);
		expect(notices()).toHaveLength(4);
	});
});
