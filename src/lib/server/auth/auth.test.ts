/**
 * Passwords, sessions, sign-in throttling and account creation on a real in-memory database.
 * scrypt at full cost takes ~0.3–0.5 s per hash, so the hashes are few and shared where possible.
 */
// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { count, eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db';
import { auditLog, sessions as sessionRows, signInFailures, users } from '../db/schema';
import { systemActor } from '../audit/audit';
import * as accounts from './users';
import { hashPassword, verifyPassword } from './password';
import * as sessions from './sessions';
import * as throttle from './throttle';

const PASSWORD = 'correct horse battery';

describe('passwords', () => {
	let first: string;
	let second: string;
	beforeAll(async () => {
		[first, second] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
	});

	it('stores scrypt with its cost, a salt and the key', () => {
		expect(first).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
		const [, , , , salt, key] = first.split('$');
		expect(Buffer.from(salt, 'base64')).toHaveLength(16);
		expect(Buffer.from(key, 'base64')).toHaveLength(32);
		expect(first).not.toContain(PASSWORD);
	});

	it('salts every hash: two hashes of the same password differ', () => {
		expect(second).not.toBe(first);
		expect(second.split('$')[4]).not.toBe(first.split('$')[4]);
	});

	it('verifies the right password and refuses a wrong one', async () => {
		const [right, wrong] = await Promise.all([
			verifyPassword(PASSWORD, second),
			verifyPassword('correct horse battery!', first)
		]);
		expect(right).toBe(true);
		expect(wrong).toBe(false);
	});

	it('returns false, never throws, for a malformed stored hash', async () => {
		const [, n, r, p, salt, key] = first.split('$');
		const malformed = [
			'',
			'plain-text-password',
			`bcrypt$${n}$${r}$${p}$${salt}$${key}`,
			`scrypt$${n}$${r}$${p}$${salt}`,
			`scrypt$${n}$${r}$${p}$$${key}`,
			`scrypt$not-a-number$${r}$${p}$${salt}$${key}`,
			`scrypt$131071$${r}$${p}$${salt}$${key}`,
			`scrypt$1099511627776$${r}$${p}$${salt}$${key}`
		];
		for (const stored of malformed) await expect(verifyPassword(PASSWORD, stored), stored).resolves.toBe(false);
	});
});

/** A user row with a placeholder hash: session and throttle tests need no real password. */
function insertUser(db: Db, username: string, isDisabled = false): number {
	return db
		.insert(users)
		.values({
			username,
			displayName: username,
			passwordHash: 'scrypt$placeholder',
			role: 'province',
			provinceCode: '320000',
			isDisabled,
			createdAt: 0
		})
		.returning({ id: users.id })
		.get().id;
}

let db: Db;
beforeEach(() => {
	db = openDb(':memory:').db;
});

