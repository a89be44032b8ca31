import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHttpError } from '@sveltejs/kit';
import { freshAppDb, intakeFile, intakeTestDb, sender, TEST_TODAY } from '../testing';
import { closeDb, getDb, openDb } from '../db';
import type { SessionUser } from '../auth';
import { refreshStale, refreshStatusesOf } from '../progress/statuses';
import * as dashboard from './dashboard';
import * as scores from './scores';
import { cachedInTurn, cachedView, inTurn, MAX_VIEWS } from './view-cache';
import * as review from '../review/review';
import * as narratives from '../review/narratives';
import * as pilots from '../registry/pilots';
import * as summaries from '../evaluation/summaries';
import * as decisions from '../evaluation/decisions';
import { COMPLETE_SUMMARY } from '../../domain/evaluation/test-summary';

/**
 * Q-1 (Jiangsu; baselines voc 400 t/yr → 100 a quarter, energy 40000 tce/yr → 10000 a quarter) reports two quarters
 * through the real intake, on time; Q-2 (moved to Beijing, no baselines) reports one quarter of voc and benefit.
 */
async function fixture(opened = intakeTestDb()) {
	const { db, sqlite, users } = opened;
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
	return { db, sqlite, users, importRows };
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

/** A dashboard request as the routes make it: the context of the user and URL, then the layout's and the views' data. */
async function request(user: SessionUser, query = '') {
	const { db, scope, filter, cached } = await dashboard.context(user, new URLSearchParams(query));
	const all = { sort: 'score', isAll: true } as const;
	return {
		layout: await dashboard.layout(db, scope),
		overview: await cached('overview', view, () => dashboard.overview(db, scope, filter, view)),
		shortlist: await cached('shortlist', all, () => dashboard.shortlist(db, scope, filter, all))
	};
}
type Answer = Awaited<ReturnType<typeof request>>;

const vocOf = (o: ReturnType<typeof dashboard.overview>) => o.headline.reductions.find((r) => r.code === 'voc')!.value;
const scoreOf = (r: Answer, code: string) => r.shortlist.rows.find((x) => x.pilot.code === code)?.score;
const statusFacet = (r: Answer) => Object.fromEntries(r.layout.facets.status.map((f) => [f.value, f.n]));

describe('the dashboard views kept between requests', () => {
	it('answer the next request with what an import, a review decision and an evaluation changed', async () => {
		const { db, sqlite, users, importRows } = await fixture(freshAppDb());
		const ministry = { ...users.admin, role: 'ministry' as const };
		const first = await request(ministry);
		expect(vocOf(first.overview)).toBe(25);
		// nothing changed: the same data, not computed again
		const again = await request(ministry);
		expect(again.overview).toBe(first.overview);
		expect(again.layout).toBe(first.layout);

		// an import (Q-1 2026Q1 voc 30 → 100 − 30 = 70 more) reaches the figures and Q-1's score on the next request
		expect((await importRows(['Q-1,E01,2026Q1,voc,30,t,'], '2026-04-10')).isWritten).toBe(true);
		const imported = await request(ministry);
		expect(vocOf(imported.overview)).toBe(95);
		expect(imported.layout.periods).toContain('2026Q1');
		expect(scoreOf(imported, 'Q-1')).not.toBe(scoreOf(first, 'Q-1'));
		expect(scoreOf(imported, 'Q-1')).toBe(scores.ofPilot(db, 1)!.score);

		// a review decision: the approved-only view counts Q-1's 2025Q3 (10 t) once the province approves it
		expect(vocOf((await request(ministry, 'approved=1')).overview)).toBeNull();
		const actor = { userId: users.admin.id, name: 'admin', ip: null };
		narratives.save(db, 1, '2025Q3', '说明', actor);
		expect(review.act(db, 1, '2025Q3', 'submit', 'admin', '', actor).ok).toBe(true);
		expect(review.act(db, 1, '2025Q3', 'approve', 'province', '', actor).ok).toBe(true);
		expect(vocOf((await request(ministry, 'approved=1')).overview)).toBe(10);

		// an evaluation: Q-1's summary forwarded, scored and passed shows in the status facet on the next request
		expect(statusFacet(await request(ministry)).passed).toBeUndefined();
		const as = (u: SessionUser) => ({ userId: u.id, name: u.username, ip: null });
		const q1 = () => pilots.get(db, { kind: 'all' }, 'Q-1')!;
		expect(summaries.save(db, q1(), COMPLETE_SUMMARY, 'implementer', as(users.imp1), TEST_TODAY).ok).toBe(true);
		expect(summaries.submit(db, q1(), 'implementer', as(users.imp1), TEST_TODAY).ok).toBe(true);
		expect(summaries.review(db, q1(), 'forward', 'province', '', as(users.province)).ok).toBe(true);
		expect(statusFacet(await request(ministry)).evaluating).toBe(1);
		const sheet = {
			expert: '张',
			comment: '',
			scores: { attainment: 80, innovation: 80, norms: 80, data: 80, funds: 80 }
		};
		expect(decisions.recordSheet(db, q1(), sheet, 'ministry', as(ministry)).ok).toBe(true);
		const decision = { decision: 'passed', reason: '目标全部完成', decidedOn: '2026-11-20' };
		expect(decisions.decide(db, q1(), decision, 'ministry', as(ministry), TEST_TODAY).ok).toBe(true);
		expect(statusFacet(await request(ministry)).passed).toBe(1);

		// a plain SQL write on the app's connection, audited or not, reaches the next request too
		sqlite.prepare("UPDATE pilots SET province_code = '110000' WHERE code = 'Q-3'").run();
		expect((await request(ministry)).overview.map.map((r) => [r.key, r.value])).toEqual([
			['110000', 2],
			['320000', 1]
		]);
	});

	it('keep a view per scope: a province never gets the ministry’s data, nor another province’s', async () => {
		const { users } = await fixture(freshAppDb());
		const ministry = { ...users.admin, role: 'ministry' as const };
		const jiangsu = { ...users.province, provinceCode: '320000' };
		const beijing = { ...users.province, id: users.province.id + 100, provinceCode: '110000' };
		const all = await request(ministry);
		const codes = (r: Answer) => r.shortlist.rows.map((x) => x.pilot.code).sort();
		expect(all.overview.headline.pilots).toBe(3);
		expect(codes(all)).toEqual(['Q-1', 'Q-2', 'Q-3']);

		const js = await request(jiangsu);
		expect(js.overview.headline.pilots).toBe(2);
		expect(codes(js)).toEqual(['Q-1', 'Q-3']);
		expect(js.layout.facets.province.map((f) => f.value)).toEqual(['320000']);
		expect(js.layout.periods).toEqual(['2025Q3', '2025Q4']);

		const bj = await request(beijing);
		expect(bj.overview.headline.pilots).toBe(1);
		expect(codes(bj)).toEqual(['Q-2']);
		expect(bj.layout.facets.province.map((f) => f.value)).toEqual(['110000']);

		// a filter for another province, kept for the ministry, stays empty for Jiangsu: the filter cannot widen a scope
		expect((await request(ministry, 'province=110000')).overview.headline.pilots).toBe(1);
		expect((await request(jiangsu, 'province=110000')).overview.headline.pilots).toBe(0);
		// and the ministry still gets its own (kept) data after them
		expect((await request(ministry)).overview).toBe(all.overview);
		expect((await request(ministry)).overview.headline.pilots).toBe(3);

		// implementers have no dashboard at all; a view kept for the pilots of one is theirs alone
		const refused = await dashboard.context(users.imp1, new URLSearchParams()).catch((e: unknown) => e);
		expect(isHttpError(refused) && refused.status).toBe(403);
		const db = getDb();
		const pilotsOf = (u: SessionUser) =>
			cachedView(db, { name: 'overview', scope: { kind: 'pilots', userId: u.id }, filter: {}, params: view }, () =>
				dashboard.overview(db, { kind: 'pilots', userId: u.id }, {}, view)
			).headline.pilots;
		expect(pilotsOf(users.imp1)).toBe(2);
		expect(pilotsOf(users.imp2)).toBe(1);
	});

	it('keep at most MAX_VIEWS, dropping the least recently used', async () => {
		const { db } = await fixture();
		let computed = 0;
		const get = (i: number) =>
			cachedView(db, { name: 'n', scope: { kind: 'all' }, filter: {}, params: i }, () => ++computed);
		for (let i = 0; i <= MAX_VIEWS; i++) get(i);
		expect(computed).toBe(MAX_VIEWS + 1);
		get(MAX_VIEWS); // kept
		expect(computed).toBe(MAX_VIEWS + 1);
		get(0); // the oldest, dropped
		expect(computed).toBe(MAX_VIEWS + 2);
	});

	it('see a commit by another connection (the intake worker’s) on the next request', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'view-cache-')), 'tracker.db');
		closeDb();
		process.env.DATABASE_URL = `file:${path}`;
		const app = getDb();
		const { users } = await fixture(intakeTestDb({ db: app, sqlite: app.$client }));
		const ministry = { ...users.admin, role: 'ministry' as const };
		const before = await request(ministry);
		expect(vocOf(before.overview)).toBe(25);

		// the worker: its own connection, the write and the touched pilots' statuses in one transaction
		const worker = openDb(`file:${path}`);
		const { importIndicators } = await import('../intake');
		const summary = await importIndicators(worker.db, intakeFile(['Q-1,E01,2026Q1,voc,30,t,']), {
			user: users.imp1,
			dryRun: false,
			fileName: 'q.csv',
			channel: 'api',
			today: TEST_TODAY,
			dataDir: mkdtempSync(join(tmpdir(), 'view-cache-data-')),
			afterWrite: (tx, codes) => refreshStatusesOf(tx, codes, TEST_TODAY)
		});
		expect(summary.isWritten).toBe(true);
		const after = await request(ministry);
		expect(vocOf(after.overview)).toBe(95);
		expect(scoreOf(after, 'Q-1')).not.toBe(scoreOf(before, 'Q-1'));

		// a write elsewhere that leaves the app's own connection nothing to write (no score moves): seen all the same
		worker.sqlite.prepare("UPDATE pilots SET province_code = '110000' WHERE code = 'Q-3'").run();
		worker.sqlite.close();
		expect((await request(ministry)).overview.map.map((r) => [r.key, r.value])).toEqual([
			['110000', 2],
			['320000', 1]
		]);
		closeDb();
	});
});

