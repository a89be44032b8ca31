/**
 * Typical cases: an analyst opens a case for a pilot, writes it up, publishes it (which freezes its figures: the
 * approved quarters' values with their revision, file hash, approver and date) and may withdraw it. Every step is
 * audited. The public reads only published snapshots.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import {
	batches,
	cases,
	pilotIndicators,
	pilots,
	quarterReviews,
	reviewEvents,
	revisions,
	rollups,
	uploads
} from '../db/schema';
import { record, type Actor } from '../audit/audit';
import { displayNames, publicSnapshot } from './public-names';
import * as pilotQueries from '../registry/pilots';
import * as scores from '../analytics/scores';
import { chinaToday } from '../ops/clock';
import { indicatorByCode } from '../../domain/indicators';
import { annualTarget } from '../../domain/progress';
import { improvementOf } from '../../domain/analytics';
import {
	blankContent,
	publicationProblems,
	type CaseContent,
	type CaseProblem,
	type CaseState,
	type FrozenIndicator,
	type PublishedCase
} from '../../cases/content';

export type CaseRecord = {
	id: number;
	pilotId: number;
	slug: string;
	state: CaseState;
	content: CaseContent;
	updatedBy: string;
	updatedAt: number;
	publishedAt: number | null;
	withdrawnAt: number | null;
	snapshot: PublishedCase | null;
};

function parse(row: typeof cases.$inferSelect): CaseRecord {
	return {
		id: row.id,
		pilotId: row.pilotId,
		slug: row.slug,
		state: row.state as CaseState,
		content: JSON.parse(row.content) as CaseContent,
		updatedBy: row.updatedBy,
		updatedAt: row.updatedAt,
		publishedAt: row.publishedAt,
		withdrawnAt: row.withdrawnAt,
		snapshot: row.snapshot ? (JSON.parse(row.snapshot) as PublishedCase) : null
	};
}

/** The case of a pilot, or null when none was opened. */
export function ofPilot(db: DbOrTx, pilotId: number): CaseRecord | null {
	const row = db.select().from(cases).where(eq(cases.pilotId, pilotId)).get();
	return row ? parse(row) : null;
}

/** Opens a draft case for the pilot (titled after it), or returns the one already open. */
export function open(db: Db, pilot: { id: number; code: string; nameZh: string; nameEn: string | null }, actor: Actor) {
	return db.transaction((tx) => {
		const existing = ofPilot(tx, pilot.id);
		if (existing) return existing;
		const now = Date.now();
		const content = blankContent({ zh: pilot.nameZh, en: pilot.nameEn ?? '' });
		tx.insert(cases)
			.values({
				pilotId: pilot.id,
				slug: pilot.code.toLowerCase(),
				state: 'draft',
				content: JSON.stringify(content),
				createdBy: actor.name,
				createdAt: now,
				updatedBy: actor.name,
				updatedAt: now
			})
			.run();
		record(tx, actor, { action: 'case.open', entity: 'case', entityId: pilot.code, after: { state: 'draft' } });
		return ofPilot(tx, pilot.id)!;
	});
}

/** Saves the write-up (any state; the public keeps seeing the published snapshot until the case is published again). */
export function save(db: Db, record_: CaseRecord, content: CaseContent, actor: Actor): void {
	db.transaction((tx) => {
		tx.update(cases)
			.set({ content: JSON.stringify(content), updatedBy: actor.name, updatedAt: Date.now() })
			.where(eq(cases.id, record_.id))
			.run();
		record(tx, actor, {
			action: 'case.save',
			entity: 'case',
			entityId: record_.slug.toUpperCase(),
			before: record_.content,
			after: content
		});
	});
}

/**
 * The figures the case shows, frozen: for each chosen indicator, the pilot-level value of every approved quarter with
 * the revision it came from, that upload's sha256 (not its file name), and who approved the quarter (display name,
 * not username) and when. Approved
 * quarters are locked against imports, so these are the values the province approved.
 */
