/** Typical cases (典型案例): the analyst's write-up of a pilot, its publication state and its frozen figures. */
// Repeated blocks here are table declarations: each table names its own id, pilot_id, who and when.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { pilots } from './registry';

export const cases = sqliteTable(
	'cases',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id')
			.notNull()
			.unique()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		/** The permalink's last part; the pilot code in lower case, never reused for another pilot. */
		slug: text('slug').notNull().unique(),
		state: text('state').notNull(),
		/** JSON: titles and sections in both languages, the criteria checklist, the indicators to show (see src/lib/cases.ts). */
		content: text('content').notNull(),
		createdBy: text('created_by').notNull(),
		createdAt: integer('created_at').notNull(),
		updatedBy: text('updated_by').notNull(),
		updatedAt: integer('updated_at').notNull(),
		publishedAt: integer('published_at'),
		withdrawnAt: integer('withdrawn_at'),
		/** JSON: the figures as published (PublishedCase), kept unchanged until the next publication. */
		snapshot: text('snapshot')
	},
	(t) => [
		index('cases_state_idx').on(t.state),
		check('cases_state_check', sql`${t.state} IN ('draft', 'published', 'withdrawn')`)
	]
);
