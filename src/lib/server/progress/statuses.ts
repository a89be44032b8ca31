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
import * as analytics from '../analytics/analytics';
import type { CalendarEntry } from '../../domain/calendar';

/** The worst report status of a calendar: missing, then late, then on time, else not yet due. */
export function worstReport(calendar: CalendarEntry[]): 'missing' | 'late' | 'on_time' | 'not_due' {
	for (const status of ['missing', 'late', 'on_time'] as const)
		if (calendar.some((c) => c.status === status)) return status;
	return 'not_due';
}

/**
 * Recomputes the cached statuses of every pilot not computed today, then — when anything changed — brings the scores
 * up to date (they depend on the statuses and on each other); returns how many pilots' statuses it refreshed.
 */
export function refreshStale(db: Db, today = chinaToday(), options: { withScores?: boolean } = {}): number {
	const refreshed = refreshStaleStatuses(db, today);
	// scores rank pilots against each other, so one changed pilot moves the others' parts too: they are ranked again
	// whenever the data changed since they last were (an import's worker refreshes statuses, not scores), or the day —
	// from inputs kept in memory, of which only the changed pilots' are derived again (analytics/scores.ts)
	if (refreshed > 0 || options.withScores || areScoresStale(db, today)) {
		const key = `${today}:${dataVersion(db)}`;
		scores.refreshScores(db, today);
		scoredAt.set(db.$client, key);
	}
	return refreshed;
}

/** Whether the scores were last brought up to date on another day or another data version, or some pilot has none. */
function areScoresStale(db: Db, today: string): boolean {
	return scoredAt.get(db.$client) !== `${today}:${dataVersion(db)}` || scores.isIncomplete(db);
}

/** Pilots whose statuses refreshStaleInSteps refreshes in one step (about 1 ms each). */
export const STATUS_SLICE = 20;

/**
 * What refreshStale does, as steps run by `step` (each an event-loop turn of its own, see analytics/view-cache.ts
 * inTurn), none long: the stale statuses STATUS_SLICE pilots at a time (all of them on the first request of a day),
 * the read model a slice of pilots at a time (after a large import), the changed pilots' score inputs, the ranking,
 * the writes. Nothing to do, no step at all.
 */
export async function refreshStaleInSteps(
	db: Db,
	step: <T>(fn: () => T) => Promise<T>,
	today = chinaToday()
): Promise<void> {
	const stale = staleCodes(db, today);
	for (let i = 0; i < stale.length; i += STATUS_SLICE) {
		const slice = stale.slice(i, i + STATUS_SLICE);
		await step(() => refreshStatusesOf(db, slice, today));
	}
	await analytics.refreshModel(db, step);
	if (stale.length > 0 || areScoresStale(db, today)) {
		// the changed pilots' score inputs, the ranking, then the comparison with what is stored and the writes
		await step(() => scores.deriveInputs(db));
		await step(() => scores.rankChanged(db));
		await step(() => refreshStale(db, today, { withScores: stale.length > 0 }));
	}
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
	return refreshStatusesOf(db, staleCodes(db, today), today);
}

/** The codes of the pilots whose statuses were not computed today. */
function staleCodes(db: Db, today: string): string[] {
	return db
		.select({ code: pilots.code })
		.from(pilots)
		.where(or(isNull(pilots.statusComputedOn), ne(pilots.statusComputedOn, today)))
		.all()
		.map((s) => s.code);
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
