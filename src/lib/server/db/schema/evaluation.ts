/**
 * Term-end evaluation (评估): the implementer's summary and its attachments and events, the experts' score sheets,
 * the ministry's decisions, each batch's published pass list with its corrections, the deemed-audit credits of the
 * enterprises of passed pilots, and the pilots' deliverables (成果).
 */
// Repeated blocks here are table declarations: each table names its own id, pilot_id, who and when.
import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { batches, enterprises, pilots } from './registry';

/** One term-end summary per pilot. */
export const termSummaries = sqliteTable(
	'term_summaries',
	{
		pilotId: integer('pilot_id')
			.primaryKey()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		state: text('state').notNull(),
		/** JSON: SummaryContent of src/lib/domain/evaluation/summary.ts. */
		content: text('content').notNull(),
		/** JSON: the figures part as it stood when last submitted (NULL while never submitted). */
		figures: text('figures'),
		createdBy: text('created_by').notNull(),
		createdAt: integer('created_at').notNull(),
		updatedBy: text('updated_by').notNull(),
		updatedAt: integer('updated_at').notNull(),
		submittedAt: integer('submitted_at'),
		forwardedAt: integer('forwarded_at')
	},
	(t) => [
		index('term_summaries_state_idx').on(t.state),
		check('term_summaries_state_check', sql`${t.state} IN ('draft', 'submitted', 'returned', 'forwarded')`)
	]
);

/** Every step of a summary (save is not a step): submit, return with its comment, forward, and decisions. */
export const summaryEvents = sqliteTable(
	'summary_events',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		action: text('action').notNull(),
		fromState: text('from_state').notNull(),
		toState: text('to_state').notNull(),
		actor: text('actor').notNull(),
		at: integer('at').notNull(),
		comment: text('comment')
	},
	(t) => [index('summary_events_pilot_idx').on(t.pilotId)]
);

/** The summary's attachments, kept under DATA_DIR by sha256 like uploads. */
export const summaryFiles = sqliteTable(
	'summary_files',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		fileName: text('file_name').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		uploadedBy: text('uploaded_by').notNull(),
		uploadedAt: integer('uploaded_at').notNull()
	},
	(t) => [index('summary_files_pilot_idx').on(t.pilotId)]
);

/** One expert's score sheet for one pilot (recording the same expert again replaces the sheet). */
export const evaluationScores = sqliteTable(
	'evaluation_scores',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		expert: text('expert').notNull(),
		/** JSON: criterion key → score 0–100. */
		scores: text('scores').notNull(),
		total: real('total').notNull(),
		comment: text('comment').notNull().default(''),
		recordedBy: text('recorded_by').notNull(),
		recordedAt: integer('recorded_at').notNull()
	},
	(t) => [uniqueIndex('evaluation_scores_pilot_expert_idx').on(t.pilotId, t.expert)]
);

/** The ministry's decisions; the current one has no reopenedAt. An admin's reopening keeps the old row. */
export const evaluationDecisions = sqliteTable(
	'evaluation_decisions',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		decision: text('decision').notNull(),
		reason: text('reason').notNull(),
		decidedOn: text('decided_on').notNull(),
		meanScore: real('mean_score'),
		decidedBy: text('decided_by').notNull(),
		decidedAt: integer('decided_at').notNull(),
		reopenedAt: integer('reopened_at'),
		reopenedBy: text('reopened_by'),
		reopenReason: text('reopen_reason')
	},
	(t) => [
		index('evaluation_decisions_pilot_idx').on(t.pilotId),
		uniqueIndex('evaluation_decisions_current_idx')
			.on(t.pilotId)
			.where(sql`${t.reopenedAt} IS NULL`),
		check('evaluation_decisions_decision_check', sql`${t.decision} IN ('passed', 'not_passed')`)
	]
);

/** A batch's published list of passed pilots: frozen when published (entries and counts never change). */
export const passLists = sqliteTable('pass_lists', {
	id: integer('id').primaryKey(),
	batchId: integer('batch_id')
		.notNull()
		.unique()
		.references(() => batches.id),
	refNo: text('ref_no').notNull(),
	publishedOn: text('published_on').notNull(),
	/** JSON: ListEntry[] of src/lib/domain/evaluation/pass-list.ts, every decided pilot of the batch. */
	entries: text('entries').notNull(),
	evaluated: integer('evaluated').notNull(),
	passed: integer('passed').notNull(),
	notPassed: integer('not_passed').notNull(),
	publishedBy: text('published_by').notNull(),
	publishedAt: integer('published_at').notNull()
});

/** A decision changed after its batch's list was published: shown under the list, dated, never folded into it. */
export const passListCorrections = sqliteTable(
	'pass_list_corrections',
	{
		id: integer('id').primaryKey(),
		listId: integer('list_id')
			.notNull()
			.references(() => passLists.id),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		correctedOn: text('corrected_on').notNull(),
		/** 'passed', 'not_passed' or NULL (not on the list / reopened, no decision). */
		fromDecision: text('from_decision'),
		toDecision: text('to_decision'),
		reason: text('reason').notNull(),
		recordedBy: text('recorded_by').notNull(),
		recordedAt: integer('recorded_at').notNull()
	},
	(t) => [index('pass_list_corrections_list_idx').on(t.listId)]
);

/** 视同开展一次清洁生产审核: one per enterprise of a passed pilot on a published list; revoked by a correction. */
export const auditCredits = sqliteTable(
	'audit_credits',
	{
		id: integer('id').primaryKey(),
		listId: integer('list_id')
			.notNull()
			.references(() => passLists.id),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		enterpriseId: integer('enterprise_id').references(() => enterprises.id, { onDelete: 'set null' }),
		enterpriseName: text('enterprise_name').notNull(),
		/** The unified social credit code as the registry holds it; NULL when unknown (never guessed). */
		creditCode: text('credit_code'),
		provinceCode: text('province_code'),
		grantedOn: text('granted_on').notNull(),
		grantedByCorrection: integer('granted_by_correction').references(() => passListCorrections.id),
		revokedOn: text('revoked_on'),
		revokedByCorrection: integer('revoked_by_correction').references(() => passListCorrections.id)
	},
	(t) => [
		index('audit_credits_code_idx').on(t.creditCode),
		index('audit_credits_pilot_idx').on(t.pilotId),
		index('audit_credits_province_idx').on(t.provinceCode)
	]
);

/** A pilot's deliverables (成果): a file kept by sha256 or a link, public or not. */
export const deliverables = sqliteTable(
	'deliverables',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		titleZh: text('title_zh').notNull(),
		titleEn: text('title_en'),
		date: text('date').notNull(),
		url: text('url'),
		fileName: text('file_name'),
		size: integer('size'),
		sha256: text('sha256'),
		abstract: text('abstract').notNull().default(''),
		isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(false),
		createdBy: text('created_by').notNull(),
		createdAt: integer('created_at').notNull(),
		updatedBy: text('updated_by').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [
		index('deliverables_pilot_idx').on(t.pilotId),
		index('deliverables_kind_idx').on(t.kind),
		check('deliverables_kind_check', sql`${t.kind} IN ('model', 'norm', 'tech_list', 'standard', 'case', 'other')`)
	]
);