describe('sessions', () => {
	const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

	it('creates a session whose token validates to its user', () => {
		const id = insertUser(db, 'jiangsu');
		const { token, expiresAt } = sessions.create(db, id, T0);
		expect(expiresAt).toBe(T0 + sessions.SESSION_TTL_MS);
		const live = sessions.validate(db, token, T0 + 1000);
		expect(live).toEqual({
			user: { id, username: 'jiangsu', displayName: 'jiangsu', role: 'province', provinceCode: '320000' },
			expiresAt
		});
		expect(sessions.validate(db, token + 'x', T0 + 1000)).toBeNull();
	});

	it('stores only the SHA-256 of the token', () => {
		const id = insertUser(db, 'jiangsu');
		const { token } = sessions.create(db, id, T0);
		const rows = db.select().from(sessionRows).all();
		expect(rows).toHaveLength(1);
		expect(rows[0].id).not.toBe(token);
		expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(rows)).not.toContain(token);
		expect(token.length).toBeGreaterThanOrEqual(43);
	});

	it('refuses an expired session and deletes its row', () => {
		const id = insertUser(db, 'jiangsu');
		const { token, expiresAt } = sessions.create(db, id, T0);
		expect(sessions.validate(db, token, expiresAt)).toBeNull();
		expect(db.select().from(sessionRows).all()).toEqual([]);
		// Gone for good: even an earlier clock does not bring it back.
		expect(sessions.validate(db, token, T0 + 1)).toBeNull();
	});

	it('ends a session on sign-out, leaving the user’s other sessions', () => {
		const id = insertUser(db, 'jiangsu');
		const a = sessions.create(db, id, T0);
		const b = sessions.create(db, id, T0);
		sessions.invalidate(db, a.token);
		expect(sessions.validate(db, a.token, T0 + 1)).toBeNull();
		expect(sessions.validate(db, b.token, T0 + 1)?.user.id).toBe(id);
	});

	it('refuses the session of a disabled user and deletes it', () => {
		const id = insertUser(db, 'jiangsu');
		const { token } = sessions.create(db, id, T0);
		db.update(users).set({ isDisabled: true }).where(eq(users.id, id)).run();
		expect(sessions.validate(db, token, T0 + 1)).toBeNull();
		expect(db.select().from(sessionRows).all()).toEqual([]);
	});

	it('extends the expiry only when less than half of it is left', () => {
		const id = insertUser(db, 'jiangsu');
		const { token, expiresAt } = sessions.create(db, id, T0);
		const early = T0 + sessions.SESSION_TTL_MS * 0.25;
		expect(sessions.validate(db, token, early)?.expiresAt).toBe(expiresAt);
		expect(db.select().from(sessionRows).get()!.expiresAt).toBe(expiresAt);
		const late = T0 + sessions.SESSION_TTL_MS * 0.75;
		expect(sessions.validate(db, token, late)?.expiresAt).toBe(late + sessions.SESSION_TTL_MS);
		expect(db.select().from(sessionRows).get()!.expiresAt).toBe(late + sessions.SESSION_TTL_MS);
		// Past the original expiry, the extended session still lives.
		expect(sessions.validate(db, token, expiresAt + 1000)?.user.id).toBe(id);
	});

	it('purges expired sessions and ends all of a user’s sessions', () => {
		const a = insertUser(db, 'jiangsu');
		const b = insertUser(db, 'zhejiang');
		sessions.create(db, a, T0);
		const later = sessions.create(db, b, T0 + sessions.SESSION_TTL_MS);
		sessions.purgeExpired(db, T0 + sessions.SESSION_TTL_MS + 1);
		expect(db.select({ userId: sessionRows.userId }).from(sessionRows).all()).toEqual([{ userId: b }]);
		sessions.invalidateAllFor(db, b);
		expect(sessions.validate(db, later.token, T0 + sessions.SESSION_TTL_MS + 2)).toBeNull();
	});
});

describe('sign-in throttling', () => {
	const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

	it('throttles an account from one address after 5 failures there, not the same account elsewhere', () => {
		expect(throttle.MAX_PER_ACCOUNT_ADDRESS).toBe(5);
		for (let i = 0; i < 4; i++) throttle.recordFailure(db, 'Jiangsu', '10.0.0.1', T0 + i);
		expect(throttle.isThrottled(db, 'jiangsu', '10.0.0.1', T0 + 10)).toBe(false);
		throttle.recordFailure(db, 'jiangsu', '10.0.0.1', T0 + 5);
		expect(throttle.isThrottled(db, 'jiangsu', '10.0.0.1', T0 + 10)).toBe(true);
		expect(throttle.isThrottled(db, 'JIANGSU', '10.0.0.1', T0 + 10)).toBe(true);
		// the owner, from their own address, is not locked out by someone else's guesses
		expect(throttle.isThrottled(db, 'jiangsu', '10.9.9.9', T0 + 10)).toBe(false);
		expect(throttle.isThrottled(db, 'zhejiang', '10.0.0.1', T0 + 10)).toBe(false);
	});

	it('keeps a ceiling per account from every address together, well above the per-address limit', () => {
		expect(throttle.MAX_PER_ACCOUNT).toBeGreaterThanOrEqual(5 * throttle.MAX_PER_ACCOUNT_ADDRESS);
		let n = 0;
		for (let a = 0; n < throttle.MAX_PER_ACCOUNT - 1; a++)
			for (let i = 0; i < 4 && n < throttle.MAX_PER_ACCOUNT - 1; i++, n++)
				throttle.recordFailure(db, 'jiangsu', `10.1.${a}.1`, T0 + n);
		expect(throttle.isThrottled(db, 'jiangsu', '10.2.0.1', T0 + 100)).toBe(false);
		throttle.recordFailure(db, 'jiangsu', '10.1.99.1', T0 + 100);
		expect(throttle.isThrottled(db, 'jiangsu', '10.2.0.1', T0 + 101)).toBe(true);
		expect(throttle.isThrottled(db, 'zhejiang', '10.2.0.1', T0 + 101)).toBe(false);
	});

	it('throttles every account from an address after 20 failures', () => {
		expect(throttle.MAX_PER_ADDRESS).toBe(20);
		for (let i = 0; i < 19; i++) throttle.recordFailure(db, `user${i}`, '10.0.0.1', T0 + i);
		expect(throttle.isThrottled(db, 'someone-new', '10.0.0.1', T0 + 100)).toBe(false);
		throttle.recordFailure(db, 'user19', '10.0.0.1', T0 + 19);
		expect(throttle.isThrottled(db, 'someone-new', '10.0.0.1', T0 + 100)).toBe(true);
		expect(throttle.isThrottled(db, 'someone-new', '10.0.0.2', T0 + 100)).toBe(false);
	});

	it('reserves an attempt before the check; releasing it forgets the pair, not the address or the account', () => {
		for (let i = 0; i < 3; i++) throttle.recordFailure(db, 'jiangsu', '10.0.0.1', T0 + i);
		throttle.recordFailure(db, 'jiangsu', '10.0.0.2', T0 + 3);
		const reservations = Array.from({ length: 4 }, () => throttle.reserve(db, 'jiangsu', '10.0.0.1', T0 + 10));
		expect(reservations.map((r) => r !== null)).toEqual([true, true, false, false]);
		throttle.release(db, reservations[1]!);
		expect(throttle.isThrottled(db, 'jiangsu', '10.0.0.1', T0 + 20)).toBe(false);
		const keys = db
			.select({ key: signInFailures.key })
			.from(signInFailures)
			.all()
			.map((r) => r.key);
		expect(keys.filter((k) => k.startsWith('pair:jiangsu|10.0.0.1'))).toEqual([]);
		expect(keys.filter((k) => k === 'pair:jiangsu|10.0.0.2')).toHaveLength(1);
		expect(keys.filter((k) => k === 'user:jiangsu')).toHaveLength(5);
		expect(keys.filter((k) => k === 'ip:10.0.0.1')).toHaveLength(4);
	});

	it('forgets failures once the window has passed', () => {
		for (let i = 0; i < 5; i++) throttle.recordFailure(db, 'jiangsu', '10.0.0.1', T0 + i);
		expect(throttle.isThrottled(db, 'jiangsu', '10.0.0.1', T0 + throttle.WINDOW_MS - 1)).toBe(true);
		expect(throttle.isThrottled(db, 'jiangsu', '10.0.0.1', T0 + throttle.WINDOW_MS + 10)).toBe(false);
	});
});