export function frozenFigures(db: DbOrTx, pilotId: number, codes: readonly string[]): FrozenIndicator[] {
	if (codes.length === 0) return [];
	const approved = db
		.select({ period: quarterReviews.period })
		.from(quarterReviews)
		.where(and(eq(quarterReviews.pilotId, pilotId), eq(quarterReviews.state, 'approved')))
		.all()
		.map((r) => r.period);
	const approvals = new Map<string, { by: string; at: number }>();
	for (const e of db
		.select()
		.from(reviewEvents)
		.where(and(eq(reviewEvents.pilotId, pilotId), eq(reviewEvents.action, 'approve')))
		.orderBy(asc(reviewEvents.at))
		.all())
		approvals.set(e.period, { by: e.actor, at: e.at });
	const approverNames = displayNames(
		db,
		[...approvals.values()].map((a) => a.by)
	);
	const rows = approved.length
		? db
				.select({
					period: rollups.period,
					code: rollups.indicatorCode,
					value: rollups.value,
					revision: revisions.number,
					sha256: uploads.sha256
				})
				.from(rollups)
				.innerJoin(revisions, eq(revisions.id, rollups.revisionId))
				.innerJoin(uploads, eq(uploads.id, revisions.uploadId))
				.where(
					and(
						eq(rollups.pilotId, pilotId),
						inArray(rollups.period, approved),
						inArray(rollups.indicatorCode, [...codes])
					)
				)
				.orderBy(asc(rollups.period))
				.all()
		: [];
	const targets = db.select().from(pilotIndicators).where(eq(pilotIndicators.pilotId, pilotId)).all();
	return codes.map((code) => {
		const def = indicatorByCode(code);
		const t = targets.find((x) => x.indicatorCode === code);
		const baseline = t?.baseline ?? null;
		return {
			code,
			unit: def?.unit ?? '',
			baseline,
			target:
				t && def
					? annualTarget({
							code,
							direction: def.direction,
							kind: def.kind,
							baseline,
							targetKind: t.targetKind as 'absolute' | 'percent' | null,
							targetValue: t.targetValue,
							values: []
						})
					: null,
			points: rows
				.filter((r) => r.code === code)
				.map((r) => {
					const approval = approvals.get(r.period);
					return {
						period: r.period,
						value: r.value,
						improvement: improvementOf({
							pilotId,
							indicatorCode: code,
							quarters: 1,
							sum: r.value,
							latestValue: r.value,
							baseline
						}),
						revision: r.revision,
						sha256: r.sha256,
						approvedBy: approval ? (approverNames.get(approval.by) ?? approval.by) : '',
						approvedOn: approval ? chinaToday(approval.at) : ''
					};
				})
		};
	});
}

export type Outcome = { ok: true } | { ok: false; problems: CaseProblem[] };

/**
 * Publishes the case: refuses while required parts are empty or no chosen indicator has an approved quarter;
 * otherwise freezes the figures into the snapshot the public reads, in one audited transaction.
 */
