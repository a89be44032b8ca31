/** Accounts and access: users, the pilots an implementer answers for, sessions, sign-in failures and API tokens. */
// Repeated blocks here are table declarations: each table names its own id, pilot_id, who and when.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { pilots } from './registry';

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
		createdAt: integer('created_at').notNull(),
		/** The address mail goes to once verified (src/lib/server/mail/address.ts); null: none given. */
		email: text('email'),
		emailVerifiedAt: integer('email_verified_at'),
		/** 'digest': one mail a day with the day's notices; 'each': a mail per notice; 'off': no mail (notices stay in the app). */
		mailMode: text('mail_mode').notNull().default('digest')
	},
	(t) => [
		check('users_role_check', sql`${t.role} IN ('implementer', 'province', 'ministry', 'admin')`),
		check('users_mail_mode_check', sql`${t.mailMode} IN ('digest', 'each', 'off')`)
	]
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
