/**
 * Sessions: a random token in an HttpOnly cookie, stored in the DB only as its SHA-256, with an
 * absolute expiry that is extended while the session is used.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, ne } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { sessions, users } from '../db/schema';
import type { Role } from './roles';

export const SESSION_COOKIE = 'session';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export type SessionUser = {
	id: number;
	username: string;
	displayName: string;
	role: Role;
	provinceCode: string | null;
};

function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Creates a new session for the user and returns the token for the cookie (never stored). */
export function create(db: DbOrTx, userId: number, now = Date.now()): { token: string; expiresAt: number } {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = now + SESSION_TTL_MS;
	db.insert(sessions)
		.values({ id: hashToken(token), userId, createdAt: now, expiresAt })
		.run();
	return { token, expiresAt };
}

/** The columns of a signed-in user, as sessions and API tokens read them. */
export const USER_COLUMNS = {
	id: users.id,
	username: users.username,
	displayName: users.displayName,
	role: users.role,
	provinceCode: users.provinceCode,
	isDisabled: users.isDisabled
};

/**
 * The user of a live session, or null when the token is unknown, expired (the row is then
 * deleted) or its user disabled. Extends the expiry when less than half of it is left.
 */
export function validate(db: DbOrTx, token: string, now = Date.now()): { user: SessionUser; expiresAt: number } | null {
	const id = hashToken(token);
	const row = db
		.select({ expiresAt: sessions.expiresAt, ...USER_COLUMNS })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, id))
		.get();
	if (!row) return null;
	if (row.expiresAt <= now || row.isDisabled) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	let expiresAt = row.expiresAt;
	if (expiresAt - now < SESSION_TTL_MS / 2) {
		expiresAt = now + SESSION_TTL_MS;
		db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)).run();
	}
	const { id: userId, username, displayName, role, provinceCode } = row;
	return { user: { id: userId, username, displayName, role: role as Role, provinceCode }, expiresAt };
}

/** Ends the session of this token (sign-out). */
export function invalidate(db: DbOrTx, token: string): void {
	db.delete(sessions)
		.where(eq(sessions.id, hashToken(token)))
		.run();
}

/** Ends every session of a user (password change, disabling). */
export function invalidateAllFor(db: DbOrTx, userId: number): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Ends every session of a user but the one of `keepToken` (a password change from that session). */
export function invalidateOthers(db: DbOrTx, userId: number, keepToken: string | null): void {
	db.delete(sessions)
		.where(and(eq(sessions.userId, userId), keepToken ? ne(sessions.id, hashToken(keepToken)) : undefined))
		.run();
}

/** Deletes expired sessions. */
export function purgeExpired(db: DbOrTx, now = Date.now()): void {
	db.delete(sessions)
		.where(and(lt(sessions.expiresAt, now)))
		.run();
}
