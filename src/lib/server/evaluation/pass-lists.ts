/**
 * Each batch's published list of passed pilots (《通过评估的清洁生产审核创新试点项目名单》): publishing freezes the
 * entries and counts (the table refuses any update) and grants a deemed-audit credit to every enterprise of every
 * passed pilot; a decision changed afterwards is recorded as a dated correction that grants or revokes credits.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import {
	auditCredits,
	batches,
	enterprises,
	evaluationDecisions,
	passListCorrections,
	passLists,
	pilots
} from '../db/schema';
import { record, type Actor } from '../audit/audit';
import { checkPublication, creditEffect, listCounts, type ListEntry } from '../../domain/evaluation/pass-list';
import type { Decision } from '../../domain/evaluation/scoring';
import type { Problem } from '../../domain/evaluation/summary';

export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; problems: Problem[] };

/** The batch row by its number, or null. */
export function batchOf(db: DbOrTx, number: number) {
	return db.select().from(batches).where(eq(batches.number, number)).get() ?? null;
}

/** Every current decision of the batch's pilots, as list entries (pilot code order). */
export function currentEntries(db: DbOrTx, batchId: number): ListEntry[] {
	const rows = db
		.select({ pilot: pilots, decision: evaluationDecisions })
		.from(evaluationDecisions)
		.innerJoin(pilots, eq(pilots.id, evaluationDecisions.pilotId))
		.where(and(eq(pilots.batchId, batchId), isNull(evaluationDecisions.reopenedAt)))
		.orderBy(asc(pilots.code))
		.all();
	return rows.map(({ pilot, decision }) => ({
		pilotCode: pilot.code,
		nameZh: pilot.nameZh,
		nameEn: pilot.nameEn,
		provinceCode: pilot.provinceCode,
		category: pilot.category,
		decision: decision.decision as Decision,
		decidedOn: decision.decidedOn,
		enterprises: db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.pilotId, pilot.id)).all()
			.length
	}));
}

/** The batch's published list (entries parsed), or null while unpublished. */
export function listOf(db: DbOrTx, batchId: number) {
	const row = db.select().from(passLists).where(eq(passLists.batchId, batchId)).get();
	return row ? { ...row, entries: JSON.parse(row.entries) as ListEntry[] } : null;
}

/** The corrections of a list, oldest first, with the pilot's code and names. */
export function correctionsOf(db: DbOrTx, listId: number) {
	return db
		.select({
			id: passListCorrections.id,
			correctedOn: passListCorrections.correctedOn,
			fromDecision: passListCorrections.fromDecision,
			toDecision: passListCorrections.toDecision,
			reason: passListCorrections.reason,
			pilotCode: pilots.code,
			nameZh: pilots.nameZh,
			nameEn: pilots.nameEn
		})
		.from(passListCorrections)
		.innerJoin(pilots, eq(pilots.id, passListCorrections.pilotId))
		.where(eq(passListCorrections.listId, listId))
		.orderBy(asc(passListCorrections.id))
		.all();
}

/** Every published list, newest publication first, with its batch. */
export function published(db: DbOrTx) {
	return db
		.select({ list: passLists, batch: batches })
		.from(passLists)
		.innerJoin(batches, eq(batches.id, passLists.batchId))
		.orderBy(desc(passLists.publishedOn), desc(passLists.id))
		.all()
		.map(({ list, batch }) => ({
			batch: batch.number,
			batchNameZh: batch.nameZh,
			batchNameEn: batch.nameEn,
			isDemo: batch.isDemo,
			refNo: list.refNo,
			publishedOn: list.publishedOn,
			evaluated: list.evaluated,
			passed: list.passed,
			notPassed: list.notPassed
		}));
}

/** What the public list page and the API show of a batch: the frozen list, its corrections; null while unpublished. */
export function view(db: DbOrTx, batchNumber: number) {
	const batch = batchOf(db, batchNumber);
	if (!batch) return null;
	const list = listOf(db, batch.id);
	if (!list) return null;
	return { batch, list, corrections: correctionsOf(db, list.id) };
}

