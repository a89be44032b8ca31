/** E-mail and scheduled work: the mails to send (with their retries), address verifications, and the scheduler's runs. */
// Repeated blocks here are table declarations: each table names its own id, who and when.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';

/**
 * One e-mail: a notice's own, a person's daily digest, or an address verification. Sent by the mail job over SMTP;
 * a failure is tried again later (attempts, next_attempt_at, last_error) until MAIL_MAX_ATTEMPTS, then it is dead
 * (shown to admins, who may send it again). Cancelled: its person was disabled before it went.
 */
export const mails = sqliteTable(
	'mails',
	{
		id: integer('id').primaryKey(),
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		toAddress: text('to_address').notNull(),
		kind: text('kind').notNull(),
		subject: text('subject').notNull(),
		text: text('text').notNull(),
		html: text('html').notNull(),
		state: text('state').notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: integer('next_attempt_at').notNull(),
		lastError: text('last_error'),
		createdAt: integer('created_at').notNull(),
		sentAt: integer('sent_at'),
		messageId: text('message_id')
	},
	(t) => [
		check('mails_kind_check', sql`${t.kind} IN ('notice', 'digest', 'verify')`),
		check('mails_state_check', sql`${t.state} IN ('pending', 'sent', 'dead', 'cancelled')`),
		index('mails_due_idx').on(t.state, t.nextAttemptAt)
	]
);

/** A link sent to confirm an address: stored by the SHA-256 of its token (the token itself is only in the mail). */
export const emailVerifications = sqliteTable(
	'email_verifications',
	{
		id: integer('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		createdAt: integer('created_at').notNull(),
		expiresAt: integer('expires_at').notNull(),
		usedAt: integer('used_at')
	},
	(t) => [index('email_verifications_user_idx').on(t.userId)]
);

/**
 * The scheduler's runs, one row per job and slot (a China-time day for a daily job, a minute for the mail job): the
 * process that inserts the row runs the job, so it runs once per slot however many processes share the database.
 * A run whose holder stopped before finishing may be taken over once its lease has passed.
 */
export const scheduleRuns = sqliteTable(
	'schedule_runs',
	{
		job: text('job').notNull(),
		slot: text('slot').notNull(),
		holder: text('holder').notNull(),
		leaseUntil: integer('lease_until').notNull(),
		startedAt: integer('started_at').notNull(),
		finishedAt: integer('finished_at'),
		ok: integer('ok', { mode: 'boolean' }),
		result: text('result')
	},
	(t) => [primaryKey({ columns: [t.job, t.slot] }), index('schedule_runs_job_idx').on(t.job, t.startedAt)]
);
