/**
 * The statuses the pilot lists show and filter by, cached on the pilot row: overall progress status
 * and attainment, and the worst report status. They depend on the day, so a row computed on another
 * day (or marked stale by an import) is recomputed before a list is read.
 */
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { pilots } from '../db/schema';
import * as pilotQueries from '../registry/pilots';
import { chinaToday, pilotProgress } from './progress';
import * as scores from '../analytics/scores';
import type { CalendarEntry } from '../../domain/calendar';

/** The worst report status of a calendar: missing, then late, then on time, else not yet due. */
export function worstReport(calendar: CalendarEntry[]): 'missing' | 'late' | 'on_time' | 'not_due' {
	for (const status of ['missing', 'late', 'on_time'] as const)
		if (calendar.some((c) => c.status === status)) return status;
	return 'not_due';
}

/**
 * Recomputes the cached statuses of every pilot not computed today, then — when anything changed — every score (which
 * depend on them and on each other); returns how many pilots' statuses it refreshed.
 */
export function refreshStale(db: Db, today = chinaToday()): number {
	const refreshed = refreshStaleStatuses(db, today);
	// scores rank pilots against each other, so one changed pilot moves the others' parts too: they are computed again
	// whenever the data changed since they last were (an import's worker refreshes statuses, not scores), or the day
	const key = `${today}:${dataVersion(db)}`;
	if (refreshed > 0 || scoredAt.get(db.$client) !== key || scores.isIncomplete(db)) {
		scores.refreshScores(db, today);
		scoredAt.set(db.$client, key);
	}
	return refreshed;
}

/** Per connection, the data version the scores were last computed at. */
const scoredAt = new WeakMap<object, string>();

function dataVersion(db: Db): string {
	const row = db.get<{ r: number | null; a: number | null; p: number }>(
		sql`SELECT (SELECT MAX(id) FROM revisions) AS r, (SELECT MAX(id) FROM audit_log) AS a, (SELECT COUNT(*) FROM pilots) AS p`
	);
	return `${row.r}:${row.a}:${row.p}`;
}

/**
 * Recomputes the cached statuses of every pilot not computed today, and only those (no scores); returns how many.
 */
export function refreshStaleStatuses(db: Db, today = chinaToday()): number {
	const stale = db
		.select({ code: pilots.code })
		.from(pilots)
		.where(or(isNull(pilots.statusComputedOn), ne(pilots.statusComputedOn, today)))
		.all();
	return refreshStatusesOf(
		db,
		stale.map((s) => s.code),
		today
	);
}

/**
 * Recomputes the cached statuses of these pilots (no scores); returns how many. The intake's worker calls it inside an
 * import's transaction for the pilots it touched, so that no request ever finds them stale.
 */
export function refreshStatusesOf(db: Db, codes: readonly string[], today = chinaToday()): number {
	if (codes.length === 0) return 0;
	const records = pilotQueries.forProgress(db, codes);
	db.transaction((tx) => {
		for (const code of codes) {
			const pilot = records.get(code);
			if (!pilot) continue;
			const progress = pilotProgress(db, pilot, today, { withFlags: false });
			const counts = progress?.report.counts;
			tx.update(pilots)
				.set({
					// 'unknown' is stored as NULL, like a pilot without a term: one "cannot tell" for filters
					progressStatus: progress && progress.overall.status !== 'unknown' ? progress.overall.status : null,
					attainment: progress?.overall.attainment ?? null,
					reportStatus: progress ? worstReport(progress.calendar) : null,
					reportsDue: counts ? counts.on_time + counts.late + counts.missing : null,
					reportsOnTime: counts?.on_time ?? null,
					reportsLate: counts?.late ?? null,
					statusComputedOn: today
				})
				.where(eq(pilots.code, code))
				.run();
		}
	});
	return codes.length;
}

/** Marks pilots stale (after an import changed their values). */
export function markStale(db: Db, pilotIds: number[]): void {
	for (const id of pilotIds)
		db.update(pilots)
			.set({ statusComputedOn: null })
			.where(and(eq(pilots.id, id)))
			.run();
}
