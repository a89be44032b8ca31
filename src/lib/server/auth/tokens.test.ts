/**
 * API tokens against the account's life (src/lib/server/tokens.ts, src/lib/server/users.ts): a password reset and
 * disabling revoke them for good, the admin lists and revokes anyone's, a user holds a bounded number, and the API
 * limit holds per user as well as per token. Real in-memory database with the real migrations.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDb, type Db } from '../db';
import { auditLog, users } from '../db/schema';
import { resetLimiters } from '../ops/rate-limit';
import * as accounts from './users';
import * as tokens from './tokens';
import type { SessionUser } from './sessions';
import * as sessions from './sessions';
import { resetApiUserLimiter, takeApiCall } from './api-limit';

const admin = { userId: null, name: 'admin', ip: '10.0.0.9' };

function insertUser(db: Db, username: string): SessionUser {
	const id = db
		.insert(users)
		.values({
			username,
			displayName: `显示名 ${username}`,
			passwordHash: 'scrypt$placeholder',
			role: 'implementer',
			createdAt: 0
		})
		.returning({ id: users.id })
		.get().id;
	return { id, username, displayName: `显示名 ${username}`, role: 'implementer', provinceCode: null };
}

function newToken(db: Db, user: SessionUser, name = 'ci'): string {
	return tokens.create(db, user, name, { userId: user.id, name: user.username, ip: null });
}

const auditOf = (db: Db, action: string) =>
	db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, action)))
		.all();

let db: Db;
let imp: SessionUser;
beforeEach(() => {
	db = openDb(':memory:').db;
	imp = insertUser(db, 'imp');
});

describe('tokens and the account', () => {
	it('a password reset revokes the tokens, with an audit line, as well as the sessions', async () => {
		const a = newToken(db, imp, 'a');
		const b = newToken(db, imp, 'b');
		const session = sessions.create(db, imp.id);
		expect(tokens.authenticate(db, a)?.id).toBe(imp.id);
		await accounts.setPassword(db, 'imp', 'a-brand-new-password', admin);
		expect(tokens.authenticate(db, a)).toBeNull();
		expect(tokens.authenticate(db, b)).toBeNull();
		expect(sessions.validate(db, session.token)).toBeNull();
		const [line] = auditOf(db, 'token.revoke-all');
		expect(line).toMatchObject({ entity: 'user', entityId: 'imp', actor: 'admin' });
		expect(JSON.parse(line.after!)).toEqual({ tokens: 2, reason: 'password' });
	});

	it('disabling revokes the tokens for good: enabling the account again brings none back', () => {
		const a = newToken(db, imp);
		accounts.setDisabled(db, 'imp', true, admin);
		accounts.setDisabled(db, 'imp', false, admin);
		expect(tokens.authenticate(db, a)).toBeNull();
		expect(tokens.list(db, imp.id).every((t) => t.revokedAt !== null)).toBe(true);
		expect(JSON.parse(auditOf(db, 'token.revoke-all')[0].after!)).toEqual({ tokens: 1, reason: 'disable' });
	});

	it('an admin lists every user’s tokens and revokes any of them', () => {
		const other = insertUser(db, 'other');
		const mine = newToken(db, imp, 'mine');
		const theirs = newToken(db, other, 'theirs');
		const listed = tokens.listAll(db);
		expect(listed.map((t) => [t.username, t.name])).toEqual([
			['other', 'theirs'],
			['imp', 'mine']
		]);
		expect(JSON.stringify(listed)).not.toContain(theirs);
		const id = listed.find((t) => t.name === 'theirs')!.id;
		expect(tokens.revokeAny(db, id, admin)).toBe(true);
		expect(tokens.revokeAny(db, id, admin)).toBe(false);
		expect(tokens.authenticate(db, theirs)).toBeNull();
		expect(tokens.authenticate(db, mine)?.id).toBe(imp.id);
		// live tokens first
		expect(tokens.listAll(db).map((t) => t.name)).toEqual(['mine', 'theirs']);
		expect(JSON.parse(auditOf(db, 'token.revoke')[0].after!)).toEqual({ user: 'other' });
	});

	it(`a user holds at most ${tokens.MAX_LIVE_TOKENS} live tokens; revoking one makes room`, () => {
		for (let i = 0; i < tokens.MAX_LIVE_TOKENS; i++) newToken(db, imp, `t${i}`);
		expect(() => newToken(db, imp, 'one more')).toThrow(tokens.TokenLimitError);
		expect(tokens.list(db, imp.id)).toHaveLength(tokens.MAX_LIVE_TOKENS);
		expect(auditOf(db, 'token.create')).toHaveLength(tokens.MAX_LIVE_TOKENS);
		expect(tokens.revoke(db, imp.id, tokens.list(db, imp.id)[0].id, admin)).toBe(true);
		expect(tokens.authenticate(db, newToken(db, imp, 'one more'))?.id).toBe(imp.id);
	});
});

describe('the API limit per user', () => {
	beforeEach(() => {
		vi.stubEnv('API_RATE_PER_MINUTE', '3');
		resetLimiters();
		resetApiUserLimiter();
	});
	afterEach(() => {
		vi.unstubAllEnvs();
		resetLimiters();
		resetApiUserLimiter();
	});

	it('counts all of a user’s tokens together, beside each token’s own limit', () => {
		const a = newToken(db, imp, 'a');
		const b = newToken(db, imp, 'b');
		const other = newToken(db, insertUser(db, 'other'));
		expect(takeApiCall(db, a).ok).toBe(true);
		expect(takeApiCall(db, a).ok).toBe(true);
		expect(takeApiCall(db, b).ok).toBe(true);
		// b is within its own limit, but the user has made 3 requests this minute
		const refused = takeApiCall(db, b);
		expect(refused).toMatchObject({ ok: false, per: 'user', verdict: { limit: 3 } });
		expect(takeApiCall(db, other).ok).toBe(true);
		// a token over its own limit is refused as such
		for (let i = 0; i < 2; i++) takeApiCall(db, other);
		expect(takeApiCall(db, other)).toMatchObject({ ok: false, per: 'token' });
		// an unknown token counts only against itself
		expect(takeApiCall(db, 'cpt_unknown').ok).toBe(true);
	});
});
