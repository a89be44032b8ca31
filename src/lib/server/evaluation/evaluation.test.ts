// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intakeTestDb } from '../testing/registry';
import * as pilots from '../registry/pilots';
import * as summaries from './summaries';
import * as decisions from './decisions';
import * as lists from './pass-lists';
import * as credits from './credits';
import { board } from './board';
import { COMPLETE_SUMMARY as COMPLETE } from '../../domain/evaluation/test-summary';

const TODAY = '2026-11-29';
const SHEET = (expert: string, s: number[]) => ({
	expert,
	comment: '',
	scores: Object.fromEntries(['attainment', 'innovation', 'norms', 'data', 'funds'].map((k, i) => [k, s[i]]))
});

function setUp() {
	const t = intakeTestDb();
	const ministryId = Number(
		t.sqlite
			.prepare(
				"INSERT INTO users (username, display_name, password_hash, role, created_at) VALUES ('min', 'min', 'x', 'ministry', 0)"
			)
			.run().lastInsertRowid
	);
	t.sqlite.prepare("UPDATE enterprises SET credit_code = '91320100MA1TEST01X' WHERE code = 'E01'").run();
	const as = (u: { id: number; username: string }) => ({ userId: u.id, name: u.username, ip: null });
	const pilot = (code: string) => pilots.get(t.db, { kind: 'all' }, code)!;
	const ministry = { userId: ministryId, name: 'min', ip: null };
	const status = (code: string) => pilot(code).status;
	const noticeCount = (userId: number) =>
		(t.sqlite.prepare('SELECT COUNT(*) AS n FROM notices WHERE user_id = ?').get(userId) as { n: number }).n;
	/** Q-1's summary written, submitted and forwarded; returns the pilot. */
	const forwarded = (code: string) => {
		const imp = code === 'Q-1' ? t.users.imp1 : t.users.imp2;
		expect(summaries.save(t.db, pilot(code), COMPLETE, 'implementer', as(imp), TODAY)).toEqual({ ok: true });
		expect(summaries.submit(t.db, pilot(code), 'implementer', as(imp), TODAY)).toEqual({ ok: true });
		expect(summaries.review(t.db, pilot(code), 'forward', 'province', '', as(t.users.province))).toEqual({ ok: true });
		return pilot(code);
	};
	return { ...t, as, pilot, ministry, ministryId, status, noticeCount, forwarded };
}

