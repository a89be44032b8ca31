/** Quarterly review: narratives, review states and events, notices and the outbox. */
// Repeated blocks here are table declarations: each table names its own id, pilot_id, who and when.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { pilots } from './registry';
import { users } from './auth';

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
		/** Where in the app the notice leads, when that is finer than its pilot and period (a value's thread). */
		link: text('link'),
		createdAt: integer('created_at').notNull(),
		readAt: integer('read_at')
	},
	(t) => [index('notices_user_idx').on(t.userId, t.readAt)]
);

/**
 * A notice waiting to go out by mail. The mail job (src/lib/server/mail/) puts it into a mail of its own or into its
 * person's daily digest (mail_id), or sets it aside with the reason (skipped: a disabled account, no verified address,
 * mail turned off); sent_at is when its mail went out.
 */
export const outbox = sqliteTable(
	'outbox',
	{
		id: integer('id').primaryKey(),
		noticeId: integer('notice_id')
			.notNull()
			.references(() => notices.id, { onDelete: 'cascade' }),
		toUser: text('to_user').notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		createdAt: integer('created_at').notNull(),
		sentAt: integer('sent_at'),
		mailId: integer('mail_id'),
		skipped: text('skipped')
	},
	(t) => [index('outbox_waiting_idx').on(t.mailId, t.skipped)]
);
