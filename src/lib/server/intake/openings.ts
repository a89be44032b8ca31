/**
 * Provisional openings: an admin may open a running term quarter so that the intake accepts its figures before the
 * quarter's last day (E_PERIOD_NOT_ENDED otherwise), and close it again. Both are audited.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../audit/audit';
import { record } from '../audit/audit';
import type { DbOrTx } from '../db';
import { periodOpenings } from '../db/schema';
import { parsePeriod, periodEnd, periodKey, periodStart, termQuarters } from '../../domain/periods';

export type Opening = { period: string; openedBy: string; openedAt: number; reason: string };
type Refusal = { ok: false; why: { zh: string; en: string } };

/** The pilot's open quarters. */
export function list(db: DbOrTx, pilotId: number): Opening[] {
	return db
		.select({
			period: periodOpenings.period,
			openedBy: periodOpenings.openedBy,
			openedAt: periodOpenings.openedAt,
			reason: periodOpenings.reason
		})
		.from(periodOpenings)
		.where(eq(periodOpenings.pilotId, pilotId))
		.all();
}

/** The periods of `list`, as a set for the calendar. */
export function periodsOf(db: DbOrTx, pilotId: number): Set<string> {
	return new Set(list(db, pilotId).map((o) => o.period));
}

/**
 * Opens `period` for provisional data: it must be one of the pilot's term quarters, running today, and a reason is
 * required. Opening an open quarter again changes nothing.
 */
export function open(
	db: DbOrTx,
	actor: Actor,
	pilot: { id: number; code: string; termStart: string | null },
	period: string,
	reason: string,
	today: string
): { ok: true } | Refusal {
	const p = parsePeriod(period);
	const isTermQuarter =
		p && pilot.termStart && termQuarters(pilot.termStart).some((q) => periodKey(q) === periodKey(p));
	if (!p || !isTermQuarter)
		return { ok: false, why: { zh: '不是此试点的实施期季度', en: 'Not one of this pilot’s term quarters' } };
	if (today < periodStart(p) || today > periodEnd(p))
		return {
			ok: false,
			why: {
				zh: '只能开放正在进行的季度；已结束的季度无需开放即可报送',
				en: 'Only a running quarter can be opened; an ended quarter can be reported without it'
			}
		};
	const text = reason.trim();
	if (!text) return { ok: false, why: { zh: '请填写开放理由', en: 'Give a reason for opening it' } };
	const key = periodKey(p);
	db.transaction((tx) => {
		const inserted = tx
			.insert(periodOpenings)
			.values({ pilotId: pilot.id, period: key, openedBy: actor.name, openedAt: Date.now(), reason: text })
			.onConflictDoNothing()
			.run();
		if (inserted.changes)
			record(tx, actor, {
				action: 'period.open_provisional',
				entity: 'quarter',
				entityId: `${pilot.id}/${key}`,
				after: { pilotCode: pilot.code, period: key, reason: text }
			});
	});
	return { ok: true };
}

/** Closes an opened quarter again; the figures already imported stay. */
export function close(db: DbOrTx, actor: Actor, pilot: { id: number; code: string }, period: string): void {
	db.transaction((tx) => {
		const removed = tx
			.delete(periodOpenings)
			.where(and(eq(periodOpenings.pilotId, pilot.id), eq(periodOpenings.period, period)))
			.run();
		if (removed.changes)
			record(tx, actor, {
				action: 'period.close_provisional',
				entity: 'quarter',
				entityId: `${pilot.id}/${period}`,
				before: { pilotCode: pilot.code, period }
			});
	});
}
