import { describe, expect, it } from 'vitest';
import * as threads from './threads';
import * as read from './read';
import { PERIOD, threadsTestDb } from './fixture';

const CELL = { period: PERIOD, enterpriseCode: 'E01', indicatorCode: 'voc' };

async function withThread() {
	const t = threadsTestDb();
	await t.report('1200');
	const opened = threads.open(t.db, t.users.province, null, t.pilotId, CELL, '请核对');
	if (!opened.ok) throw new Error('the province could not open a thread');
	const count = () => (t.sqlite.prepare('SELECT COUNT(*) AS n FROM value_comments').get() as { n: number }).n;
	return { ...t, id: opened.threadId, count };
}

describe('who may see and change value threads', () => {
	it('an implementer of another pilot and a user of another province neither see nor change them', async () => {
		const { db, users, pilotId, id, count } = await withThread();
		for (const outsider of [users.imp2, users.other]) {
			expect(read.forQuarter(db, outsider, pilotId, PERIOD)).toBeNull();
			expect(threads.open(db, outsider, null, pilotId, CELL, '?')).toMatchObject({ ok: false, status: 404 });
			for (const kind of ['comment', 'corrected', 'resolve', 'reopen'] as const)
				expect(threads.write(db, outsider, null, id, kind, '?')).toMatchObject({ ok: false, status: 404 });
		}
		expect(count()).toBe(1);
	});

	it('the pilot’s implementer sees and answers, but neither opens nor resolves', async () => {
		const { db, users, pilotId, id } = await withThread();
		expect(read.forQuarter(db, users.imp1, pilotId, PERIOD)).toHaveLength(1);
		const opened = threads.open(db, users.imp1, null, pilotId, CELL, '?');
		expect(opened).toMatchObject({ ok: false, status: 403 });
		expect(opened.ok ? '' : opened.why.en).toContain('Only the province’s reviewers');
		expect(threads.write(db, users.imp1, null, id, 'resolve', '')).toMatchObject({ ok: false, status: 403 });
		expect(threads.write(db, users.imp1, null, id, 'comment', '数值无误')).toMatchObject({ ok: true });
	});

	it('the province reviews its own pilots: opens, answers, resolves, but never marks corrected', async () => {
		const { db, users, id } = await withThread();
		expect(threads.write(db, users.province, null, id, 'corrected', '?')).toMatchObject({ ok: false, status: 403 });
		expect(threads.write(db, users.province, null, id, 'comment', '请说明')).toMatchObject({ ok: true });
		expect(threads.write(db, users.province, null, id, 'resolve', '')).toMatchObject({ ok: true });
	});

	it('the ministry reads and comments on every pilot but leaves closing to the reviewers; admins may all', async () => {
		const { db, users, pilotId, id, notices } = await withThread();
		expect(read.forQuarter(db, users.ministry, pilotId, PERIOD)).toHaveLength(1);
		expect(threads.open(db, users.ministry, null, pilotId, { ...CELL, enterpriseCode: null }, '?')).toMatchObject({
			ok: true
		});
		// the ministry's thread holds the province's approval, so the province hears of it as well as the implementer
		expect(notices(users.province).map((n) => n.en)).toEqual([expect.stringContaining('测试用户 ministry commented')]);
		expect(notices(users.imp1)).toHaveLength(2);
		expect(threads.write(db, users.ministry, null, id, 'comment', '部里也关注')).toMatchObject({ ok: true });
		expect(threads.write(db, users.ministry, null, id, 'resolve', '')).toMatchObject({ ok: false, status: 403 });
		expect(threads.write(db, users.admin, null, id, 'resolve', '')).toMatchObject({ ok: true });
		expect(threads.write(db, users.admin, null, id, 'reopen', '')).toMatchObject({ ok: true });
		expect(threads.open(db, users.admin, null, pilotId, CELL, '管理员意见')).toMatchObject({ ok: true });
	});

	it('a thread id that does not exist, or belongs to another pilot than the page’s, is refused like one outside the scope', async () => {
		const { db, sqlite, users, pilotId, id } = await withThread();
		expect(threads.write(db, users.admin, null, 99999, 'comment', '?')).toMatchObject({ ok: false, status: 404 });
		const otherPilot = (sqlite.prepare("SELECT id FROM pilots WHERE code = 'Q-2'").get() as { id: number }).id;
		expect(threads.write(db, users.admin, null, id, 'comment', '?', otherPilot)).toMatchObject({
			ok: false,
			status: 404
		});
		expect(threads.write(db, users.admin, null, id, 'comment', '好', pilotId)).toMatchObject({ ok: true });
	});
});
