// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { intakeTestDb, sender, TEST_TODAY } from '../testing';
import { packOf } from './pack';
import * as pilots from '../registry/pilots';
import * as review from '../review/review';
import * as narratives from '../review/narratives';

/**
 * Q-1 (term 2025Q3..2026Q2, all due and over on TEST_TODAY; baselines voc 400 t and energy 40000 tce a year) gets
 * targets voc −10 % (40 t a year) and energy −1000 tce, reports two quarters on time, one late with the audit figures,
 * and none for 2026Q2; the province approves 2025Q3 with a comment.
 */
async function fixture() {
	const { db, sqlite, users } = intakeTestDb();
	sqlite
		.prepare(
			"UPDATE pilot_indicators SET target_kind = CASE indicator_code WHEN 'voc' THEN 'percent' ELSE 'absolute' END, target_value = CASE indicator_code WHEN 'voc' THEN 10 ELSE 1000 END"
		)
		.run();
	const importRows = sender(db, users.imp1, 'pack');
	const send = async (rows: string[], at: string) => expect((await importRows(rows, at)).isWritten).toBe(true);
	// 2025Q3 (due 2025-10-15), on time: voc 50 + 40 = 90 → 100 − 90 = 10 t; energy 9000 → 10000 − 9000 = 1000 tce
	await send(['Q-1,E01,2025Q3,voc,50,t,', 'Q-1,E02,2025Q3,voc,40,t,', 'Q-1,E01,2025Q3,energy,9000,tce,'], '2025-10-10');
	// 2025Q4 (due 2026-01-15), on time: voc 45 + 40 = 85 → 15 t
	await send(['Q-1,E01,2025Q4,voc,45,t,', 'Q-1,E02,2025Q4,voc,40,t,'], '2026-01-10');
	// 2026Q1 (due 2026-04-15), late: only the audit's running totals, at pilot level
	await send(
		[
			'Q-1,,2026Q1,enterprises_covered,3,家,',
			'Q-1,,2026Q1,audit_cost,30,万元,',
			'Q-1,,2026Q1,audit_days,60,天,',
			'Q-1,,2026Q1,low_cost_options,12,项,',
			'Q-1,,2026Q1,high_cost_options,2,项,'
		],
		'2026-05-01'
	);
	const pilotId = pilots.get(db, { kind: 'all' }, 'Q-1')!.id;
	const actor = { userId: null, name: 'reviewer-a', ip: null };
	narratives.save(db, pilotId, '2025Q3', '第三季度进展', actor);
	expect(review.act(db, pilotId, '2025Q3', 'submit', 'admin', '', actor).ok).toBe(true);
	expect(review.act(db, pilotId, '2025Q3', 'approve', 'province', '数据核实无误', actor).ok).toBe(true);
	return { db, users };
}

