/**
 * The statuses the pilot lists show and filter by, cached on the pilot row: overall progress status
 * and attainment, and the worst report status. They depend on the day, so a row computed on another
 * day (or marked stale by an import) is recomputed before a list is read.
 */
import { and, eq, isNull, ne, or } from 'drizzle-orm';
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
 * Recomputes the cached statuses of every pilot not computed today, then every score (which depend on them and on
 * each other); returns how many pilots it refreshed.
 */
export function refreshStale(db: Db, today = chinaToday()): number {
	const stale = db
		.select({ code: pilots.code })
		.from(pilots)
		.where(or(isNull(pilots.statusComputedOn), ne(pilots.statusComputedOn, today)))
		.all();
	if (stale.length === 0) {
		if (scores.isIncomplete(db)) scores.refreshScores(db, today);
		return 0;
	}
	const records = pilotQueries.forProgress(
		db,
		stale.map((s) => s.code)
	);
	db.transaction((tx) => {
		for (const { code } of stale) {
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
	// scores rank pilots against each other, so one changed pilot moves the others' parts too
	scores.refreshScores(db, today);
	return stale.length;
}

/** Marks pilots stale (after an import changed their values). */
export function markStale(db: Db, pilotIds: number[]): void {
	for (const id of pilotIds)
		db.update(pilots)
			.set({ statusComputedOn: null })
			.where(and(eq(pilots.id, id)))
			.run();
}
