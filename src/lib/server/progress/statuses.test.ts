import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intakeFile, intakeTestDb, sender, TEST_TODAY } from '../testing';
import { openDb, type Db } from '../db';
import * as analytics from '../analytics/analytics';
import * as scores from '../analytics/scores';
import { scoreInputOf } from '../../domain/analytics';
import { scorePilots } from '../../domain/score';
import { refreshStale, refreshStaleInSteps, refreshStaleStatuses, refreshStatusesOf } from './statuses';

const scoreOf = (sqlite: ReturnType<typeof intakeTestDb>['sqlite'], code: string) =>
	sqlite
		.prepare('SELECT s.score, s.detail FROM pilot_scores s JOIN pilots p ON p.id = s.pilot_id WHERE p.code = ?')
		.get(code) as { score: number; detail: string } | undefined;

describe('cached statuses and scores', () => {
	it('follow an import whose statuses the intake worker already refreshed: the scores on the next request', async () => {
		const { db, sqlite, users } = intakeTestDb();
		sqlite.prepare("UPDATE pilot_indicators SET target_kind = 'percent', target_value = 10").run();
		const send = sender(db, users.imp1, 'statuses');
		expect((await send(['Q-1,E01,2025Q3,voc,90,t,'], '2025-10-10')).isWritten).toBe(true);
		refreshStale(db, TEST_TODAY);
		const before = scoreOf(sqlite, 'Q-1');
		expect(before).toBeDefined();

		// an import as the worker does it: the write, then the touched pilots' statuses, not the scores
		expect((await send(['Q-1,E01,2025Q4,voc,60,t,'], '2026-01-10')).isWritten).toBe(true);
		expect(refreshStaleStatuses(db, TEST_TODAY)).toBe(1);
		expect(scoreOf(sqlite, 'Q-1')).toEqual(before);

		// the next page's refresh finds no stale status, yet computes the scores again for the changed data
		expect(refreshStale(db, TEST_TODAY)).toBe(0);
		expect(scoreOf(sqlite, 'Q-1')).not.toEqual(before);
		// and nothing again while nothing changes
		const after = scoreOf(sqlite, 'Q-1');
		expect(refreshStale(db, TEST_TODAY)).toBe(0);
		expect(scoreOf(sqlite, 'Q-1')).toEqual(after);
	});
});

describe('an import that refreshes its pilots in its own transaction (the worker)', () => {
	it('leaves no touched pilot stale, and the others as they were', async () => {
		const { db, sqlite, users } = intakeTestDb();
		refreshStale(db, TEST_TODAY);
		const { importIndicators } = await import('../intake');
		const summary = await importIndicators(db, intakeFile(['Q-1,E01,2025Q3,voc,90,t,']), {
			user: users.imp1,
			dryRun: false,
			fileName: 'q.csv',
			channel: 'api',
			today: TEST_TODAY,
			dataDir: mkdtempSync(join(tmpdir(), 'statuses-')),
			afterWrite: (tx, codes) => refreshStatusesOf(tx, codes, TEST_TODAY)
		});
		expect(summary.isWritten).toBe(true);
		const stale = sqlite
			.prepare('SELECT code FROM pilots WHERE status_computed_on IS NULL OR status_computed_on != ?')
			.all(TEST_TODAY);
		expect(stale).toEqual([]);
		expect(
			(sqlite.prepare("SELECT report_status AS r FROM pilots WHERE code = 'Q-1'").get() as { r: string }).r
		).not.toBeNull();
	});
});

/** Every pilot's score as stored: code → score and detail. */
const storedScores = (db: Db) =>
	Object.fromEntries(
		db.$client
			.prepare('SELECT p.code, s.score, s.detail FROM pilot_scores s JOIN pilots p ON p.id = s.pilot_id ORDER BY 1')
			.all()
			.map((r) => {
				const { code, score, detail } = r as { code: string; score: number; detail: string };
				return [code, { score, detail }];
			})
	);

/** Every pilot's score computed from nothing kept: a new connection, its read model read whole, every input derived. */
function scoresFromScratch(path: string) {
	const { db, sqlite } = openDb(`file:${path}`);
	try {
		const rows = analytics.pilotRows(db, { kind: 'all' }, {});
		const facts = analytics.facts(db, rows, {});
		return Object.fromEntries(
			scorePilots(rows.map((p) => scoreInputOf(p, facts))).map((s) => [
				s.code,
				{ score: s.score, detail: JSON.stringify({ parts: s.parts, rank: s.rank }) }
			])
		);
	} finally {
		sqlite.close();
	}
}

