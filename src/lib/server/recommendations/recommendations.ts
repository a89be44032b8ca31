/**
 * Recommendation intake (notice sections 三, 四, 六): a provincial user prepares recommendations of their province for
 * an open batch, attaches the recommendation letter and the plan, and submits them under the quota and before the
 * deadline; the ministry approves one into the registry (a pilot whose term starts on the approval date, carrying the
 * plan's baselines and targets) or declines it with a reason. Every step is audited and each is one transaction.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, asc, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { batches, pilotIndustries, pilots, recommendationFiles, recommendations } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import type { Scope } from '../auth/access';
import { keepFile } from '../intake/store';
import { writeDataset } from '../registry/write';
import { chinaToday } from '../ops/clock';
import { termEndFor } from '../../domain/periods';
import {
	checkAttachment,
	checkDraft,
	checkSubmission,
	countsTowardsQuota,
	RECOMMENDATION_STATES,
	priorityMark,
	transition,
	type BatchSettings,
	type Problem
} from '../../domain/recommendation';
import { targetProblems, type StoredDraft } from '../../recommendations/form';
import type { AirRegion, Basin, BodyType, Category } from '../../domain/taxonomy';

export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; problems: Problem[] };

type BatchRow = typeof batches.$inferSelect;

/** A batch's recommendation settings in the domain's shape. */
export function settingsOf(b: BatchRow): BatchSettings {
	return {
		number: b.number,
		year: b.year,
		deadline: b.recommendationDeadline ?? '',
		quotaPerProvince: b.quotaPerProvince,
		packageLimitBytes: b.packageLimitBytes,
		openCategories: JSON.parse(b.openCategories) as number[]
	};
}

/** Batches that take recommendations (a deadline is set), newest first, and whether each is still open today. */
export function openBatches(db: DbOrTx, today = chinaToday()) {
	return db
		.select()
		.from(batches)
		.where(isNotNull(batches.recommendationDeadline))
		.orderBy(asc(batches.number))
		.all()
		.map((b) => ({ ...b, isOpen: today <= (b.recommendationDeadline ?? '') }))
		.reverse();
}

function parse(row: typeof recommendations.$inferSelect) {
	return { ...row, draft: JSON.parse(row.draft) as StoredDraft };
}

/** One recommendation within the scope (province users: their province; ministry and admins: all), or null. */
export function get(db: DbOrTx, scope: Scope, id: number) {
	const row = db.select().from(recommendations).where(eq(recommendations.id, id)).get();
	if (!row || (scope.kind === 'province' && row.provinceCode !== scope.provinceCode) || scope.kind === 'pilots')
		return null;
	const batch = db.select().from(batches).where(eq(batches.id, row.batchId)).get()!;
	const files = db
		.select()
		.from(recommendationFiles)
		.where(eq(recommendationFiles.recommendationId, id))
		.orderBy(asc(recommendationFiles.id))
		.all();
	return { ...parse(row), batch, files };
}

export type Recommendation = NonNullable<ReturnType<typeof get>>;

function asDraft(r: { draft: StoredDraft; files: { kind: string; fileName: string; size: number }[] }) {
	return {
		...r.draft,
		attachments: r.files.map((f) => ({ kind: f.kind as 'letter' | 'plan', fileName: f.fileName, size: f.size }))
	};
}

/** How many recommendations of the province count against the batch's quota (submitted or approved), except one. */
function submittedIn(db: DbOrTx, batchId: number, provinceCode: string, except: number): number {
	return db
		.select({ id: recommendations.id })
		.from(recommendations)
		.where(
			and(
				eq(recommendations.batchId, batchId),
				eq(recommendations.provinceCode, provinceCode),
				inArray(recommendations.state, RECOMMENDATION_STATES.filter(countsTowardsQuota)),
				ne(recommendations.id, except)
			)
		)
		.all().length;
}

/** What batch 1 covered (industries, categories, body types), for the priority mark. */
export function batchOneCoverage(db: DbOrTx) {
	const rows = db
		.select({ id: pilots.id, category: pilots.category, bodyType: pilots.bodyType })
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.where(eq(batches.number, 1))
		.all();
	const industries = rows.length
		? db
				.select({ industry: pilotIndustries.industry })
				.from(pilotIndustries)
				.where(
					inArray(
						pilotIndustries.pilotId,
						rows.map((r) => r.id)
					)
				)
				.all()
				.map((r) => r.industry)
		: [];
	return {
		industries: [...new Set(industries)],
		categories: [...new Set(rows.flatMap((r) => (r.category === null ? [] : [r.category])))],
		applicantTypes: [...new Set(rows.flatMap((r) => (r.bodyType === null ? [] : [r.bodyType])))]
	};
}