export function publish(db: Db, record_: CaseRecord, actor: Actor, now = Date.now()): Outcome {
	const problems = publicationProblems(record_.content);
	if (problems.length) return { ok: false, problems };
	return db.transaction((tx) => {
		const pilot = pilotQueries.get(tx, { kind: 'all' }, record_.slug.toUpperCase());
		const row = tx
			.select({ pilot: pilots, batch: batches })
			.from(pilots)
			.innerJoin(batches, eq(batches.id, pilots.batchId))
			.where(eq(pilots.id, record_.pilotId))
			.get();
		if (!row) return { ok: false as const, problems: [{ field: 'pilot', zh: '试点不存在', en: 'The pilot is gone' }] };
		const indicators = frozenFigures(tx, record_.pilotId, record_.content.indicators);
		if (!indicators.some((i) => i.points.length > 0))
			return {
				ok: false as const,
				problems: [
					{
						field: 'indicator',
						zh: '所选指标还没有审核通过的季度，发布的数字须经省级审核',
						en: 'None of the chosen indicators has an approved quarter; published figures must be reviewed'
					}
				]
			};
		const snapshot: PublishedCase = {
			slug: record_.slug,
			pilotCode: row.pilot.code,
			isDemo: row.pilot.isDemo,
			content: record_.content,
			pilot: {
				name: { zh: row.pilot.nameZh, en: row.pilot.nameEn ?? '' },
				provinceCode: row.pilot.provinceCode,
				category: row.pilot.category,
				industries: pilot?.industries ?? [],
				airRegion: row.pilot.airRegion,
				basin: row.pilot.basin,
				batch: { number: row.batch.number, name: { zh: row.batch.nameZh, en: row.batch.nameEn } },
				termStart: row.pilot.termStart,
				termEnd: row.pilot.termEnd
			},
			indicators,
			score: scores.ofPilot(tx, record_.pilotId)?.score ?? null,
			frozenOn: chinaToday(now),
			publishedAt: now
		};
		tx.update(cases)
			.set({ state: 'published', publishedAt: now, withdrawnAt: null, snapshot: JSON.stringify(snapshot) })
			.where(eq(cases.id, record_.id))
			.run();
		record(tx, actor, {
			action: 'case.publish',
			entity: 'case',
			entityId: row.pilot.code,
			before: { state: record_.state },
			after: { state: 'published', frozenOn: snapshot.frozenOn }
		});
		return { ok: true as const };
	});
}

/** Withdraws a published case with a reason: gone from the public at once; its last snapshot is kept for the record. */
export function withdraw(db: Db, record_: CaseRecord, reason: string, actor: Actor): Outcome {
	if (record_.state !== 'published')
		return {
			ok: false,
			problems: [{ field: 'state', zh: '只能撤回已发布的案例', en: 'Only a published case can be withdrawn' }]
		};
	if (!reason.trim())
		return { ok: false, problems: [{ field: 'reason', zh: '请说明撤回原因', en: 'Give the reason for withdrawing' }] };
	db.transaction((tx) => {
		tx.update(cases).set({ state: 'withdrawn', withdrawnAt: Date.now() }).where(eq(cases.id, record_.id)).run();
		record(tx, actor, {
			action: 'case.withdraw',
			entity: 'case',
			entityId: record_.slug.toUpperCase(),
			before: { state: 'published' },
			after: { state: 'withdrawn', reason: reason.trim() }
		});
	});
	return { ok: true };
}

/** Every published case's snapshot, newest first: all the public gallery ever reads. */
export function published(db: DbOrTx): PublishedCase[] {
	return db
		.select({ snapshot: cases.snapshot })
		.from(cases)
		.where(eq(cases.state, 'published'))
		.orderBy(desc(cases.publishedAt))
		.all()
		.map((r) => publicSnapshot(db, JSON.parse(r.snapshot!) as PublishedCase));
}

/** One published case by its permalink, or null (draft, withdrawn or unknown all read the same: not found). */
export function publishedBySlug(db: DbOrTx, slug: string): PublishedCase | null {
	const row = db
		.select({ snapshot: cases.snapshot })
		.from(cases)
		.where(and(eq(cases.slug, slug), eq(cases.state, 'published')))
		.get();
	return row?.snapshot ? publicSnapshot(db, JSON.parse(row.snapshot) as PublishedCase) : null;
}

/** Every case with its pilot, for analysts: state, last change, publication. */
export function list(db: DbOrTx) {
	return db
		.select({
			slug: cases.slug,
			state: cases.state,
			code: pilots.code,
			nameZh: pilots.nameZh,
			nameEn: pilots.nameEn,
			updatedAt: cases.updatedAt,
			updatedBy: cases.updatedBy,
			publishedAt: cases.publishedAt
		})
		.from(cases)
		.innerJoin(pilots, eq(pilots.id, cases.pilotId))
		.orderBy(desc(cases.updatedAt))
		.all();
}
