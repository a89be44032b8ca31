/**
 * Sign-in throttling: failed attempts are counted per account and per client address over a
 * sliding window; past the limit, sign-in is refused until the window has moved on.
 */
import { and, count, eq, gte, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { signInFailures } from '../db/schema';

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_ACCOUNT = 5;
export const MAX_PER_ADDRESS = 20;

function failures(db: DbOrTx, key: string, now: number): number {
	const row = db
		.select({ n: count() })
		.from(signInFailures)
		.where(and(eq(signInFailures.key, key), gte(signInFailures.at, now - WINDOW_MS)))
		.get();
	return row?.n ?? 0;
}

/** True when this account or address has failed too often recently. */
export function isThrottled(db: DbOrTx, username: string, address: string, now = Date.now()): boolean {
	return (
		failures(db, `user:${username.toLowerCase()}`, now) >= MAX_PER_ACCOUNT ||
		failures(db, `ip:${address}`, now) >= MAX_PER_ADDRESS
	);
}

/** Records one failed attempt for the account and the address, and forgets attempts past the window. */
export function recordFailure(db: DbOrTx, username: string, address: string, now = Date.now()): void {
	db.insert(signInFailures)
		.values([
			{ key: `user:${username.toLowerCase()}`, at: now },
			{ key: `ip:${address}`, at: now }
		])
		.run();
	db.delete(signInFailures)
		.where(lt(signInFailures.at, now - WINDOW_MS))
		.run();
}

/** Clears the account's failures after a successful sign-in. */
export function clearAccount(db: DbOrTx, username: string): void {
	db.delete(signInFailures)
		.where(eq(signInFailures.key, `user:${username.toLowerCase()}`))
		.run();
}
