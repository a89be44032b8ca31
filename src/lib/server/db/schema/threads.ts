/**
 * Review threads on single values: a reviewer's question about one cell of a quarter (pilot × quarter × enterprise ×
 * indicator, enterprise NULL for the pilot's own row), the answers, and who resolved it. The key is the cell, not a
 * stored value, so a thread stays with the value across revisions; each comment keeps the value and revision it was
 * written against.
 */
// Repeated blocks here are table declarations: each table names its own id, pilot_id, who and when.
import { sql } from 'drizzle-orm';
import { check, index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { enterprises, pilots } from './registry';
import { users } from './auth';
import { revisions } from './intake';

/** One conversation about one value; `state` open until a reviewer resolves it (and back if reopened). */
export const valueThreads = sqliteTable(
	'value_threads',
	{
		id: integer('id').primaryKey(),
		pilotId: integer('pilot_id')
			.notNull()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		period: text('period').notNull(),
		enterpriseId: integer('enterprise_id').references(() => enterprises.id, { onDelete: 'cascade' }),
		indicatorCode: text('indicator_code').notNull(),
		state: text('state').notNull().default('open'),
		openedById: integer('opened_by_id').references(() => users.id, { onDelete: 'set null' }),
		openedBy: text('opened_by').notNull(),
		openedAt: integer('opened_at').notNull(),
		closedById: integer('closed_by_id').references(() => users.id, { onDelete: 'set null' }),
		closedBy: text('closed_by'),
		closedAt: integer('closed_at')
	},
	(t) => [
		index('value_threads_quarter_idx').on(t.pilotId, t.period, t.state),
		check('value_threads_state_check', sql`${t.state} IN ('open', 'resolved')`)
	]
);

/**
 * The thread's timeline: comments (Markdown), an implementer's "corrected" reply, and the reviewer's resolve and
 * reopen (with an optional comment). `value` and `revisionId` are the cell's value and the quarter's latest revision
 * when it was written (value NULL: the cell was empty).
 */
export const valueComments = sqliteTable(
	'value_comments',
	{
		id: integer('id').primaryKey(),
		threadId: integer('thread_id')
			.notNull()
			.references(() => valueThreads.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		author: text('author').notNull(),
		authorRole: text('author_role').notNull(),
		body: text('body').notNull(),
		createdAt: integer('created_at').notNull(),
		value: real('value'),
		revisionId: integer('revision_id').references(() => revisions.id)
	},
	(t) => [
		index('value_comments_thread_idx').on(t.threadId),
		check('value_comments_kind_check', sql`${t.kind} IN ('comment', 'corrected', 'resolve', 'reopen')`)
	]
);
