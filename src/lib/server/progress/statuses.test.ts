import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intakeFile, intakeTestDb, sender, TEST_TODAY } from '../testing';
import { refreshStale, refreshStaleStatuses, refreshStatusesOf } from './statuses';

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
