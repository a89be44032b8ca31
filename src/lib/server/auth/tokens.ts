/**
 * API tokens: an implementer (or admin) creates named bearer tokens for the HTTP API and revokes
 * them; only the SHA-256 is stored, the token is shown once. A user holds at most MAX_LIVE_TOKENS live tokens;
 * a password reset or disabling the account revokes all of them; an admin may revoke anyone's.
 * Creation and revocation are audited.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { writeIfFree, type Db, type DbOrTx } from '../db';
import { apiTokens, users } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import type { Role, SessionUser } from './index';
import { USER_COLUMNS } from './sessions';

/** How precisely a token's last use is kept. */
const LAST_USED_RESOLUTION_MS = 60_000;

const PREFIX = 'cpt_';

/** Live (unrevoked) tokens a user may hold at once. */
export const MAX_LIVE_TOKENS = 5;

function hash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

function liveCount(db: DbOrTx, userId: number): number {
	return db
		.select({ n: count() })
		.from(apiTokens)
		.where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
		.get()!.n;
}

/** Refusal of a new token: the user already holds `limit` live ones. */
export class TokenLimitError extends Error {
	constructor(readonly limit: number) {
		super(`at most ${limit} live API tokens per user`);
	}
}

/**
 * Creates a token for the user and returns it (the only time it is ever visible). Throws TokenLimitError when the
 * user already holds MAX_LIVE_TOKENS live ones (revoke one first).
 */
export function create(db: Db, user: SessionUser, name: string, actor: Actor): string {
	const token = PREFIX + randomBytes(24).toString('base64url');
	const label = name.trim().slice(0, 60) || 'token';
	db.transaction((tx) => {
		if (liveCount(tx, user.id) >= MAX_LIVE_TOKENS) throw new TokenLimitError(MAX_LIVE_TOKENS);
		const row = tx
			.insert(apiTokens)
			.values({ userId: user.id, name: label, tokenHash: hash(token), createdAt: Date.now() })
			.returning({ id: apiTokens.id })
			.get();
		record(tx, actor, {
			action: 'token.create',
			entity: 'api_token',
			entityId: row.id,
			after: { user: user.username, name: label }
		});
	});
	return token;
}

/** The user's tokens, newest first, without their secrets. */
export function list(db: Db, userId: number) {
	return db
		.select({
			id: apiTokens.id,
			name: apiTokens.name,
			createdAt: apiTokens.createdAt,
			lastUsedAt: apiTokens.lastUsedAt,
			revokedAt: apiTokens.revokedAt
		})
		.from(apiTokens)
		.where(eq(apiTokens.userId, userId))
		.orderBy(desc(apiTokens.id))
		.all();
}

/** Every user's tokens for the admin, live ones first, then newest first; never their secrets. */
export function listAll(db: Db, limit = 500) {
	return db
		.select({
			id: apiTokens.id,
			username: users.username,
			displayName: users.displayName,
			name: apiTokens.name,
			createdAt: apiTokens.createdAt,
			lastUsedAt: apiTokens.lastUsedAt,
			revokedAt: apiTokens.revokedAt
		})
		.from(apiTokens)
		.innerJoin(users, eq(users.id, apiTokens.userId))
		.orderBy(desc(isNull(apiTokens.revokedAt)), desc(apiTokens.id))
		.limit(limit)
		.all();
}

/** Revokes one of the user's own tokens; false when there is no such live token. */
export function revoke(db: Db, userId: number, id: number, actor: Actor): boolean {
	return db.transaction((tx) => {
		const changed = tx
			.update(apiTokens)
			.set({ revokedAt: Date.now() })
			.where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
			.run().changes;
		if (changed) record(tx, actor, { action: 'token.revoke', entity: 'api_token', entityId: id });
		return changed > 0;
	});
}

/** Revokes any user's live token (admins); false when there is no such live token. */
export function revokeAny(db: Db, id: number, actor: Actor): boolean {
	return db.transaction((tx) => {
		const owner = tx
			.select({ username: users.username })
			.from(apiTokens)
			.innerJoin(users, eq(users.id, apiTokens.userId))
			.where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
			.get();
		if (!owner) return false;
		tx.update(apiTokens).set({ revokedAt: Date.now() }).where(eq(apiTokens.id, id)).run();
		record(tx, actor, { action: 'token.revoke', entity: 'api_token', entityId: id, after: { user: owner.username } });
		return true;
	});
}

/**
 * Revokes every live token of the user — with one audit line naming why — and returns how many. Call it in the
 * transaction of the change that requires it (password reset or change, disabling).
 */
export function revokeAllFor(
	tx: DbOrTx,
	user: { id: number; username: string },
	reason: 'password' | 'disable',
	actor: Actor
): number {
	const revoked = tx
		.update(apiTokens)
		.set({ revokedAt: Date.now() })
		.where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)))
		.run().changes;
	if (revoked)
		record(tx, actor, {
			action: 'token.revoke-all',
			entity: 'user',
			entityId: user.username,
			after: { tokens: revoked, reason }
		});
	return revoked;
}

/** The id of the user behind a live token, or null; reads nothing else and records nothing (rate limiting). */
export function userIdOf(db: Db, token: string): number | null {
	if (!token.startsWith(PREFIX)) return null;
	const row = db
		.select({ userId: apiTokens.userId })
		.from(apiTokens)
		.where(and(eq(apiTokens.tokenHash, hash(token)), isNull(apiTokens.revokedAt)))
		.get();
	return row?.userId ?? null;
}

/** The enabled user behind a live bearer token, or null; records when it was last used. */
export function authenticate(db: Db, token: string): SessionUser | null {
	if (!token.startsWith(PREFIX)) return null;
	const row = db
		.select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, ...USER_COLUMNS })
		.from(apiTokens)
		.innerJoin(users, eq(users.id, apiTokens.userId))
		.where(and(eq(apiTokens.tokenHash, hash(token)), isNull(apiTokens.revokedAt)))
		.get();
	if (!row || row.isDisabled) return null;
	// "last used" to the minute, written only when the database is free: never worth stalling a request for
	const now = Date.now();
	if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_RESOLUTION_MS)
		writeIfFree(db, () => db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId)).run());
	const { id, username, displayName, role, provinceCode } = row;
	return { id, username, displayName, role: role as Role, provinceCode };
}

/** Roles that report values (and so may hold tokens and import). */
export function canImport(role: Role): boolean {
	return role === 'implementer' || role === 'admin';
}