/** The checks and the priority mark of a recommendation, as the reviewer and the province see them. */
export function assess(db: DbOrTx, r: Recommendation, today = chinaToday()) {
	const draft = asDraft(r);
	return {
		problems: checkSubmission(draft, settingsOf(r.batch), {
			today,
			submittedInProvince: submittedIn(db, r.batchId, r.provinceCode, r.id)
		}),
		priority: priorityMark(draft, batchOneCoverage(db))
	};
}

/** A new, empty draft for the user's province and the batch. */
export function create(db: Db, batchId: number, provinceCode: string, actor: Actor): number {
	return db.transaction((tx) => {
		const now = Date.now();
		const draft: StoredDraft = {
			projectName: '',
			applicantName: '',
			applicantType: '',
			category: null,
			industries: [],
			provinceCode,
			airRegion: null,
			basin: null,
			enterprises: null,
			attestations: {
				noInspectionIssue: false,
				noMediaExposure: false,
				hasBasis: false,
				hasFunding: false,
				fundingSource: '',
				fundingAmount: null
			},
			plan: {},
			targets: []
		};
		const id = tx
			.insert(recommendations)
			.values({
				batchId,
				provinceCode,
				state: 'draft',
				draft: JSON.stringify(draft),
				createdBy: actor.name,
				createdAt: now,
				updatedBy: actor.name,
				updatedAt: now
			})
			.returning({ id: recommendations.id })
			.get().id;
		record(tx, actor, { action: 'recommendation.create', entity: 'recommendation', entityId: String(id) });
		return id;
	});
}

/** Saves a draft after the field checks; refused (nothing written) with the problems otherwise. */
export function save(db: Db, r: Recommendation, draft: StoredDraft, actor: Actor): Outcome {
	const allowed = transition(r.state as never, 'save', 'province');
	if (!allowed.ok) return { ok: false, problems: [{ field: 'state', ...allowed.why }] };
	const problems = [
		...checkDraft({ ...draft, attachments: [] }, settingsOf(r.batch)),
		...targetProblems(draft.targets)
	];
	if (problems.length) return { ok: false, problems };
	db.transaction((tx) => {
		tx.update(recommendations)
			.set({
				draft: JSON.stringify({ ...draft, provinceCode: r.provinceCode }),
				updatedBy: actor.name,
				updatedAt: Date.now()
			})
			.where(eq(recommendations.id, r.id))
			.run();
		record(tx, actor, {
			action: 'recommendation.save',
			entity: 'recommendation',
			entityId: String(r.id),
			before: r.draft,
			after: draft
		});
	});
	return { ok: true };
}

/** Keeps an attachment (PDF or Word, within the package limit) under DATA_DIR by its sha256, replacing one of its kind. */
export function attach(
	db: Db,
	r: Recommendation,
	file: { kind: 'letter' | 'plan'; fileName: string; bytes: Uint8Array },
	actor: Actor,
	dataDir?: string
): Outcome {
	if (r.state !== 'draft')
		return {
			ok: false,
			problems: [{ field: 'file', zh: '只能在草稿状态上传附件', en: 'Attachments can be changed on drafts only' }]
		};
	const others = r.files.filter((f) => f.kind !== file.kind).reduce((n, f) => n + f.size, 0);
	const problems = checkAttachment({ fileName: file.fileName, size: file.bytes.length }, others, settingsOf(r.batch));
	if (problems.length) return { ok: false, problems };
	const sha256 = keepFile(file.bytes, dataDir);
	db.transaction((tx) => {
		tx.delete(recommendationFiles)
			.where(and(eq(recommendationFiles.recommendationId, r.id), eq(recommendationFiles.kind, file.kind)))
			.run();
		tx.insert(recommendationFiles)
			.values({
				recommendationId: r.id,
				kind: file.kind,
				fileName: file.fileName,
				size: file.bytes.length,
				sha256,
				uploadedBy: actor.name,
				uploadedAt: Date.now()
			})
			.run();
		record(tx, actor, {
			action: 'recommendation.attach',
			entity: 'recommendation',
			entityId: String(r.id),
			after: { kind: file.kind, fileName: file.fileName, size: file.bytes.length, sha256 }
		});
	});
	return { ok: true };
}

function move(
	db: Db,
	r: Recommendation,
	action: 'submit' | 'withdraw' | 'decline',
	role: 'province' | 'ministry' | 'admin',
	actor: Actor,
	reason = ''
): Outcome {
	const allowed = transition(r.state as never, action, role, reason);
	if (!allowed.ok) return { ok: false, problems: [{ field: 'state', ...allowed.why }] };
	db.transaction((tx) => {
		const now = Date.now();
		tx.update(recommendations)
			.set({
				state: allowed.next,
				updatedBy: actor.name,
				updatedAt: now,
				...(action === 'submit' ? { submittedAt: now } : {}),
				...(action === 'decline' ? { decidedBy: actor.name, decidedAt: now, decisionReason: reason.trim() } : {})
			})
			.where(eq(recommendations.id, r.id))
			.run();
		record(tx, actor, {
			action: `recommendation.${action}`,
			entity: 'recommendation',
			entityId: String(r.id),
			before: { state: r.state },
			after: { state: allowed.next, ...(reason.trim() ? { reason: reason.trim() } : {}) }
		});
	});
	return { ok: true };
}