describe('steps in turns of their own (inTurn)', () => {
	it('run in order, each in a later turn of the event loop than the one before, with other callbacks between', async () => {
		const { db } = intakeTestDb();
		const seen: string[] = [];
		const a = inTurn(db, () => {
			seen.push('a');
			setImmediate(() => seen.push('queued during a'));
			return 1;
		});
		const b = inTurn(db, () => (seen.push('b'), 2));
		setImmediate(() => seen.push('queued before a'));
		expect(await Promise.all([a, b])).toEqual([1, 2]);
		expect(seen).toEqual(['queued before a', 'a', 'queued during a', 'b']);
		// a failed step does not stop the next
		const failed = inTurn(db, () => {
			throw new Error('no');
		});
		await expect(failed).rejects.toThrow('no');
		expect(await inTurn(db, () => 3)).toBe(3);
	});

	it('compute a view that is not kept in a turn of its own, and answer a kept one at once', async () => {
		const { db } = intakeTestDb();
		const key = { name: 'n', scope: { kind: 'all' as const }, filter: {} };
		let turns = 0;
		const counting = () => setImmediate(() => turns++);
		counting();
		expect(await cachedInTurn(db, key, () => 'computed')).toBe('computed');
		expect(turns).toBe(1);
		counting();
		expect(await cachedInTurn(db, key, () => 'again')).toBe('computed');
		expect(turns).toBe(1);
		await new Promise((next) => setImmediate(next));
		expect(turns).toBe(2);
	});
});
