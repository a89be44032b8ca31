/**
 * Who may see which pilots. Every load, action and endpoint that touches a pilot goes through
 * `scopeOf` and `scopeCondition`, so the rule lives in one place.
 */
import { error } from '@sveltejs/kit';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { pilots, userPilots } from '../db/schema';
import { seesAllPilots, type Role, type SessionUser } from './index';

export type Scope = { kind: 'all' } | { kind: 'province'; provinceCode: string } | { kind: 'pilots'; userId: number };

/** The pilots a signed-in user may see: all (ministry, admin), a province, or their own. */
export function scopeOf(user: SessionUser): Scope {
	if (seesAllPilots(user.role)) return { kind: 'all' };
	if (user.role === 'province') return { kind: 'province', provinceCode: user.provinceCode ?? '' };
	return { kind: 'pilots', userId: user.id };
}

/** The SQL condition on `pilots` for a scope (undefined: no restriction). */
export function scopeCondition(scope: Scope): SQL | undefined {
	if (scope.kind === 'all') return undefined;
	if (scope.kind === 'province') return eq(pilots.provinceCode, scope.provinceCode);
	return inArray(
		pilots.id,
		sql`(SELECT ${userPilots.pilotId} FROM ${userPilots} WHERE ${userPilots.userId} = ${scope.userId})`
	);
}

/** The signed-in user, or a redirect-worthy 401 for anonymous callers. */
export function requireUser(user: SessionUser | null): SessionUser {
	if (!user) error(401, 'Sign-in required');
	return user;
}

/** The user when their role is one of `roles`; 403 otherwise. */
export function requireRole(user: SessionUser | null, ...roles: Role[]): SessionUser {
	const u = requireUser(user);
	if (!roles.includes(u.role)) error(403, 'Forbidden');
	return u;
}

/** Whether the user is one of the pilot's own implementers (the pilots they answer for). */
export function isImplementerOf(db: DbOrTx, user: SessionUser, pilotId: number): boolean {
	if (user.role !== 'implementer') return false;
	return (
		db
			.select()
			.from(userPilots)
			.where(and(eq(userPilots.userId, user.id), eq(userPilots.pilotId, pilotId)))
			.get() !== undefined
	);
}
