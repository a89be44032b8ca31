/**
 * The ministry's evaluation of a forwarded summary: experts' score sheets on the batch's weighted criteria, then the
 * decision 通过 / 不通过 with its reason and date, which sets the pilot's status. Only an admin reopens a decision, with
 * a reason; the old decision stays on record. Once the batch's list is published, every change is a correction.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { evaluationDecisions, evaluationScores, termSummaries } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import {
	checkDecision,
	checkSheet,
	criteriaOf,
	DECISION_LABELS,
	meanScore,
	weightedTotal,
	type Decision,
	type ScoreSheet
} from '../../domain/evaluation/scoring';
import type { Problem } from '../../domain/evaluation/summary';
import { correct } from './pass-lists';
import { audienceOf, notify } from '../review/notify';
import { setPilotStatus } from './pilot-status';

type Pilot = {
	id: number;
	code: string;
	termEnd: string | null;
	batchId: number;
	provinceCode: string | null;
	batch: { evaluationCriteria: string | null };
};
export type Outcome = { ok: true } | { ok: false; problems: Problem[] };
type Role = 'implementer' | 'province' | 'ministry' | 'admin';

const refuse = (zh: string, en: string, field = '_form'): Outcome => ({ ok: false, problems: [{ field, zh, en }] });
const NOT_YOURS = refuse('您的角色不能执行此操作', 'Your role cannot do this');

/** The experts' sheets of a pilot with their weighted totals, in the order recorded. */
export function sheetsOf(db: DbOrTx, pilotId: number) {
	return db
		.select()
		.from(evaluationScores)
		.where(eq(evaluationScores.pilotId, pilotId))
		.orderBy(asc(evaluationScores.id))
		.all()
		.map((s) => ({ ...s, scores: JSON.parse(s.scores) as Record<string, number> }));
}

/** The pilot's current decision, or null (none yet, or reopened). */
export function currentOf(db: DbOrTx, pilotId: number) {
	return (
		db
			.select()
			.from(evaluationDecisions)
			.where(and(eq(evaluationDecisions.pilotId, pilotId), isNull(evaluationDecisions.reopenedAt)))
			.get() ?? null
	);
}

/** Every decision of the pilot, newest first, reopened ones included. */
export function historyOf(db: DbOrTx, pilotId: number) {
	return db
		.select()
		.from(evaluationDecisions)
		.where(eq(evaluationDecisions.pilotId, pilotId))
		.orderBy(desc(evaluationDecisions.id))
		.all();
}

function isForwarded(db: DbOrTx, pilotId: number): boolean {
	return db.select().from(termSummaries).where(eq(termSummaries.pilotId, pilotId)).get()?.state === 'forwarded';
}

function openForScoring(db: DbOrTx, pilot: Pilot, role: Role): Outcome | null {
	if (role !== 'ministry' && role !== 'admin') return NOT_YOURS;
	if (!isForwarded(db, pilot.id))
		return refuse('总结报告尚未由省级报送，不能评估', 'The summary has not been forwarded by the province yet');
	if (currentOf(db, pilot.id))
		return refuse('已有评估结论；如需更改，须由管理员重新打开', 'A decision stands; only an admin can reopen it');
	return null;
}

/** Records (or replaces, for the same expert) a score sheet on a forwarded, undecided pilot. */
export function recordSheet(db: Db, pilot: Pilot, sheet: ScoreSheet, role: Role, actor: Actor): Outcome {
	const closed = openForScoring(db, pilot, role);
	if (closed) return closed;
	const criteria = criteriaOf(pilot.batch.evaluationCriteria);
	const problems = checkSheet(criteria, sheet);
	if (problems.length) return { ok: false, problems };
	const scores = Object.fromEntries(criteria.map((c) => [c.key, sheet.scores[c.key] as number]));
	const total = weightedTotal(criteria, scores);
	db.transaction((tx) => {
		const values = {
			pilotId: pilot.id,
			expert: sheet.expert.trim(),
			scores: JSON.stringify(scores),
			total,
			comment: sheet.comment.trim(),
			recordedBy: actor.name,
			recordedAt: Date.now()
		};
		tx.insert(evaluationScores)
			.values(values)
			.onConflictDoUpdate({ target: [evaluationScores.pilotId, evaluationScores.expert], set: values })
			.run();
		record(tx, actor, {
			action: 'evaluation.score',
			entity: 'summary',
			entityId: pilot.code,
			after: { expert: values.expert, scores, total }
		});
	});
	return { ok: true };
}

