/** The audit trail. */
// Repeated blocks here are table declarations: each table names its own id, pilot_id, who and when.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
