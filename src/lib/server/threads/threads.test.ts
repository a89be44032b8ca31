import { describe, expect, it } from 'vitest';
import * as threads from './threads';
import * as read from './read';
import * as review from '../review/review';
import * as narratives from '../review/narratives';
import { MAX_COMMENT } from './messages';
import { PERIOD, threadsTestDb } from './fixture';

const E01_VOC = { period: PERIOD, enterpriseCode: 'E01', indicatorCode: 'voc' };
const PILOT_ENERGY = { period: PERIOD, enterpriseCode: null, indicatorCode: 'energy' };

describe('value threads', () => {
	it('a reviewer opens a thread on a value, the implementer answers, the reviewer resolves and reopens it', async () => {
		const { db, users, pilotId, report, notices, auditActions } = threadsTestDb();
		await report('1200');
		const opened = threads.open(db, users.province, '10.0.0.1', pilotId, E01_VOC, '  这是上季度的 1000 倍？  ');
		expect(opened).toMatchObject({ ok: true });
		const id = opened.ok ? opened.threadId : -1;
		expect(threads.write(db, users.imp1, null, id, 'comment', '单位填错了，应为千克')).toMatchObject({ ok: true });
		expect(threads.write(db, users.province, null, id, 'resolve', '')).toMatchObject({ ok: true });

		const [thread] = read.forQuarter(db, users.imp1, pilotId, PERIOD)!;
		expect(thread).toMatchObject({
			enterpriseCode: 'E01',
			indicatorCode: 'voc',
			state: 'resolved',
			openedBy: '测试用户 province',
			closedBy: '测试用户 province',
			valueNow: 1200,
			revisionNow: 1
		});
		expect(thread.comments.map((c) => [c.kind, c.authorRole, c.body, c.value, c.revision])).toEqual([
			['comment', 'reviewer', '这是上季度的 1000 倍？', 1200, 1],
			['comment', 'implementer', '单位填错了，应为千克', 1200, 1],
			['resolve', 'reviewer', '', 1200, 1]
		]);
		// a resolved thread takes no more replies until a reviewer reopens it
		expect(threads.write(db, users.imp1, null, id, 'comment', '补充')).toMatchObject({ ok: false, status: 400 });
		expect(threads.write(db, users.province, null, id, 'resolve', '')).toMatchObject({ ok: false, status: 400 });
		expect(threads.write(db, users.province, null, id, 'reopen', '企业 E02 也请核对')).toMatchObject({ ok: true });
		expect(read.openCounts(db, pilotId)).toEqual({ [PERIOD]: 1 });
		expect(auditActions()).toEqual(['thread.open', 'thread.comment', 'thread.resolve', 'thread.reopen']);

		// each entry told the other side: the implementer hears of the reviewer's three, the province of the answer
		expect(notices(users.imp1)).toHaveLength(3);
		expect(notices(users.imp1)[0].zh).toContain('挥发性有机物（VOCs）排放量（E01）');
		expect(notices(users.imp1)[0].en).toContain('Q-1 2025Q4');
		// it opens the value's thread, as its mail does
		expect(notices(users.imp1)[0].link).toBe('/pilots/Q-1/review?quarter=2025Q4&ent=E01&ind=voc#value-thread');
		expect(notices(users.province)).toHaveLength(1);
		expect(notices(users.province)[0].en).toContain('测试用户 imp1 commented on VOCs emissions (E01)');
		expect(notices(users.imp2)).toHaveLength(0);
		expect(notices(users.other)).toHaveLength(0);
	});

	it('the thread stays with the value across a re-upload: then 1200, now 1.2; "corrected" only after the re-upload', async () => {
		const { db, users, pilotId, report } = threadsTestDb();
		await report('1200');
		const opened = threads.open(db, users.province, null, pilotId, E01_VOC, '比上季度高 1000 倍');
		const id = opened.ok ? opened.threadId : -1;
		const early = threads.write(db, users.imp1, null, id, 'corrected', '已更正');
		expect(early).toMatchObject({ ok: false, status: 400 });
		expect(early.ok ? '' : early.why.en).toContain('Upload the corrected figures first');

		expect((await report('1.2')).isWritten).toBe(true);
		expect(threads.write(db, users.imp1, null, id, 'corrected', '已按千克更正为 1.2 吨')).toMatchObject({ ok: true });
		const [thread] = read.forQuarter(db, users.province, pilotId, PERIOD)!;
		expect(thread.id).toBe(id);
		expect(thread).toMatchObject({ valueNow: 1.2, revisionNow: 2, state: 'open' });
		expect(thread.comments.map((c) => [c.kind, c.value, c.revision])).toEqual([
			['comment', 1200, 1],
			['corrected', 1.2, 2]
		]);
		// the reviewer's next word needs a newer revision again before another "corrected"
		threads.write(db, users.province, null, id, 'comment', '仍请核对');
		expect(threads.write(db, users.imp1, null, id, 'corrected', '再次更正')).toMatchObject({ ok: false });
	});

	it('approval is refused while a thread is open, naming it, and allowed once a reviewer resolves it; then the quarter is closed to threads', async () => {
		const { db, users, pilotId, report } = threadsTestDb();
		await report('1200');
		const as = (u: { id: number; username: string }) => ({ userId: u.id, name: u.username, ip: null });
		narratives.save(db, pilotId, PERIOD, '说明', as(users.imp1));
		expect(review.act(db, pilotId, PERIOD, 'submit', 'implementer', '', as(users.imp1))).toMatchObject({ ok: true });
		const a = threads.open(db, users.province, null, pilotId, E01_VOC, '请核对');
		const b = threads.open(db, users.ministry, null, pilotId, PILOT_ENERGY, '综合能耗偏低');
		const refused = review.act(db, pilotId, PERIOD, 'approve', 'province', '', as(users.province));
		expect(refused).toMatchObject({ ok: false });
		const why = refused.ok ? { zh: '', en: '' } : refused.why;
		expect(why.zh).toContain('尚有 2 条数值意见未解决');
		expect(why.zh).toContain('挥发性有机物（VOCs）排放量（E01）');
		expect(why.zh).toContain('综合能耗（试点本级）');
		expect(why.en).toContain('Comprehensive energy consumption (pilot level)');
		expect(review.statesOf(db, pilotId)[PERIOD].state).toBe('submitted');

		threads.write(db, users.province, null, a.ok ? a.threadId : -1, 'resolve', '');
		const stillOne = review.act(db, pilotId, PERIOD, 'approve', 'province', '', as(users.province));
		expect(stillOne.ok ? '' : stillOne.why.en).toContain('1 value thread is still open');
		threads.write(db, users.admin, null, b.ok ? b.threadId : -1, 'resolve', '已核实');
		expect(review.act(db, pilotId, PERIOD, 'approve', 'province', '', as(users.province))).toEqual({
			ok: true,
			state: 'approved'
		});
		const late = threads.open(db, users.province, null, pilotId, E01_VOC, '再看一下');
		expect(late.ok ? '' : late.why.en).toContain('approved and locked');
	});

	it('refuses empty and over-long bodies, unknown cells and quarters outside the term', async () => {
		const { db, users, pilotId, report } = threadsTestDb();
		await report('10');
		const tooLong = threads.open(db, users.province, null, pilotId, E01_VOC, '长'.repeat(MAX_COMMENT + 1));
		expect(tooLong.ok ? '' : tooLong.why.zh).toBe(`意见不能超过 4000 字（现有 ${MAX_COMMENT + 1} 字）`);
		expect(threads.open(db, users.province, null, pilotId, E01_VOC, '长'.repeat(MAX_COMMENT))).toMatchObject({
			ok: true
		});
		const empty = threads.open(db, users.province, null, pilotId, E01_VOC, '   ');
		expect(empty.ok ? '' : empty.why.en).toBe('Write the comment first');
		const wrong = (cell: typeof E01_VOC) => threads.open(db, users.province, null, pilotId, cell, '?');
		expect(wrong({ ...E01_VOC, enterpriseCode: 'F01' })).toMatchObject({ ok: false, status: 400 });
		expect(wrong({ ...E01_VOC, indicatorCode: 'nope' })).toMatchObject({ ok: false, status: 400 });
		expect(wrong({ ...E01_VOC, period: '2024Q4' })).toMatchObject({ ok: false, status: 400 });
		// an empty cell of a known enterprise may be asked about ("E02 reported nothing")
		const missing = threads.open(db, users.province, null, pilotId, { ...E01_VOC, enterpriseCode: 'E02' }, '缺报？');
		expect(missing).toMatchObject({ ok: true });
		const thread = read.forQuarter(db, users.province, pilotId, PERIOD)!.find((t) => t.enterpriseCode === 'E02')!;
		expect(thread.comments[0].value).toBeNull();
	});
});