function grant(tx: DbOrTx, listId: number, pilotId: number, on: string, correctionId: number | null): number {
	const pilot = tx.select({ provinceCode: pilots.provinceCode }).from(pilots).where(eq(pilots.id, pilotId)).get()!;
	const firms = tx
		.select()
		.from(enterprises)
		.where(eq(enterprises.pilotId, pilotId))
		.orderBy(asc(enterprises.code))
		.all();
	for (const e of firms)
		tx.insert(auditCredits)
			.values({
				listId,
				pilotId,
				enterpriseId: e.id,
				enterpriseName: e.nameZh,
				creditCode: e.creditCode,
				provinceCode: pilot.provinceCode,
				grantedOn: on,
				grantedByCorrection: correctionId
			})
			.run();
	return firms.length;
}

/**
 * Publishes the batch's list: every pilot with a current decision, frozen with the counts, and a credit for each
 * enterprise of each passed pilot dated the publication day. Refused (nothing written) when already published, without
 * a reference number or a past date, or when no pilot is decided.
 */
export function publish(
	db: Db,
	batchNumber: number,
	input: { refNo: string; publishedOn: string },
	actor: Actor,
	today: string
): Outcome<{ credits: number; evaluated: number; passed: number }> {
	const batch = batchOf(db, batchNumber);
	if (!batch) return { ok: false, problems: [{ field: 'batch', zh: '没有此批次', en: 'No such batch' }] };
	return db.transaction((tx) => {
		const entries = currentEntries(tx, batch.id);
		const problems = checkPublication(input, {
			today,
			decided: entries.length,
			isPublished: listOf(tx, batch.id) !== null
		});
		if (problems.length) return { ok: false as const, problems };
		const counts = listCounts(entries);
		const listId = tx
			.insert(passLists)
			.values({
				batchId: batch.id,
				refNo: input.refNo.trim(),
				publishedOn: input.publishedOn,
				entries: JSON.stringify(entries),
				evaluated: counts.evaluated,
				passed: counts.passed,
				notPassed: counts.notPassed,
				publishedBy: actor.name,
				publishedAt: Date.now()
			})
			.returning({ id: passLists.id })
			.get().id;
		let credits = 0;
		for (const e of entries.filter((x) => x.decision === 'passed')) {
			const pilotId = tx.select({ id: pilots.id }).from(pilots).where(eq(pilots.code, e.pilotCode)).get()!.id;
			credits += grant(tx, listId, pilotId, input.publishedOn, null);
		}
		record(tx, actor, {
			action: 'passlist.publish',
			entity: 'batch',
			entityId: String(batch.number),
			after: { refNo: input.refNo.trim(), publishedOn: input.publishedOn, ...counts, credits }
		});
		return { ok: true as const, credits, evaluated: counts.evaluated, passed: counts.passed };
	});
}

/**
 * After the batch's list is published, a pilot's decision moving from `before` to `after` (null: none) is recorded as a
 * dated correction under the list, and its enterprises' credits are granted or revoked to match. No-op while the batch
 * is unpublished. Call inside the transaction that changes the decision.
 */
export function correct(
	tx: DbOrTx,
	pilot: { id: number; batchId: number },
	change: { before: Decision | null; after: Decision | null; reason: string; on: string },
	actor: Actor
): void {
	const list = listOf(tx, pilot.batchId);
	if (!list) return;
	const correctionId = tx
		.insert(passListCorrections)
		.values({
			listId: list.id,
			pilotId: pilot.id,
			correctedOn: change.on,
			fromDecision: change.before,
			toDecision: change.after,
			reason: change.reason.trim(),
			recordedBy: actor.name,
			recordedAt: Date.now()
		})
		.returning({ id: passListCorrections.id })
		.get().id;
	const effect = creditEffect(change.before, change.after);
	if (effect === 'grant') grant(tx, list.id, pilot.id, change.on, correctionId);
	if (effect === 'revoke')
		tx.update(auditCredits)
			.set({ revokedOn: change.on, revokedByCorrection: correctionId })
			.where(and(eq(auditCredits.pilotId, pilot.id), isNull(auditCredits.revokedOn)))
			.run();
	record(tx, actor, {
		action: 'passlist.correct',
		entity: 'batch',
		entityId: String(list.batchId),
		after: { pilotId: pilot.id, ...change, credits: effect }
	});
}