describe('scores kept in memory between refreshes', () => {
	it('equal scores computed from scratch after every change, and nothing is written while nothing changes', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'scores-')), 'tracker.db');
		const { db, sqlite, users } = intakeTestDb(openDb(`file:${path}`));
		sqlite.prepare("UPDATE pilot_indicators SET target_kind = 'percent', target_value = 10").run();
		sqlite.prepare("INSERT INTO pilot_industries (pilot_id, industry) SELECT id, '钢铁' FROM pilots").run();
		const send = sender(db, users.imp1, 'scores');
		const rows = (code: string, enterprise: string, period: string, investment: number) => [
			`${code},${enterprise},${period},voc,${90 - investment},t,`,
			`${code},${enterprise},${period},co2,100,tCO2e,`,
			`${code},${enterprise},${period},investment,${investment},万元,`
		];
		expect((await send(rows('Q-1', 'E01', '2025Q3', 10), '2025-10-10')).isWritten).toBe(true);
		expect((await send(rows('Q-2', 'F01', '2025Q3', 20), '2025-10-11', { as: users.imp2 })).isWritten).toBe(true);
		refreshStale(db, TEST_TODAY);
		expect(storedScores(db)).toEqual(scoresFromScratch(path));
		const first = storedScores(db);

		// one pilot's import moves its own score and, through the ranks, its peers'
		expect((await send(rows('Q-2', 'F01', '2025Q4', 5), '2026-01-11', { as: users.imp2 })).isWritten).toBe(true);
		refreshStale(db, TEST_TODAY);
		expect(storedScores(db)).toEqual(scoresFromScratch(path));
		expect(storedScores(db)['Q-2']).not.toEqual(first['Q-2']);

		// nothing changed: nothing computed again, nothing written
		const changes = () => (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
		const before = changes();
		refreshStale(db, TEST_TODAY);
		scores.refreshScores(db, TEST_TODAY);
		expect(changes()).toBe(before);

		// a registry change (an industry) reaches the inputs it feeds
		sqlite.prepare("UPDATE pilot_industries SET industry = '造纸' WHERE pilot_id = 2").run();
		sqlite.prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES (0, 't', 'pilot.update', 'pilot')").run();
		refreshStale(db, TEST_TODAY);
		expect(storedScores(db)).toEqual(scoresFromScratch(path));

		// a new day: only the statuses move (Q-3's first quarter falls due), and the scores with them
		const later = '2027-02-01';
		refreshStale(db, later);
		expect(
			JSON.parse(storedScores(db)['Q-3'].detail).parts.find((p: { part: string }) => p.part === 'reporting')
		).toMatchObject({ value: 0 });
		expect(storedScores(db)).toEqual(scoresFromScratch(path));
		refreshStale(db, TEST_TODAY);

		// Q-3 reports a quarter and then revises it: with no baseline or target to judge it by, the revision leaves its
		// input as it was, and the ranking is not done again — the stored scores stay right
		expect((await send(['Q-3,G01,2026Q4,voc,5,t,'], '2026-11-20', { today: '2027-01-10' })).isWritten).toBe(true);
		refreshStale(db, TEST_TODAY);
		expect(storedScores(db)).toEqual(scoresFromScratch(path));
		expect((await send(['Q-3,G01,2026Q4,voc,6,t,'], '2026-11-21', { today: '2027-01-10' })).isWritten).toBe(true);
		refreshStale(db, TEST_TODAY);
		expect(storedScores(db)).toEqual(scoresFromScratch(path));

		// rows another connection wrote (a CLI on another day) are read again, not taken for what this one last wrote
		const other = openDb(`file:${path}`);
		other.sqlite.prepare("UPDATE pilot_scores SET computed_on = '2099-01-01', score = -1").run();
		other.sqlite.close();
		scores.refreshScores(db, TEST_TODAY);
		expect(storedScores(db)).toEqual(scoresFromScratch(path));
		expect(sqlite.prepare('SELECT DISTINCT computed_on AS d FROM pilot_scores').all()).toEqual([{ d: TEST_TODAY }]);
		sqlite.close();
	});
});

describe('statuses and scores brought up to date in steps (the dashboard’s way)', () => {
	it('leave what refreshStale leaves, and take no step when nothing is to be done', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'steps-')), 'tracker.db');
		const { db, sqlite, users } = intakeTestDb(openDb(`file:${path}`));
		sqlite.prepare("UPDATE pilot_indicators SET target_kind = 'percent', target_value = 10").run();
		let steps = 0;
		const step = async <T>(fn: () => T) => (steps++, fn());
		await refreshStaleInSteps(db, step, TEST_TODAY);
		expect(steps).toBeGreaterThan(0);
		expect(storedScores(db)).toEqual(scoresFromScratch(path));

		// an import (its pilot marked stale, as the CLI leaves it): its status, the model and the scores, in steps
		const send = sender(db, users.imp1, 'steps');
		expect((await send(['Q-1,E01,2025Q3,voc,90,t,'], '2025-10-10')).isWritten).toBe(true);
		const before = storedScores(db)['Q-1'];
		await refreshStaleInSteps(db, step, TEST_TODAY);
		expect(sqlite.prepare('SELECT code FROM pilots WHERE status_computed_on IS NOT ?').all(TEST_TODAY)).toEqual([]);
		expect(storedScores(db)['Q-1']).not.toEqual(before);
		expect(storedScores(db)).toEqual(scoresFromScratch(path));

		// nothing changed: not one step
		steps = 0;
		await refreshStaleInSteps(db, step, TEST_TODAY);
		expect(steps).toBe(0);

		// a new day: every status again, then the scores
		await refreshStaleInSteps(db, step, '2027-02-01');
		expect(steps).toBeGreaterThan(0);
		expect(sqlite.prepare('SELECT DISTINCT status_computed_on AS d FROM pilots').all()).toEqual([{ d: '2027-02-01' }]);
		expect(storedScores(db)).toEqual(scoresFromScratch(path));
		sqlite.close();
	});
});
