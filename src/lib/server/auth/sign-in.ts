/**
 * Checking a sign-in: the throttle's reservation first, then the password. Shared by the sign-in form and the
 * password change (which asks for the current password), so that neither is a way around the throttle.
 */
import type { Db } from '../db';
import * as users from './users';
import * as throttle from './throttle';

export type SignInOutcome =
	| { ok: true; user: NonNullable<Awaited<ReturnType<typeof users.authenticate>>> }
	| { ok: false; problem: 'login.throttled' | 'login.failed' };

/**
 * The enabled account when `password` is its password; otherwise why not. A throttled attempt costs no password
 * check at all; any other costs exactly one, whatever the number of attempts running at the same time.
 */
export async function checkPassword(
	db: Db,
	username: string,
	password: string,
	address: string,
	now = Date.now()
): Promise<SignInOutcome> {
	const reservation = throttle.reserve(db, username, address, now);
	if (!reservation) return { ok: false, problem: 'login.throttled' };
	const user = await users.authenticate(db, username, password);
	if (!user) return { ok: false, problem: 'login.failed' };
	throttle.release(db, reservation);
	return { ok: true, user };
}
