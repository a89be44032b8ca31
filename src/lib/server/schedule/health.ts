/** The schedule's and the mail's part of GET /healthz: public, so only times, outcomes and counts. */
import type Database from 'better-sqlite3';
import { lastRuns } from './scheduler';

export type ScheduleHealth = {
	scheduler: 'on' | 'off';
	jobs: Record<string, { lastRunAt: string | null; ok: boolean | null; lastOkAt: string | null }>;
	mail: { smtp: 'configured' | 'not configured'; pending: number; dead: number };
};

export function scheduleHealth(
	sqlite: Database.Database,
	options: { isOn: boolean; hasSmtp: boolean }
): ScheduleHealth {
	const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);
	const jobs: ScheduleHealth['jobs'] = {};
	for (const [name, runs] of Object.entries(lastRuns(sqlite)))
		jobs[name] = {
			lastRunAt: iso(runs.last?.startedAt),
			ok: runs.last?.ok ?? null,
			lastOkAt: iso(runs.lastOk?.startedAt)
		};
	const count = (state: string) =>
		(sqlite.prepare('SELECT COUNT(*) AS n FROM mails WHERE state = ?').get(state) as { n: number }).n;
	return {
		scheduler: options.isOn ? 'on' : 'off',
		jobs,
		mail: { smtp: options.hasSmtp ? 'configured' : 'not configured', pending: count('pending'), dead: count('dead') }
	};
}
