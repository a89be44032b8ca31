/**
 * The evaluation board: every pilot within the scope whose term's last quarter has ended (or that already has a
 * summary or decision), with its summary state, whether it is overdue, its experts' mean and its decision; and per
 * batch the counts and whether its list is published.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { batches, evaluationDecisions, evaluationScores, passLists, pilots, termSummaries } from '../db/schema';
import { scopeCondition, type Scope } from '../auth/access';
import { isSummaryOverdue, summaryOpensOn, type SummaryState } from '../../domain/evaluation/summary';
import { meanOfTotals } from '../../domain/evaluation/scoring';

export type BoardStage = 'not_started' | SummaryState | 'passed' | 'not_passed';

/** The board's rows within the scope (optionally one batch), pilot code order. */
export function board(db: DbOrTx, scope: Scope, today: string, batchNumber?: number) {
	const rows = db
		.select({ pilot: pilots, batch: batches, summary: termSummaries, decision: evaluationDecisions })
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.leftJoin(termSummaries, eq(termSummaries.pilotId, pilots.id))
		.leftJoin(
			evaluationDecisions,
			and(eq(evaluationDecisions.pilotId, pilots.id), isNull(evaluationDecisions.reopenedAt))
		)
		.where(
			and(
				scopeCondition(scope),
				ne(pilots.status, 'withdrawn'),
				batchNumber === undefined ? undefined : eq(batches.number, batchNumber)
			)
		)
		.orderBy(asc(batches.number), asc(pilots.code))
		.all();
	const totals = new Map<number, number[]>();
	for (const s of db
		.select({ pilotId: evaluationScores.pilotId, total: evaluationScores.total })
		.from(evaluationScores)
		.all())
		totals.set(s.pilotId, [...(totals.get(s.pilotId) ?? []), s.total]);
	return rows
		.filter(({ pilot, summary, decision }) => {
			if (summary || decision) return true;
			return pilot.termStart !== null && today >= summaryOpensOn(pilot.termStart);
		})
		.map(({ pilot, batch, summary, decision }) => {
			const state = (summary?.state ?? null) as SummaryState | null;
			// a result entered through the registry (decided outside this system) counts as decided
			const settled = pilot.status === 'passed' || pilot.status === 'not_passed' ? pilot.status : null;
			const stage: BoardStage = decision
				? (decision.decision as 'passed' | 'not_passed')
				: (settled ?? state ?? 'not_started');
			const sheetTotals = totals.get(pilot.id) ?? [];
			return {
				code: pilot.code,
				nameZh: pilot.nameZh,
				nameEn: pilot.nameEn,
				provinceCode: pilot.provinceCode,
				isDemo: pilot.isDemo,
				batch: batch.number,
				termEnd: pilot.termEnd,
				stage,
				summaryState: state,
				submittedAt: summary?.submittedAt ?? null,
				isOverdue: !decision && !settled && isSummaryOverdue(pilot.termEnd, batch.summaryOverdueDays, state, today),
				sheets: sheetTotals.length,
				mean: decision?.meanScore ?? meanOfTotals(sheetTotals),
				decision: decision?.decision ?? null,
				decidedOn: decision?.decidedOn ?? null
			};
		});
}
export type BoardRow = ReturnType<typeof board>[number];

/** Batches with their list's publication (null while unpublished), for the board's batch switcher and publish forms. */
export function batchesWithLists(db: DbOrTx) {
	return db
		.select({
			number: batches.number,
			nameZh: batches.nameZh,
			nameEn: batches.nameEn,
			isDemo: batches.isDemo,
			refNo: passLists.refNo,
			publishedOn: passLists.publishedOn
		})
		.from(batches)
		.leftJoin(passLists, eq(passLists.batchId, batches.id))
		.orderBy(asc(batches.number))
		.all();
}