describe('term-end summary', () => {
	it('is refused before the term’s last quarter has ended', () => {
		const { db, pilot, as, users } = setUp();
		// Q-3's term starts 2026-10-01: its last quarter (2027Q3) ends 2027-09-30
		const outcome = summaries.save(db, pilot('Q-3'), COMPLETE, 'implementer', as(users.imp1), TODAY);
		expect(outcome).toEqual({
			ok: false,
			problems: [
				{
					field: '_form',
					zh: '实施期最后一个季度尚未结束，2027-10-01 起方可编写总结报告',
					en: "The term's last quarter has not ended; the summary can be written from 2027-10-01"
				}
			]
		});
		expect(summaries.get(db, pilot('Q-3').id)).toBeNull();
	});

	it('is saved as a draft any number of times, refused on submission while parts are empty, and nothing moves', () => {
		const { db, pilot, as, users, status } = setUp();
		const half = { ...COMPLETE, parts: { '1': '概况' }, innovations: '' };
		expect(summaries.save(db, pilot('Q-1'), half, 'implementer', as(users.imp1), TODAY)).toEqual({ ok: true });
		expect(summaries.save(db, pilot('Q-1'), half, 'implementer', as(users.imp1), TODAY)).toEqual({ ok: true });
		const refused = summaries.submit(db, pilot('Q-1'), 'implementer', as(users.imp1), TODAY);
		expect(refused.ok).toBe(false);
		if (!refused.ok)
			expect(refused.problems.map((p) => p.field)).toEqual([
				'parts.2',
				'parts.3',
				'parts.4',
				'parts.5',
				'parts.6',
				'parts.7',
				'innovations'
			]);
		expect(summaries.get(db, pilot('Q-1').id)?.state).toBe('draft');
		expect(status('Q-1')).toBe('in_progress');
	});

	it('goes submit → return (comment required) → resubmit → forward, with events, notices and the pilot evaluating', () => {
		const { db, pilot, as, users, status, noticeCount } = setUp();
		summaries.save(db, pilot('Q-1'), COMPLETE, 'implementer', as(users.imp1), TODAY);
		expect(summaries.submit(db, pilot('Q-1'), 'implementer', as(users.imp1), TODAY)).toEqual({ ok: true });
		expect(status('Q-1')).toBe('evaluating');
		expect(noticeCount(users.province.id)).toBe(1);
		const s = summaries.get(db, pilot('Q-1').id)!;
		expect(s.figures?.record.map((r) => r.period)).toEqual(['2025Q3', '2025Q4', '2026Q1', '2026Q2']);
		expect(s.figures?.unapproved).toEqual(['2025Q3', '2025Q4', '2026Q1', '2026Q2']);
		// the implementer cannot forward their own summary; the province cannot return it without a comment
		expect(summaries.review(db, pilot('Q-1'), 'forward', 'implementer', '', as(users.imp1)).ok).toBe(false);
		expect(summaries.review(db, pilot('Q-1'), 'return', 'province', ' ', as(users.province))).toEqual({
			ok: false,
			problems: [{ field: 'comment', zh: '退回时请写明意见', en: 'Write a comment when returning the summary' }]
		});
		expect(summaries.review(db, pilot('Q-1'), 'return', 'province', '资金来源请细化', as(users.province))).toEqual({
			ok: true
		});
		expect(noticeCount(users.imp1.id)).toBe(1);
		expect(summaries.submit(db, pilot('Q-1'), 'implementer', as(users.imp1), TODAY)).toEqual({ ok: true });
		expect(summaries.review(db, pilot('Q-1'), 'forward', 'province', '', as(users.province))).toEqual({ ok: true });
		const events = summaries.get(db, pilot('Q-1').id)!.events.map((e) => [e.action, e.toState, e.comment]);
		expect(events).toEqual([
			['forward', 'forwarded', null],
			['submit', 'submitted', null],
			['return', 'returned', '资金来源请细化'],
			['submit', 'submitted', null]
		]);
		// forwarded: the implementer can no longer change it
		expect(summaries.save(db, pilot('Q-1'), COMPLETE, 'implementer', as(users.imp1), TODAY).ok).toBe(false);
	});

	it('keeps attachments by sha256 within 50 MB in all, PDF/Office only', () => {
		const { db, pilot, as, users } = setUp();
		const dataDir = mkdtempSync(join(tmpdir(), 'summary-'));
		summaries.save(db, pilot('Q-1'), COMPLETE, 'implementer', as(users.imp1), TODAY);
		const pdf = { fileName: '总结.pdf', bytes: new TextEncoder().encode('%PDF-1.4 test') };
		expect(summaries.attach(db, pilot('Q-1'), pdf, 'implementer', as(users.imp1), dataDir)).toEqual({ ok: true });
		const refused = summaries.attach(
			db,
			pilot('Q-1'),
			{ ...pdf, fileName: 'x.exe' },
			'implementer',
			as(users.imp1),
			dataDir
		);
		expect(refused.ok).toBe(false);
		const files = summaries.filesOf(db, pilot('Q-1').id);
		expect(files.map((f) => [f.fileName, f.sha256.length])).toEqual([['总结.pdf', 64]]);
	});
});