describe('creating accounts', () => {
	const actor = systemActor('test');
	const base = { displayName: '测试', password: 'long-enough-password', provinceCode: null, pilotCodes: [] };
	const userCount = () => db.select({ n: count() }).from(users).get()!.n;

	it('refuses a short password and a bad username', async () => {
		await expect(
			accounts.create(db, { ...base, username: 'ministry1', password: 'short', role: 'ministry' }, actor)
		).rejects.toMatchObject({ problem: { zh: expect.stringContaining('10'), en: expect.stringContaining('10') } });
		for (const username of ['ab', 'has space', '中文名', '-leading', 'x'.repeat(41)]) {
			await expect(
				accounts.create(db, { ...base, username, role: 'ministry' }, actor),
				username
			).rejects.toBeInstanceOf(accounts.UserError);
		}
		expect(userCount()).toBe(0);
	});

	it('refuses a province user without a province and an implementer without pilots', async () => {
		const results = await Promise.allSettled([
			accounts.create(db, { ...base, username: 'province1', role: 'province' }, actor),
			accounts.create(db, { ...base, username: 'implementer1', role: 'implementer' }, actor)
		]);
		expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
		const reasons = results.map((r) => (r as PromiseRejectedResult).reason as accounts.UserError);
		expect(reasons[0]).toBeInstanceOf(accounts.UserError);
		expect(reasons[0].problem.en).toBe('A province user needs a province');
		expect(reasons[1].problem.en).toBe('An implementer needs at least one pilot');
		expect(userCount()).toBe(0);
		expect(db.select({ n: count() }).from(auditLog).get()!.n).toBe(0);
	});

	it('creates an account with a verifiable hash and audits it', async () => {
		const id = await accounts.create(
			db,
			{ ...base, username: '  Ministry.Analyst ', role: 'ministry', provinceCode: '320000' },
			{ userId: null, name: 'admin', ip: '127.0.0.1' }
		);
		const row = db.select().from(users).where(eq(users.id, id)).get()!;
		expect(row).toMatchObject({ username: 'ministry.analyst', role: 'ministry', provinceCode: null });
		expect(row.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
		expect(await verifyPassword(base.password, row.passwordHash)).toBe(true);
		const entries = db.select().from(auditLog).all();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			action: 'user.create',
			entity: 'user',
			entityId: 'ministry.analyst',
			actor: 'admin',
			ip: '127.0.0.1'
		});
		expect(JSON.parse(entries[0].after!)).toEqual({
			username: 'ministry.analyst',
			role: 'ministry',
			provinceCode: null,
			pilotCodes: []
		});
		expect(entries[0].after).not.toContain(base.password);
		await expect(
			accounts.create(db, { ...base, username: 'ministry.analyst', role: 'ministry' }, actor)
		).rejects.toMatchObject({ problem: { en: 'Username taken: ministry.analyst' } });
	});
});
