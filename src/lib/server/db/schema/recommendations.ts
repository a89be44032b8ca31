/** Recommendation intake (推荐): provinces recommend pilots for a batch; the ministry approves them into the registry. */
// Repeated blocks here are table declarations: each table names its own id, pilot_id, who and when.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { batches, pilots } from './registry';

export const recommendations = sqliteTable(
	'recommendations',
	{
		id: integer('id').primaryKey(),
		batchId: integer('batch_id')
			.notNull()
			.references(() => batches.id),
		provinceCode: text('province_code').notNull(),
		state: text('state').notNull(),
		/** JSON: the RecommendationDraft of src/lib/domain/recommendation.ts without its attachments, plus targets. */
		draft: text('draft').notNull(),
		createdBy: text('created_by').notNull(),
		createdAt: integer('created_at').notNull(),
		updatedBy: text('updated_by').notNull(),
		updatedAt: integer('updated_at').notNull(),
		submittedAt: integer('submitted_at'),
		decidedBy: text('decided_by'),
		decidedAt: integer('decided_at'),
		decisionReason: text('decision_reason'),
		/** The pilot an approval created. */
		pilotId: integer('pilot_id').references(() => pilots.id)
	},
	(t) => [
		index('recommendations_batch_province_idx').on(t.batchId, t.provinceCode),
		check('recommendations_state_check', sql`${t.state} IN ('draft', 'submitted', 'approved', 'declined', 'withdrawn')`)
	]
);

/** The recommendation's package: the provincial letter and the implementation plan, kept under DATA_DIR by sha256. */
export const recommendationFiles = sqliteTable(
	'recommendation_files',
	{
		id: integer('id').primaryKey(),
		recommendationId: integer('recommendation_id')
			.notNull()
			.references(() => recommendations.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		fileName: text('file_name').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		uploadedBy: text('uploaded_by').notNull(),
		uploadedAt: integer('uploaded_at').notNull()
	},
	(t) => [
		index('recommendation_files_rec_idx').on(t.recommendationId),
		check('recommendation_files_kind_check', sql`${t.kind} IN ('letter', 'plan')`)
	]
);