describe('the evaluation pack', () => {
	it('sets targets against what was achieved, per indicator and per group, by hand-checked numbers', async () => {
		const { db } = await fixture();
		const pack = packOf(db, { kind: 'all' }, 'Q-1', 'zh', { today: TEST_TODAY })!;
		expect(pack.pilot).toMatchObject({ code: 'Q-1', nameZh: '测试试点 Q-1', termStart: '2025-08-15' });
		expect(pack.periods).toEqual(['2025Q3', '2025Q4', '2026Q1', '2026Q2']);
		expect(pack.progress!.isTermOver).toBe(true);
		expect(pack.progress!.quartersDue).toBe(4);
		const voc = pack.progress!.indicators.find((i) => i.code === 'voc')!;
		// target 10 % of 400 = 40 t, all four quarters due → expected 40; achieved 10 + 15 = 25 → 62.5 %: not met
		expect(voc).toMatchObject({ target: 40, expectedToDate: 40, progress: 25, attainment: 0.625, status: 'not_met' });
		expect(voc.values).toEqual([90, 85, null, null]);
		const energy = pack.progress!.indicators.find((i) => i.code === 'energy')!;
		// target 1000 tce; achieved 10000 − 9000 = 1000 → 100 %: met
		expect(energy).toMatchObject({ target: 1000, expectedToDate: 1000, progress: 1000, attainment: 1, status: 'met' });
		expect(pack.progress!.groups.map((g) => [g.group, g.attainment, g.status])).toEqual([
			['energy', 1, 'met'],
			['air', 0.625, 'not_met']
		]);
	});

	it('counts the reporting calendar, keeps the approval trail and the audit figures', async () => {
		const { db } = await fixture();
		const pack = packOf(db, { kind: 'all' }, 'Q-1', 'zh', { today: TEST_TODAY })!;
		expect(pack.report).toEqual({ on_time: 2, late: 1, missing: 1, not_due: 0 });
		expect(pack.calendar.map((c) => [c.period, c.status])).toEqual([
			['2025Q3', 'on_time'],
			['2025Q4', 'on_time'],
			['2026Q1', 'late'],
			['2026Q2', 'missing']
		]);
		expect(pack.approved).toEqual(['2025Q3']);
		expect(pack.states).toEqual({ '2025Q3': 'approved', '2025Q4': 'draft', '2026Q1': 'draft', '2026Q2': 'draft' });
		const q3 = pack.trail.find((q) => q.period === '2025Q3')!;
		expect(q3.state).toBe('approved');
		expect(q3.events.map((e) => [e.action, e.actor, e.comment])).toEqual([
			['submit', 'reviewer-a', null],
			['approve', 'reviewer-a', '数据核实无误']
		]);
		expect(pack.trail.find((q) => q.period === '2025Q4')!.events).toEqual([]);
		// latest running totals; per enterprise: 30 万元 ÷ 3 = 10, 60 days ÷ 3 = 20
		expect(pack.audit).toEqual({
			enterprisesCovered: 3,
			auditCost: 30,
			auditDays: 60,
			costPerEnterprise: 10,
			daysPerEnterprise: 20,
			lowCostOptions: 12,
			highCostOptions: 2
		});
	});

	it('scores the pilot, draws one chart per indicator in the locale, and is plain data', async () => {
		const { db } = await fixture();
		const pack = packOf(db, { kind: 'all' }, 'Q-1', 'en', { today: TEST_TODAY })!;
		expect(pack.score!.parts.map((p) => p.part)).toEqual([
			'attainment',
			'breadth',
			'synergy',
			'costEffectiveness',
			'auditEfficiency',
			'reporting'
		]);
		// reporting: (2 on time + ½ × 1 late) ÷ 4 due = 0.625
		expect(pack.score!.parts.find((p) => p.part === 'reporting')!.value).toBe(0.625);
		expect(pack.charts.map((c) => [c.code, c.title])).toEqual([
			['voc', 'VOCs emissions'],
			['energy', 'Comprehensive energy consumption']
		]);
		for (const c of pack.charts) {
			expect(c.svg.startsWith('<svg')).toBe(true);
			expect(c.svg).toContain('viewBox="0 0 680 260"');
			expect(c.svg).toContain(c.title);
		}
		expect(JSON.parse(JSON.stringify(pack))).toEqual(pack);
		expect(packOf(db, { kind: 'all' }, 'Q-1', 'en', { today: TEST_TODAY, withScore: false })!.score).toBeNull();
	});

	it('is null outside the scope, as for a pilot that does not exist', async () => {
		const { db, users } = await fixture();
		expect(packOf(db, { kind: 'pilots', userId: users.imp2.id }, 'Q-1', 'zh', { today: TEST_TODAY })).toBeNull();
		expect(packOf(db, { kind: 'pilots', userId: users.imp1.id }, 'Q-1', 'zh', { today: TEST_TODAY })).not.toBeNull();
		expect(packOf(db, { kind: 'province', provinceCode: '11' }, 'Q-1', 'zh', { today: TEST_TODAY })).toBeNull();
		expect(packOf(db, { kind: 'all' }, 'NOPE', 'zh', { today: TEST_TODAY })).toBeNull();
	});
});
