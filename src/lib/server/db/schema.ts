/**
 * The database schema (Drizzle, SQLite). Unknown facts are NULL, never a guess; dates are ISO
 * `YYYY-MM-DD` text; instants are integer milliseconds since the epoch.
 */
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

export const users = sqliteTable(
	'users',
	{
		id: integer('id').primaryKey(),
		username: text('username').notNull().unique(),
		displayName: text('display_name').notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text('role').notNull(),
		provinceCode: text('province_code'),
		isDisabled: integer('is_disabled', { mode: 'boolean' }).notNull().default(false),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at').notNull()
	},
	(t) => [check('users_role_check', sql`${t.role} IN ('implementer', 'province', 'ministry', 'admin')`)]
);

/** The pilots an implementer account answers for. */
export const userPilots = sqliteTable(
	'user_pilots',
	{
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.userId, t.pilotId] }), index('user_pilots_pilot_idx').on(t.pilotId)]
);

/** Sessions are stored by the SHA-256 of their token; the token itself lives only in the cookie. */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull(),
		expiresAt: integer('expires_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Failed sign-in attempts, keyed by account and by client address, for throttling. */
export const signInFailures = sqliteTable(
	'sign_in_failures',
	{
		id: integer('id').primaryKey(),
		key: text('key').notNull(),
		at: integer('at').notNull()
	},
	(t) => [index('sign_in_failures_key_idx').on(t.key, t.at)]
);

/** Append-only: nothing in the app updates or deletes a row (triggers refuse it). */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey(),
		at: integer('at').notNull(),
		userId: integer('user_id'),
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id'),
		before: text('before'),
		after: text('after'),
		ip: text('ip')
	},
	(t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)]
);

/** One uploaded indicator file: its raw bytes live in the data folder under their sha256. */
export const uploads = sqliteTable(
	'uploads',
	{
		id: integer('id').primaryKey(),
		userId: integer('user_id').references(() => users.id),
		uploader: text('uploader').notNull(),
		at: integer('at').notNull(),
		fileName: text('file_name').notNull(),
		sha256: text('sha256').notNull(),
		size: integer('size').notNull(),
		encoding: text('encoding').notNull(),
		delimiter: text('delimiter').notNull(),
		rows: integer('rows').notNull(),
		/** Where it came from: web, api or cli. */
		channel: text('channel').notNull()
	},
	(t) => [index('uploads_sha_idx').on(t.sha256)]
);

/** A revision of one pilot's quarter: the set of values current after an upload changed it. */
export const revisions = sqliteTable(
	'revisions',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		period: text('period').notNull(),
		number: integer('number').notNull(),
		uploadId: integer('upload_id')
			.notNull()
			.references(() => uploads.id),
		createdAt: integer('created_at').notNull(),
		added: integer('added').notNull(),
		changed: integer('changed').notNull(),
		removed: integer('removed').notNull(),
		unchanged: integer('unchanged').notNull()
	},
	(t) => [uniqueIndex('revisions_pilot_period_number_idx').on(t.pilotId, t.period, t.number)]
);

/**
 * Reported values. A row is written once, by the revision that introduced the value, and closed
 * (`supersededBy`) by the revision that changed or dropped it; unchanged values are never rewritten.
 * Enterprise 0 would be ambiguous, so a pilot-level value has `enterpriseId` NULL.
 */
export const observations = sqliteTable(
	'observations',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id').notNull(),
		period: text('period').notNull(),
		enterpriseId: integer('enterprise_id'),
		indicatorCode: text('indicator_code').notNull(),
		/** In the indicator's canonical unit; the value as typed stays in the kept raw file. */
		value: real('value').notNull(),
		note: text('note'),
		revisionId: integer('revision_id').notNull(),
		supersededBy: integer('superseded_by')
	},
	// One index only: every read goes by pilot and quarter, and each index costs the million-row import.
	(t) => [index('observations_pilot_period_idx').on(t.pilotId, t.period, t.supersededBy)]
);

