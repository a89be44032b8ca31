/** The self-service password change on a real in-memory database, with real scrypt hashes. */
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDb, type Db } from '../db';
import { auditLog } from '../db/schema';
import { systemActor } from '../audit/audit';
import * as accounts from './users';
import * as tokens from './tokens';
import * as sessions from './sessions';
import type { SessionUser } from './index';
import { changePassword } from './change-password';

const OLD = 'the-old-password';
const NEW = 'a-new-long-password';
let db: Db;
let user: SessionUser;

beforeEach(async () => {
	db = openDb(':memory:').db;
	const id = await accounts.create(
		db,
		{ username: 'imp', displayName: '实施单位', password: OLD, role: 'admin', provinceCode: null, pilotCodes: [] },
		systemActor('test')
	);
	user = { id, username: 'imp', displayName: '实施单位', role: 'admin', provinceCode: null };
});

const change = (
	current: string,
	next: string,
	options: { confirm?: string; revokeTokens?: boolean; keep?: string } = {}
) =>
	changePassword(
		db,
		user,
		{ current, next, confirm: options.confirm ?? next, revokeTokens: options.revokeTokens ?? false },
		{ address: '10.0.0.1', keepToken: options.keep ?? null }
	);

describe('changing one’s own password', () => {
	it('refuses a wrong current password, a weak or mismatched new one, and changes nothing', async () => {
		expect(await change('not-the-password', NEW)).toMatchObject({
			ok: false,
			status: 400,
			problem: { en: 'The current password is wrong' }
		});
		expect(await change(OLD, 'short')).toMatchObject({
			ok: false,
			problem: { en: 'The password needs at least 10 characters' }
		});
		expect(await change(OLD, NEW, { confirm: NEW + 'x' })).toMatchObject({
			ok: false,
			problem: { en: 'The two new passwords differ' }
		});
		expect(await change(OLD, OLD)).toMatchObject({ ok: false });
		expect(await accounts.authenticate(db, 'imp', OLD)).not.toBeNull();
		expect(db.select().from(auditLog).where(eq(auditLog.action, 'user.password.change')).all()).toEqual([]);
	});

	it('ends the other sessions, keeps this one and the tokens unless asked, and audits without the password', async () => {
		const here = sessions.create(db, user.id);
		const elsewhere = sessions.create(db, user.id);
		const created = { token: tokens.create(db, user, 'ci', systemActor('test')) };
		expect(await change(OLD, NEW, { keep: here.token })).toEqual({ ok: true, revokedTokens: 0 });
		expect(sessions.validate(db, here.token)?.user.id).toBe(user.id);
		expect(sessions.validate(db, elsewhere.token)).toBeNull();
		expect(tokens.authenticate(db, created.token)?.id).toBe(user.id);
		expect(await accounts.authenticate(db, 'imp', OLD)).toBeNull();
		expect(await accounts.authenticate(db, 'imp', NEW)).not.toBeNull();

		expect(await change(NEW, OLD + '-2', { keep: here.token, revokeTokens: true })).toEqual({
			ok: true,
			revokedTokens: 1
		});
		expect(tokens.authenticate(db, created.token)).toBeNull();
		const lines = db.select().from(auditLog).where(eq(auditLog.entityId, 'imp')).all();
		expect(lines.map((l) => l.action)).toEqual(expect.arrayContaining(['user.password.change', 'token.revoke-all']));
		expect(JSON.stringify(lines)).not.toContain(NEW);
	});

	it('counts wrong current passwords like failed sign-ins: the sixth try is throttled without a check', async () => {
		for (let i = 0; i < 5; i++) expect(await change(`wrong-${i}-password`, NEW)).toMatchObject({ status: 400 });
		expect(await change(OLD, NEW)).toMatchObject({ ok: false, status: 429 });
	});
});
