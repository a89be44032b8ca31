/**
 * The statuses the pilot lists show and filter by, cached on the pilot row: overall progress status
 * and attainment, and the worst report status. They depend on the day, so a row computed on another
 * day (or marked stale by an import) is recomputed before a list is read.
 */
import { and, eq, isNull, ne, or } from 'drizzle-orm';
import type { Db } from './db';
import { pilots } from './db/schema';
import * as pilotQueries from './pilots';
import { chinaToday, pilotProgress } from './progress';
import type { CalendarEntry } from '../domain/calendar';

/** The worst report status of a calendar: missing, then late, then on time, else not yet due. */
export function worstReport(calendar: CalendarEntry[]): 'missing' | 'late' | 'on_time' | 'not_due' {
	for (const status of ['missing', 'late', 'on_time'] as const)
		if (calendar.some((c) => c.status === status)) return status;
	return 'not_due';
}

/** Recomputes the cached statuses of every pilot not computed today; returns how many it refreshed. */
export function refreshStale(db: Db, today = chinaToday()): number {
	const stale = db
		.select({ code: pilots.code })
		.from(pilots)
		.where(or(isNull(pilots.statusComputedOn), ne(pilots.statusComputedOn, today)))
		.all();
	if (stale.length === 0) return 0;
	db.transaction((tx) => {
		for (const { code } of stale) {
			const pilot = pilotQueries.get(tx, { kind: 'all' }, code);
			if (!pilot) continue;
			const progress = pilotProgress(db, pilot, today);
			tx.update(pilots)
				.set({
					// 'unknown' is stored as NULL, like a pilot without a term: one "cannot tell" for filters
					progressStatus: progress && progress.overall.status !== 'unknown' ? progress.overall.status : null,
					attainment: progress?.overall.attainment ?? null,
					reportStatus: progress ? worstReport(progress.calendar) : null,
					statusComputedOn: today
				})
				.where(eq(pilots.code, code))
				.run();
		}
	});
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
