import { describe, expect, it } from 'vitest';
import { intakeTestDb, sender, TEST_TODAY } from '../testing';
import { refreshStale } from '../progress/statuses';
import * as dashboard from './dashboard';
import * as scores from './scores';
import * as review from '../review/review';
import * as narratives from '../review/narratives';

/**
 * Q-1 (Jiangsu; baselines voc 400 t/yr → 100 a quarter, energy 40000 tce/yr → 10000 a quarter) reports two quarters
 * through the real intake, on time; Q-2 (moved to Beijing, no baselines) reports one quarter of voc and benefit.
 */
async function fixture() {
	const { db, sqlite, users } = intakeTestDb();
	sqlite.prepare("UPDATE pilots SET province_code = CASE code WHEN 'Q-2' THEN '110000' ELSE '320000' END").run();
	const importRows = sender(db, users.imp1, 'dashboard');
	const send = async (user: typeof users.imp1, rows: string[], at: string) =>
		expect((await importRows(rows, at, { as: user })).isWritten).toBe(true);
	// 2025Q3: voc 50 + 40 = 90 → improvement 100 − 90 = 10; energy 9000 → 10000 − 9000 = 1000
	await send(
		users.imp1,
		['Q-1,E01,2025Q3,voc,50,t,', 'Q-1,E02,2025Q3,voc,40,t,', 'Q-1,E01,2025Q3,energy,9000,tce,'],
		'2025-10-10'
	);
	// 2025Q4: voc 45 + 40 = 85 → improvement 15
	await send(users.imp1, ['Q-1,E01,2025Q4,voc,45,t,', 'Q-1,E02,2025Q4,voc,40,t,'], '2026-01-10');
	// Q-2 2025Q3: voc 30 without a baseline (no reduction can be told); benefit 12 万元 (higher is better: counts as is)
	await send(users.imp2, ['Q-2,F01,2025Q3,voc,30,t,', 'Q-2,F01,2025Q3,benefit,12,万元,'], '2025-10-12');
	refreshStale(db, TEST_TODAY);
	return { db };
}

const view = { by: 'province' as const, metric: 'voc', mapMetric: 'pilots' };

describe('dashboard over the roll-ups of real imports', () => {
	it('adds up reductions, savings, reports and the quarters by hand-checked numbers', async () => {
		const { db } = await fixture();
		const o = dashboard.overview(db, { kind: 'all' }, {}, view);
		expect(o.headline.pilots).toBe(3);
		// voc: Q-1 10 + 15 = 25; Q-2 has no baseline, so only one pilot counts
		expect(o.headline.reductions.find((r) => r.code === 'voc')).toEqual({ code: 'voc', value: 25, pilots: 1 });
		expect(o.headline.energy).toEqual({ value: 1000, pilots: 1 });
		expect(o.headline.benefit).toEqual({ value: 12, pilots: 1 });
		// all four term quarters due on 2026-11-29, two resp. one reported on time; Q-3: 2026Q4 not yet due
		expect(o.headline.reports).toEqual({ due: 8, onTime: 3, late: 0, missing: 5 });
		expect(o.breakdown).toEqual([
			{ key: '320000', pilots: 2, candidates: 0, value: 25 },
			{ key: '110000', pilots: 1, candidates: 0, value: null }
		]);
		expect(o.map.map((r) => [r.key, r.value])).toEqual([
			['320000', 2],
			['110000', 1]
		]);
		expect(o.series.group).toBe('air');
		expect(o.series.periods).toEqual(['2025Q3', '2025Q4']);
		expect(o.series.lines.find((l) => l.code === 'voc')!.values).toEqual([10, 15]);
	});

	it('narrows by quarter range and by scope', async () => {
		const { db } = await fixture();
		const q4 = dashboard.overview(db, { kind: 'all' }, { from: '2025Q4' }, view);
		expect(q4.headline.reductions.find((r) => r.code === 'voc')!.value).toBe(15);
		expect(q4.headline.energy.value).toBeNull();
		expect(q4.series.periods).toEqual(['2025Q4']);

		// Only approved quarters: the province approves Q-1's 2025Q3 (10 t of voc), not its 2025Q4
		const actor = { userId: null, name: 'test', ip: null };
		narratives.save(db, 1, '2025Q3', '说明', actor);
		expect(review.act(db, 1, '2025Q3', 'submit', 'admin', '', actor).ok).toBe(true);
		expect(review.act(db, 1, '2025Q3', 'approve', 'province', '', actor).ok).toBe(true);
		const approved = dashboard.overview(db, { kind: 'all' }, { approved: '1' }, view);
		expect(approved.headline.reductions.find((r) => r.code === 'voc')!.value).toBe(10);
		expect(approved.series.periods).toEqual(['2025Q3']);
		expect(dashboard.overview(db, { kind: 'all' }, {}, view).headline.reductions[0].value).toBe(25);

		const jiangsu = dashboard.overview(db, { kind: 'province', provinceCode: '320000' }, {}, view);
		expect(jiangsu.headline.pilots).toBe(2);
		expect(jiangsu.headline.benefit.value).toBeNull();
		// a filter cannot widen the scope
		const elsewhere = dashboard.overview(
			db,
			{ kind: 'province', provinceCode: '320000' },
			{ province: '110000' },
			view
		);
		expect(elsewhere.headline.pilots).toBe(0);
	});

	it('scores every pilot and keeps the parts', async () => {
		const { db } = await fixture();
		const all = scores.all(db);
		expect(all.size).toBe(3);
		const q1 = dashboard
			.shortlist(db, { kind: 'all' }, {}, { sort: 'score', isAll: true })
			.rows.find((r) => r.pilot.code === 'Q-1')!;
		// reporting: (2 on time + 0.5 × 0 late) ÷ 4 due = 0.5 → 15 × 0.5 = 7.5 points
		expect(q1.parts.find((p) => p.part === 'reporting')).toMatchObject({ value: 0.5, points: 7.5, figure: 2 });
		// breadth: pollution (voc 25 ÷ 200 > 0) and energy (1000 ÷ 10000 > 0) improved → 2 of 5
		expect(q1.parts.find((p) => p.part === 'breadth')).toMatchObject({ value: 0.4, points: 6, figure: 2 });
		// no target → no attainment; no co2 → no synergy; no investment or audit figures
		for (const part of ['attainment', 'synergy', 'costEffectiveness', 'auditEfficiency'])
			expect(q1.parts.find((p) => p.part === part)!.value).toBeNull();
		expect(q1.score).toBe(13.5);
		expect(q1.isCandidate).toBe(false);
	});
});