/** Removes one expert's sheet while the pilot is undecided. */
export function removeSheet(db: Db, pilot: Pilot, sheetId: number, role: Role, actor: Actor): Outcome {
	const closed = openForScoring(db, pilot, role);
	if (closed) return closed;
	const sheet = sheetsOf(db, pilot.id).find((s) => s.id === sheetId);
	if (!sheet) return refuse('没有此评分表', 'No such score sheet');
	db.transaction((tx) => {
		tx.delete(evaluationScores).where(eq(evaluationScores.id, sheetId)).run();
		record(tx, actor, {
			action: 'evaluation.unscore',
			entity: 'summary',
			entityId: pilot.code,
			before: { expert: sheet.expert, total: sheet.total }
		});
	});
	return { ok: true };
}

/** Decides a forwarded pilot: passed or not passed, with a reason and a date; sets the pilot's status and tells those concerned. */
export function decide(
	db: Db,
	pilot: Pilot,
	input: { decision: string; reason: string; decidedOn: string },
	role: Role,
	actor: Actor,
	today: string
): Outcome {
	const closed = openForScoring(db, pilot, role);
	if (closed) return closed;
	const sheets = sheetsOf(db, pilot.id);
	const problems = checkDecision(input, { today, sheets: sheets.length, termEnd: pilot.termEnd });
	if (problems.length) return { ok: false, problems };
	const decision = input.decision as Decision;
	const mean = meanScore(criteriaOf(pilot.batch.evaluationCriteria), sheets);
	db.transaction((tx) => {
		tx.insert(evaluationDecisions)
			.values({
				pilotId: pilot.id,
				decision,
				reason: input.reason.trim(),
				decidedOn: input.decidedOn,
				meanScore: mean,
				decidedBy: actor.name,
				decidedAt: Date.now()
			})
			.run();
		setPilotStatus(tx, pilot.id, decision, input.decidedOn, input.reason.trim());
		correct(tx, pilot, { before: null, after: decision, reason: input.reason, on: input.decidedOn }, actor);
		record(tx, actor, {
			action: 'evaluation.decide',
			entity: 'summary',
			entityId: pilot.code,
			after: { decision, reason: input.reason.trim(), decidedOn: input.decidedOn, meanScore: mean }
		});
		const label = DECISION_LABELS[decision];
		notify(
			tx,
			{
				key: `evaluation_decided:${pilot.code}:${Date.now()}`,
				kind: 'evaluation_decided',
				pilotCode: pilot.code,
				title: { zh: `${pilot.code} 评估结论：${label.zh}`, en: `${pilot.code} evaluation: ${label.en}` }
			},
			audienceOf(tx, pilot, ['implementer', 'province'])
		);
	});
	return { ok: true };
}

/**
 * An admin reopens the current decision with a reason: the decision is kept as reopened, the pilot goes back to
 * 评估中 / evaluating, and — after publication — a correction withdraws the pilot's credits if it had passed.
 */
export function reopen(db: Db, pilot: Pilot, reason: string, role: Role, actor: Actor, today: string): Outcome {
	if (role !== 'admin') return refuse('只有管理员可以重新打开评估结论', 'Only an admin can reopen a decision');
	const current = currentOf(db, pilot.id);
	if (!current) return refuse('没有可重新打开的评估结论', 'There is no decision to reopen');
	if (!reason.trim()) return refuse('请写明重新打开的理由', 'A reason for reopening is required', 'reason');
	db.transaction((tx) => {
		tx.update(evaluationDecisions)
			.set({ reopenedAt: Date.now(), reopenedBy: actor.name, reopenReason: reason.trim() })
			.where(eq(evaluationDecisions.id, current.id))
			.run();
		setPilotStatus(tx, pilot.id, 'evaluating', today, `重新评估 / reopened: ${reason.trim()}`);
		correct(tx, pilot, { before: current.decision as Decision, after: null, reason, on: today }, actor);
		record(tx, actor, {
			action: 'evaluation.reopen',
			entity: 'summary',
			entityId: pilot.code,
			before: { decision: current.decision, decidedOn: current.decidedOn },
			after: { reason: reason.trim() }
		});
	});
	return { ok: true };
}