/** Per pilot × quarter × indicator, the current figure and how many enterprises reported it (kept in step by every import). */
export const rollups = sqliteTable(
	'rollups',
	{
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		period: text('period').notNull(),
		indicatorCode: text('indicator_code').notNull(),
		/** The pilot-level value when one was reported, else the sum over enterprises. */
		value: real('value').notNull(),
		enterpriseSum: real('enterprise_sum'),
		enterprises: integer('enterprises').notNull(),
		revisionId: integer('revision_id').notNull()
	},
	(t) => [primaryKey({ columns: [t.pilotId, t.period, t.indicatorCode] })]
);

/** Bearer tokens for the HTTP API, stored as their SHA-256. */
export const apiTokens = sqliteTable(
	'api_tokens',
	{
		id: integer('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		createdAt: integer('created_at').notNull(),
		lastUsedAt: integer('last_used_at'),
		revokedAt: integer('revoked_at')
	},
	(t) => [index('api_tokens_user_idx').on(t.userId)]
);

/** The implementer's short progress narrative for one quarter (plain text), with who wrote it last. */
export const narratives = sqliteTable(
	'narratives',
	{
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		period: text('period').notNull(),
		text: text('text').notNull(),
		updatedBy: text('updated_by').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.pilotId, t.period] })]
);

/** The review state of one pilot's quarter (no row: draft). */
export const quarterReviews = sqliteTable(
	'quarter_reviews',
	{
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		period: text('period').notNull(),
		state: text('state').notNull(),
		updatedBy: text('updated_by').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.pilotId, t.period] }), index('quarter_reviews_state_idx').on(t.state)]
);

/**
 * A running quarter an admin opened for provisional data: the intake accepts it before its last day. The row goes
 * when the admin closes it again; opening and closing are in the audit log.
 */
export const periodOpenings = sqliteTable(
	'period_openings',
	{
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		period: text('period').notNull(),
		openedBy: text('opened_by').notNull(),
		openedAt: integer('opened_at').notNull(),
		reason: text('reason').notNull()
	},
	(t) => [primaryKey({ columns: [t.pilotId, t.period] })]
);

/** Every transition of a quarter's review, with who, when and the comment or reason. */
export const reviewEvents = sqliteTable(
	'review_events',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		period: text('period').notNull(),
		action: text('action').notNull(),
		fromState: text('from_state').notNull(),
		toState: text('to_state').notNull(),
		actor: text('actor').notNull(),
		at: integer('at').notNull(),
		comment: text('comment')
	},
	(t) => [index('review_events_pilot_idx').on(t.pilotId, t.period)]
);

/** In-app notices per user; `key` makes each reminder unique, so computing them twice queues nothing twice. */
export const notices = sqliteTable(
	'notices',
	{
		id: integer('id').primaryKey(),
		key: text('key').notNull().unique(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		pilotCode: text('pilot_code').notNull(),
		period: text('period').notNull(),
		titleZh: text('title_zh').notNull(),
		titleEn: text('title_en').notNull(),
		createdAt: integer('created_at').notNull(),
		readAt: integer('read_at')
	},
	(t) => [index('notices_user_idx').on(t.userId, t.readAt)]
);

/** Messages for a mail gateway; without SMTP settings they stay here (and in the notices). */
export const outbox = sqliteTable('outbox', {
	id: integer('id').primaryKey(),
	noticeId: integer('notice_id')
		.notNull()
		.references(() => notices.id, { onDelete: 'cascade' }),
	toUser: text('to_user').notNull(),
	subject: text('subject').notNull(),
	body: text('body').notNull(),
	createdAt: integer('created_at').notNull(),
	sentAt: integer('sent_at')
});

export * from './schema-scores';
export * from './schema-cases';
export * from './schema-recommendations';
export * from './schema-evaluation';
