/** Quarterly intake: uploads, revisions, observations, the roll-ups kept in step, and quarters opened for provisional data. */
// Repeated blocks here are table declarations: each table names its own id, pilot_id, who and when.
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { pilots } from './registry';
import { users } from './auth';

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