/** Submits after every rule (quota, deadline, applicant type, attestations, plan, attachments) passes. */
export function submit(db: Db, r: Recommendation, actor: Actor, today = chinaToday()): Outcome {
	const { problems } = assess(db, r, today);
	if (problems.length) return { ok: false, problems };
	return move(db, r, 'submit', 'province', actor);
}

/** The province takes a draft or a submitted recommendation back. */
export function withdraw(db: Db, r: Recommendation, actor: Actor): Outcome {
	return move(db, r, 'withdraw', 'province', actor);
}

/** The ministry declines a submitted recommendation, with a reason. */
export function decline(db: Db, r: Recommendation, role: 'ministry' | 'admin', reason: string, actor: Actor): Outcome {
	return move(db, r, 'decline', role, actor, reason);
}

/** The next free pilot code in the batch: B<batch>-NN. */
function nextCode(db: DbOrTx, batch: BatchRow): string {
	const prefix = `B${batch.number}-`;
	const used = new Set(
		db
			.select({ code: pilots.code })
			.from(pilots)
			.all()
			.map((p) => p.code)
	);
	for (let n = 1; ; n++) {
		const code = `${prefix}${String(n).padStart(2, '0')}`;
		if (!used.has(code)) return code;
	}
}

/**
 * Approves a submitted recommendation: creates the pilot in the registry (status approved, term from the approval
 * date for the batch's term length, the plan's baselines and targets) and links it, in one audited transaction.
 */
export function approve(
	db: Db,
	r: Recommendation,
	role: 'ministry' | 'admin',
	actor: Actor,
	today = chinaToday()
): Outcome<{ pilotCode: string }> {
	const allowed = transition(r.state as never, 'approve', role);
	if (!allowed.ok) return { ok: false, problems: [{ field: 'state', ...allowed.why }] };
	return db.transaction((tx) => {
		const code = nextCode(tx, r.batch);
		const d = r.draft;
		writeDataset(
			tx,
			{
				pilots: [
					{
						code,
						batchNumber: r.batch.number,
						nameZh: d.projectName,
						nameEn: null,
						category: d.category as Category,
						provinceCode: r.provinceCode,
						airRegion: (d.airRegion as AirRegion | 'none' | null) ?? null,
						basin: (d.basin as Basin | 'none' | null) ?? null,
						industries: d.industries,
						bodyName: d.applicantName,
						bodyType: d.applicantType as BodyType,
						termStart: today,
						termEnd: termEndFor(today, r.batch.termMonths),
						status: 'approved',
						statusEvents: [
							{ status: 'recommended', on: r.submittedAt ? chinaToday(r.submittedAt) : null },
							{ status: 'approved', on: today }
						],
						sourceUrl: null,
						inferredFields: [],
						note: `由推荐 #${r.id} 批准 / approved from recommendation #${r.id}`,
						isDemo: r.batch.isDemo
					}
				],
				enterprises: [],
				indicators: d.targets.map((t) => ({ pilotCode: code, ...t }))
			},
			actor
		);
		const pilotId = tx.select({ id: pilots.id }).from(pilots).where(eq(pilots.code, code)).get()!.id;
		tx.update(recommendations)
			.set({ state: allowed.next, decidedBy: actor.name, decidedAt: Date.now(), pilotId })
			.where(eq(recommendations.id, r.id))
			.run();
		record(tx, actor, {
			action: 'recommendation.approve',
			entity: 'recommendation',
			entityId: String(r.id),
			before: { state: r.state },
			after: { state: 'approved', pilot: code, termStart: today }
		});
		return { ok: true as const, pilotCode: code };
	});
}

/** Recommendations within the scope, by province, with their checks and priority marks. */
export function list(db: DbOrTx, scope: Scope, today = chinaToday()) {
	if (scope.kind === 'pilots') return [];
	const rows = db
		.select({ id: recommendations.id })
		.from(recommendations)
		.where(scope.kind === 'province' ? eq(recommendations.provinceCode, scope.provinceCode) : undefined)
		.orderBy(asc(recommendations.provinceCode), asc(recommendations.id))
		.all();
	return rows.map(({ id }) => {
		const r = get(db, scope, id)!;
		const checks = assess(db, r, today);
		const pilotCode = r.pilotId
			? (db.select({ code: pilots.code }).from(pilots).where(eq(pilots.id, r.pilotId)).get()?.code ?? null)
			: null;
		return { ...r, ...checks, pilotCode };
	});
}