describe('evaluation, publication and credits', () => {
	it('scores and decides only a forwarded summary, by the ministry, with a reason', () => {
		const { db, pilot, as, users, ministry, status, forwarded } = setUp();
		summaries.save(db, pilot('Q-1'), COMPLETE, 'implementer', as(users.imp1), TODAY);
		expect(decisions.recordSheet(db, pilot('Q-1'), SHEET('张', [80, 80, 80, 80, 80]), 'ministry', ministry).ok).toBe(
			false
		);
		const p = forwarded('Q-1');
		expect(decisions.recordSheet(db, p, SHEET('张', [80, 80, 80, 80, 80]), 'province', as(users.province)).ok).toBe(
			false
		);
		// 90×.35 + 80×.25 + 70×.15 + 100×.15 + 60×.10 = 31.5 + 20 + 10.5 + 15 + 6 = 83
		expect(decisions.recordSheet(db, p, SHEET('张', [90, 80, 70, 100, 60]), 'ministry', ministry)).toEqual({
			ok: true
		});
		// 70×.35 + 70×.25 + 70×.15 + 70×.15 + 70×.10 = 70
		expect(decisions.recordSheet(db, p, SHEET('李', [70, 70, 70, 70, 70]), 'ministry', ministry)).toEqual({ ok: true });
		expect(decisions.sheetsOf(db, p.id).map((s) => s.total)).toEqual([83, 70]);
		const noReason = decisions.decide(
			db,
			p,
			{ decision: 'passed', reason: '', decidedOn: TODAY },
			'ministry',
			ministry,
			TODAY
		);
		expect(noReason).toEqual({
			ok: false,
			problems: [{ field: 'reason', zh: '请写明评估结论的理由', en: 'A reason for the decision is required' }]
		});
		expect(status('Q-1')).toBe('evaluating');
		expect(
			decisions.decide(
				db,
				p,
				{ decision: 'passed', reason: '目标全部完成', decidedOn: '2026-11-20' },
				'ministry',
				ministry,
				TODAY
			)
		).toEqual({ ok: true });
		expect(status('Q-1')).toBe('passed');
		// (83 + 70) / 2 = 76.5
		expect(decisions.currentOf(db, p.id)).toMatchObject({
			decision: 'passed',
			meanScore: 76.5,
			decidedOn: '2026-11-20'
		});
		expect(pilot('Q-1').events.at(-1)).toMatchObject({ status: 'passed', on: '2026-11-20' });
		// a standing decision cannot be decided again, and only an admin reopens it
		expect(
			decisions.decide(db, p, { decision: 'not_passed', reason: 'x', decidedOn: TODAY }, 'ministry', ministry, TODAY).ok
		).toBe(false);
		expect(decisions.reopen(db, p, '复核', 'ministry', ministry, TODAY).ok).toBe(false);
	});

	it('publishes a frozen list with counts and credits; a later change is a dated correction that revokes them', () => {
		const { db, sqlite, pilot, as, users, ministry, status, forwarded } = setUp();
		for (const [code, decision] of [
			['Q-1', 'passed'],
			['Q-2', 'not_passed']
		] as const) {
			const p = forwarded(code);
			decisions.recordSheet(db, p, SHEET('张', [80, 80, 80, 80, 80]), 'ministry', ministry);
			decisions.decide(db, p, { decision, reason: '评估意见', decidedOn: '2026-11-20' }, 'ministry', ministry, TODAY);
		}
		expect(lists.publish(db, 1, { refNo: '', publishedOn: '2026-11-25' }, ministry, TODAY).ok).toBe(false);
		const published = lists.publish(
			db,
			1,
			{ refNo: '环办科财函〔2026〕9号', publishedOn: '2026-11-25' },
			ministry,
			TODAY
		);
		expect(published).toEqual({ ok: true, credits: 3, evaluated: 2, passed: 1 });
		const view = lists.view(db, 1)!;
		expect([view.list.evaluated, view.list.passed, view.list.notPassed]).toEqual([2, 1, 1]);
		expect(view.list.entries.map((e) => [e.pilotCode, e.decision, e.enterprises])).toEqual([
			['Q-1', 'passed', 3],
			['Q-2', 'not_passed', 1]
		]);
		// editing a published list is refused, by the rule and by the database itself
		const again = lists.publish(db, 1, { refNo: '另一个文号', publishedOn: '2026-11-26' }, ministry, TODAY);
		expect(again.ok).toBe(false);
		if (!again.ok) expect(again.problems[0].en).toMatch(/published and cannot be edited/);
		expect(() => sqlite.prepare("UPDATE pass_lists SET ref_no = 'x'").run()).toThrow(/frozen/);
		expect(() => sqlite.prepare('DELETE FROM pass_lists').run()).toThrow(/frozen/);

		const byCode = credits.lookup(db, { code: ' 91320100ma1test01x ' });
		expect(byCode.map((c) => [c.enterpriseName, c.pilotCode, c.listRef, c.grantedOn, c.isValid])).toEqual([
			['企业 E01', 'Q-1', '环办科财函〔2026〕9号', '2026-11-25', true]
		]);
		const byName = credits.lookup(db, { name: '企业 E0' });
		expect(byName.map((c) => [c.enterpriseName, c.hasCode])).toEqual([
			['企业 E01', true],
			['企业 E02', false],
			['企业 E03', false]
		]);
		expect(credits.lookup(db, { name: '企' })).toEqual([]);
		expect(credits.forProvince(db, '32')).toHaveLength(3);
		expect(credits.forProvince(db, '11')).toHaveLength(0);

		// an admin reopens Q-1 and the ministry decides again: two dated corrections, credits revoked, the list unchanged
		const admin = as(users.admin);
		expect(decisions.reopen(db, pilot('Q-1'), '', 'admin', admin, TODAY).ok).toBe(false);
		expect(decisions.reopen(db, pilot('Q-1'), '发现数据造假线索，重新评估', 'admin', admin, TODAY)).toEqual({
			ok: true
		});
		expect(status('Q-1')).toBe('evaluating');
		expect(
			decisions.decide(
				db,
				pilot('Q-1'),
				{ decision: 'not_passed', reason: '复核未通过', decidedOn: TODAY },
				'ministry',
				ministry,
				TODAY
			)
		).toEqual({ ok: true });
		expect(
			lists.view(db, 1)!.corrections.map((c) => [c.pilotCode, c.fromDecision, c.toDecision, c.correctedOn])
		).toEqual([
			['Q-1', 'passed', null, TODAY],
			['Q-1', null, 'not_passed', TODAY]
		]);
		expect(lists.view(db, 1)!.list.passed).toBe(1);
		expect(credits.lookup(db, { code: '91320100MA1TEST01X' })[0]).toMatchObject({ isValid: false, revokedOn: TODAY });
		expect(decisions.historyOf(db, pilot('Q-1').id).map((d) => [d.decision, d.reopenReason])).toEqual([
			['not_passed', null],
			['passed', '发现数据造假线索，重新评估']
		]);
	});

	it('the board lists ended terms in scope with their stage and overdue flag', () => {
		const { db, pilot, as, users, forwarded } = setUp();
		forwarded('Q-1');
		summaries.save(db, pilot('Q-2'), COMPLETE, 'implementer', as(users.imp2), TODAY);
		// Q-2's term ended 2026-08-14; 60 days later is 2026-10-13
		const rows = board(db, { kind: 'all' }, TODAY);
		expect(rows.map((r) => [r.code, r.stage, r.isOverdue])).toEqual([
			['Q-1', 'forwarded', false],
			['Q-2', 'draft', true]
		]);
		expect(board(db, { kind: 'province', provinceCode: '11' }, TODAY)).toEqual([]);
		expect(board(db, { kind: 'all' }, '2026-10-13').find((r) => r.code === 'Q-2')?.isOverdue).toBe(false);
	});
});

