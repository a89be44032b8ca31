/**
 * API tokens: an implementer (or admin) creates named bearer tokens for the HTTP API and revokes
 * them; only the SHA-256 is stored, the token is shown once. Creation and revocation are audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from './db';
import { apiTokens, users } from './db/schema';
import { record, type Actor } from './audit';
import type { Role, SessionUser } from './auth';

const PREFIX = 'cpt_';

function hash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Creates a token for the user and returns it (the only time it is ever visible). */
export function create(db: Db, user: SessionUser, name: string, actor: Actor): string {
	const token = PREFIX + randomBytes(24).toString('base64url');
	const label = name.trim().slice(0, 60) || 'token';
	db.transaction((tx) => {
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

/** The enabled user behind a live bearer token, or null; records when it was last used. */
export function authenticate(db: Db, token: string): SessionUser | null {
	if (!token.startsWith(PREFIX)) return null;
	const row = db
		.select({
			tokenId: apiTokens.id,
			id: users.id,
			username: users.username,
			displayName: users.displayName,
			role: users.role,
			provinceCode: users.provinceCode,
			isDisabled: users.isDisabled
		})
		.from(apiTokens)
		.innerJoin(users, eq(users.id, apiTokens.userId))
		.where(and(eq(apiTokens.tokenHash, hash(token)), isNull(apiTokens.revokedAt)))
		.get();
	if (!row || row.isDisabled) return null;
	db.update(apiTokens).set({ lastUsedAt: Date.now() }).where(eq(apiTokens.id, row.tokenId)).run();
	const { id, username, displayName, role, provinceCode } = row;
	return { id, username, displayName, role: role as Role, provinceCode };
}

/** Roles that report values (and so may hold tokens and import). */
export function canImport(role: Role): boolean {
	return role === 'implementer' || role === 'admin';
}
