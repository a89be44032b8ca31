/**
 * User accounts: creation, password changes, disabling, pilot assignment and sign-in.
 * Every change is audited in the same transaction.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { pilots, userPilots, users } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import { hashPassword, verifyPassword, passwordProblem, sessions, type Role } from './index';
import { revokeAllFor } from './tokens';

export type NewUser = {
	username: string;
	displayName: string;
	password: string;
	role: Role;
	provinceCode: string | null;
	pilotCodes: string[];
	isDemo?: boolean;
};

export type Problem = { zh: string; en: string };

export class UserError extends Error {
	constructor(readonly problem: Problem) {
		super(problem.en);
	}
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

/** Every account with its assigned pilot codes, by username. */
export function list(db: Db) {
	const rows = db.select().from(users).orderBy(asc(users.username)).all();
	const links = db
		.select({ userId: userPilots.userId, code: pilots.code })
		.from(userPilots)
		.innerJoin(pilots, eq(pilots.id, userPilots.pilotId))
		.all();
	return rows.map(({ passwordHash: _hash, ...u }) => ({
		...u,
		pilotCodes: links.filter((l) => l.userId === u.id).map((l) => l.code)
	}));
}

export function findByUsername(db: Db, username: string) {
	return db.select().from(users).where(eq(users.username, username.trim().toLowerCase())).get();
}

function checkScope(db: DbOrTx, role: Role, provinceCode: string | null, pilotCodes: string[]): number[] {
	if (role === 'province' && !provinceCode)
		throw new UserError({ zh: '省级用户必须指定省份', en: 'A province user needs a province' });
	if (role === 'implementer' && pilotCodes.length === 0)
		throw new UserError({ zh: '实施单位用户至少需要一个试点', en: 'An implementer needs at least one pilot' });
	if (role !== 'implementer') return [];
	const found = db
		.select({ id: pilots.id, code: pilots.code })
		.from(pilots)
		.where(inArray(pilots.code, pilotCodes))
		.all();
	const missing = pilotCodes.filter((c) => !found.some((f) => f.code === c));
	if (missing.length)
		throw new UserError({ zh: `试点编号不存在：${missing.join('、')}`, en: `No such pilot: ${missing.join(', ')}` });
	return found.map((f) => f.id);
}

/** Creates an account; throws UserError with a bilingual message for a bad name, password or scope. */
export async function create(db: Db, input: NewUser, actor: Actor): Promise<number> {
	const username = input.username.trim().toLowerCase();
	if (!USERNAME.test(username))
		throw new UserError({
			zh: '用户名须为 3–40 位小写字母、数字、点、下划线或连字符',
			en: 'A username is 3–40 lower-case letters, digits, dots, underscores or hyphens'
		});
	const weak = passwordProblem(input.password);
	if (weak) throw new UserError(weak);
	if (findByUsername(db, username))
		throw new UserError({ zh: `用户名已存在：${username}`, en: `Username taken: ${username}` });
	checkScope(db, input.role, input.provinceCode, input.pilotCodes); // before the costly hash
	const passwordHash = await hashPassword(input.password);
	return db.transaction((tx) => {
		const pilotIds = checkScope(tx, input.role, input.provinceCode, input.pilotCodes);
		const provinceCode = input.role === 'province' ? input.provinceCode : null;
		const row = tx
			.insert(users)
			.values({
				username,
				displayName: input.displayName.trim() || username,
				passwordHash,
				role: input.role,
				provinceCode,
				isDemo: input.isDemo ?? false,
				createdAt: Date.now()
			})
			.returning({ id: users.id })
			.get();
		for (const pilotId of pilotIds) tx.insert(userPilots).values({ userId: row.id, pilotId }).run();
		record(tx, actor, {
			action: 'user.create',
			entity: 'user',
			entityId: username,
			after: {
				username,
				role: input.role,
				provinceCode,
				pilotCodes: input.role === 'implementer' ? input.pilotCodes : []
			}
		});
		return row.id;
	});
}

/** Sets a new password (an admin's reset, or the CLI) and ends the user's sessions and API tokens. */
export async function setPassword(db: Db, username: string, password: string, actor: Actor): Promise<void> {
	const user = findByUsername(db, username);
	if (!user) throw new UserError({ zh: `用户不存在：${username}`, en: `No such user: ${username}` });
	const weak = passwordProblem(password);
	if (weak) throw new UserError(weak);
	const passwordHash = await hashPassword(password);
	db.transaction((tx) => {
		tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
		sessions.invalidateAllFor(tx, user.id);
		revokeAllFor(tx, user, 'password', actor);
		record(tx, actor, { action: 'user.password', entity: 'user', entityId: user.username });
	});
}

/** Disables or re-enables an account; disabling ends its sessions and revokes its API tokens (for good: enabling the account again brings none back). */
export function setDisabled(db: Db, username: string, isDisabled: boolean, actor: Actor): void {
	const user = findByUsername(db, username);
	if (!user) throw new UserError({ zh: `用户不存在：${username}`, en: `No such user: ${username}` });
	if (user.isDisabled === isDisabled) return;
	db.transaction((tx) => {
		tx.update(users).set({ isDisabled }).where(eq(users.id, user.id)).run();
		if (isDisabled) {
			sessions.invalidateAllFor(tx, user.id);
			revokeAllFor(tx, user, 'disable', actor);
		}
		record(tx, actor, {
			action: isDisabled ? 'user.disable' : 'user.enable',
			entity: 'user',
			entityId: user.username,
			before: { isDisabled: user.isDisabled },
			after: { isDisabled }
		});
	});
}

/** Changes role and scope of an account, audited with before and after. */
export function setRole(
	db: Db,
	username: string,
	scope: { role: Role; provinceCode: string | null; pilotCodes: string[] },
	actor: Actor
): void {
	const user = findByUsername(db, username);
	if (!user) throw new UserError({ zh: `用户不存在：${username}`, en: `No such user: ${username}` });
	const before = list(db).find((u) => u.id === user.id);
	db.transaction((tx) => {
		const pilotIds = checkScope(tx, scope.role, scope.provinceCode, scope.pilotCodes);
		const provinceCode = scope.role === 'province' ? scope.provinceCode : null;
		tx.update(users).set({ role: scope.role, provinceCode }).where(eq(users.id, user.id)).run();
		tx.delete(userPilots).where(eq(userPilots.userId, user.id)).run();
		for (const pilotId of pilotIds) tx.insert(userPilots).values({ userId: user.id, pilotId }).run();
		sessions.invalidateAllFor(tx, user.id);
		record(tx, actor, {
			action: 'user.role',
			entity: 'user',
			entityId: user.username,
			before: { role: before?.role, provinceCode: before?.provinceCode, pilotCodes: before?.pilotCodes },
			after: { ...scope, provinceCode }
		});
	});
}

/**
 * Checks a username and password; returns the user when both match an enabled account. Always
 * spends the time of one hash so that unknown names cannot be told apart by timing.
 */
export async function authenticate(db: Db, username: string, password: string) {
	const user = findByUsername(db, username);
	const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
	return user && ok && !user.isDisabled ? user : null;
}

// A valid hash of a random string, so that unknown users cost a full verification.
const DUMMY_HASH = 'scrypt$131072$8$1$c2FsdHNhbHRzYWx0c2FsdA==$2L0cVb2p5xJ0B1m4x0QF2m2b4QyQk3v5kz6m2o6n8rE=';