describe('overdue reminders', () => {
	it('tell the implementers, the province and the ministry once', async () => {
		const { db, users, ministryId, noticeCount } = setUp();
		const { queueSummaryReminders } = await import('./reminders');
		// ended 2026-08-14; both are overdue after 2026-10-13
		expect(queueSummaryReminders(db, '2026-10-13')).toBe(0);
		// imp1, province, ministry; Q-2: imp2, province, ministry
		expect(queueSummaryReminders(db, TODAY)).toBe(6);
		expect(queueSummaryReminders(db, TODAY)).toBe(0);
		expect([noticeCount(users.imp1.id), noticeCount(users.province.id), noticeCount(ministryId)]).toEqual([1, 2, 2]);
	});
});

describe('summaryStatus (the overview’s line)', () => {
	it('is absent before the summary opens, then not started and overdue, then follows the summary', () => {
		const { db, pilot, as, users } = setUp();
		// Q-3's summary opens 2027-10-01
		expect(summaries.summaryStatus(db, pilot('Q-3'), TODAY)).toBeNull();
		// Q-1's term ended 2026-08-14: 60 days later it is overdue without a summary
		expect(summaries.summaryStatus(db, pilot('Q-1'), TODAY)).toEqual({
			state: null,
			isDecided: false,
			isOverdue: true
		});
		summaries.save(db, pilot('Q-1'), COMPLETE, 'implementer', as(users.imp1), TODAY);
		summaries.submit(db, pilot('Q-1'), 'implementer', as(users.imp1), TODAY);
		expect(summaries.summaryStatus(db, pilot('Q-1'), TODAY)).toEqual({
			state: 'submitted',
			isDecided: false,
			isOverdue: false
		});
	});
});
