/** The registry: batches, pilots with their lifecycle events and industries, enterprises, the indicator catalogue and each pilot's baselines and targets. */
// Repeated blocks here are table declarations: each table names its own id, pilot_id, who and when.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const batches = sqliteTable('batches', {
	id: integer('id').primaryKey(),
	number: integer('number').notNull().unique(),
	nameZh: text('name_zh').notNull(),
	nameEn: text('name_en').notNull(),
	year: integer('year').notNull(),
	noticeRef: text('notice_ref'),
	approvedOn: text('approved_on'),
	termMonths: integer('term_months').notNull().default(12),
	dueOffsetDays: integer('due_offset_days').notNull().default(15),
	pilotsApproved: integer('pilots_approved'),
	pilotsPassed: integer('pilots_passed'),
	pilotsParks: integer('pilots_parks'),
	sourceUrl: text('source_url'),
	isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
	/** Recommendation settings (notice sections 四 and 六): last day accepted, quota, package limit, open categories (JSON). */
	recommendationDeadline: text('recommendation_deadline'),
	quotaPerProvince: integer('quota_per_province').notNull().default(5),
	packageLimitBytes: integer('package_limit_bytes').notNull().default(52428800),
	openCategories: text('open_categories').notNull().default('[1,2,3,4]'),
	/** Term-end evaluation: days after a term's end before a missing summary shows as overdue; the scoring sheet (JSON, NULL: default). */
	summaryOverdueDays: integer('summary_overdue_days').notNull().default(60),
	evaluationCriteria: text('evaluation_criteria')
});

export const pilots = sqliteTable(
	'pilots',
	{
		id: integer('id').primaryKey(),
		code: text('code').notNull().unique(),
		batchId: integer('batch_id')
			.notNull()
			.references(() => batches.id),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en'),
		category: integer('category'),
		provinceCode: text('province_code'),
		airRegion: text('air_region'),
		basin: text('basin'),
		bodyName: text('body_name'),
		bodyType: text('body_type'),
		termStart: text('term_start'),
		termEnd: text('term_end'),
		status: text('status').notNull(),
		sourceUrl: text('source_url'),
		/** JSON array of field names whose value is inferred by us rather than stated by a source. */
		inferredFields: text('inferred_fields').notNull().default('[]'),
		note: text('note'),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull(),
		/** Cached for lists: overall progress status and attainment, worst report status, and the day they were computed (NULL: stale). */
		progressStatus: text('progress_status'),
		attainment: real('attainment'),
		reportStatus: text('report_status'),
		/** Quarters due so far, and how many of them were reported on time and late (the rest are missing). */
		reportsDue: integer('reports_due'),
		reportsOnTime: integer('reports_on_time'),
		reportsLate: integer('reports_late'),
		statusComputedOn: text('status_computed_on')
	},
	(t) => [
		index('pilots_batch_idx').on(t.batchId),
		index('pilots_province_idx').on(t.provinceCode),
		index('pilots_status_idx').on(t.status),
		index('pilots_category_idx').on(t.category),
		check('pilots_category_check', sql`${t.category} IS NULL OR ${t.category} BETWEEN 1 AND 4`)
	]
);

export const pilotStatusEvents = sqliteTable(
	'pilot_status_events',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		status: text('status').notNull(),
		/** Date of the transition; NULL when the step is known to have happened but not when. */
		on: text('on'),
		note: text('note')
	},
	(t) => [index('pilot_status_events_pilot_idx').on(t.pilotId)]
);

export const pilotIndustries = sqliteTable(
	'pilot_industries',
	{
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		/** One of the 13 key industry codes, or `other:<name>` for a free "other" industry. */
		industry: text('industry').notNull()
	},
	(t) => [primaryKey({ columns: [t.pilotId, t.industry] }), index('pilot_industries_industry_idx').on(t.industry)]
);

export const enterprises = sqliteTable(
	'enterprises',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		code: text('code').notNull(),
		nameZh: text('name_zh').notNull(),
		nameEn: text('name_en'),
		industry: text('industry'),
		creditCode: text('credit_code')
	},
	(t) => [uniqueIndex('enterprises_pilot_code_idx').on(t.pilotId, t.code)]
);

export const indicators = sqliteTable('indicators', {
	code: text('code').primaryKey(),
	nameZh: text('name_zh').notNull(),
	nameEn: text('name_en').notNull(),
	group: text('group').notNull(),
	unit: text('unit').notNull(),
	/** JSON array of {unit, aliases, factor}. */
	units: text('units').notNull(),
	direction: text('direction').notNull(),
	kind: text('kind').notNull()
});

/** Baseline and target of one indicator for one pilot; either may be unknown. */
export const pilotIndicators = sqliteTable(
	'pilot_indicators',
	{
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		indicatorCode: text('indicator_code')
			.notNull()
			.references(() => indicators.code),
		baseYear: integer('base_year'),
		baseline: real('baseline'),
		targetKind: text('target_kind'),
		targetValue: real('target_value')
	},
	(t) => [
		primaryKey({ columns: [t.pilotId, t.indicatorCode] }),
		check(
			'pilot_indicators_target_kind_check',
			sql`${t.targetKind} IS NULL OR ${t.targetKind} IN ('absolute', 'percent')`
		)
	]
);
