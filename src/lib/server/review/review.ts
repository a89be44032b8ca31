/**
 * The quarterly review workflow on the database: states per pilot × quarter, transitions checked by
 * the pure state machine and recorded as events and in the audit trail, the reviewer's queue, and
 * the lock that approved quarters put on imports.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { narratives, pilots, quarterReviews, reviewEvents, revisions } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import { scopeCondition, type Scope } from '../auth/access';
import { transition, type ReviewAction, type ReviewState, type Reviewer } from '../../domain/review';
import { openOn } from '../threads/read';
import { openThreadsBlock } from '../threads/messages';
import { notifyReviewStep } from './decision-notices';

/** Review state per period of a pilot (periods without a row are drafts). */
export function statesOf(
	db: DbOrTx,
	pilotId: number
): Record<string, { state: ReviewState; updatedBy: string; updatedAt: number }> {
	const rows = db.select().from(quarterReviews).where(eq(quarterReviews.pilotId, pilotId)).all();
	return Object.fromEntries(
		rows.map((r) => [r.period, { state: r.state as ReviewState, updatedBy: r.updatedBy, updatedAt: r.updatedAt }])
	);
}

/** The review events of a pilot, newest first. */
export function eventsOf(db: DbOrTx, pilotId: number) {
	return db.select().from(reviewEvents).where(eq(reviewEvents.pilotId, pilotId)).orderBy(desc(reviewEvents.id)).all();
}

export type Outcome = { ok: true; state: ReviewState } | { ok: false; why: { zh: string; en: string } };

/**
 * Applies a review action to a pilot's quarter as `actor` with `role`; a submission also needs an
 * imported revision and a narrative for the quarter, an approval no open value thread on it. Records the event and
 * the audit entry, and tells the other side (decision-notices.ts).
 */
export function act(
	db: Db,
	pilotId: number,
	period: string,
	action: ReviewAction,
	role: Reviewer,
	comment: string,
	actor: Actor
): Outcome {
	return db.transaction((tx) => {
		const current = (tx
			.select()
			.from(quarterReviews)
			.where(and(eq(quarterReviews.pilotId, pilotId), eq(quarterReviews.period, period)))
			.get()?.state ?? 'draft') as ReviewState;
		const result = transition(current, action, role, comment);
		if (!result.ok) return result;
		// A value thread still open holds the approval until a reviewer resolves it.
		const openThreads = action === 'approve' ? openOn(tx, pilotId, period) : [];
		if (openThreads.length) return { ok: false as const, why: openThreadsBlock(openThreads) };
		if (action === 'submit') {
			const hasValues = tx
				.select()
				.from(revisions)
				.where(and(eq(revisions.pilotId, pilotId), eq(revisions.period, period)))
				.get();
			const hasNarrative = tx
				.select()
				.from(narratives)
				.where(and(eq(narratives.pilotId, pilotId), eq(narratives.period, period)))
				.get();
			if (!hasValues || !hasNarrative)
				return {
					ok: false as const,
					why: {
						zh: '提交前须先导入本季度数据并填写进展说明',
						en: 'Import the quarter’s values and write its narrative before submitting'
					}
				};
		}
		const now = Date.now();
		tx.insert(quarterReviews)
			.values({ pilotId, period, state: result.next, updatedBy: actor.name, updatedAt: now })
			.onConflictDoUpdate({
				target: [quarterReviews.pilotId, quarterReviews.period],
				set: { state: result.next, updatedBy: actor.name, updatedAt: now }
			})
			.run();
		tx.insert(reviewEvents)
			.values({
				pilotId,
				period,
				action,
				fromState: current,
				toState: result.next,
				actor: actor.name,
				at: now,
				comment: comment.trim() || null
			})
			.run();
		record(tx, actor, {
			action: `review.${action}`,
			entity: 'quarter',
			entityId: `${pilotId}/${period}`,
			before: { state: current },
			after: { state: result.next, comment: comment.trim() || null }
		});
		notifyReviewStep(tx, { pilotId, period, action, comment, at: now });
		return { ok: true as const, state: result.next };
	});
}

/** Submitted quarters awaiting review within the scope, oldest first. */
export function queue(db: DbOrTx, scope: Scope) {
	const rows = db
		.select({
			code: pilots.code,
			nameZh: pilots.nameZh,
			nameEn: pilots.nameEn,
			provinceCode: pilots.provinceCode,
			period: quarterReviews.period,
			by: quarterReviews.updatedBy,
			at: quarterReviews.updatedAt
		})
		.from(quarterReviews)
		.innerJoin(pilots, eq(pilots.id, quarterReviews.pilotId))
		.where(and(eq(quarterReviews.state, 'submitted'), scopeCondition(scope)))
		.orderBy(quarterReviews.updatedAt)
		.all();
	return rows;
}
