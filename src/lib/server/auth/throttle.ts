/**
 * Sign-in throttling over a sliding window (15 minutes), on three counters:
 * - per account and address (5): someone mistyping, or guessing one account from one place;
 * - per address (20): one place guessing many accounts;
 * - per account from every address together (50): a guesser spread over many addresses. Well above the first, so
 *   that five wrong passwords from anyone no longer lock the account's owner out everywhere.
 *
 * An attempt is reserved — counted as a failure — before its password is checked, and the reservation is removed
 * when the password was right. Counting after the check let every attempt of a parallel burst through (all read the
 * counters before any failure was written); reserving first is one synchronous step, so a burst gets exactly the
 * limit's worth of password checks.
 */
import { and, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { signInFailures } from '../db/schema';

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_ACCOUNT_ADDRESS = 5;
export const MAX_PER_ADDRESS = 20;
export const MAX_PER_ACCOUNT = 50;

/** The counters' keys for one attempt, each with its limit. */
function keysOf(username: string, address: string): { key: string; limit: number }[] {
	const account = username.trim().toLowerCase();
	return [
		{ key: `pair:${account}|${address}`, limit: MAX_PER_ACCOUNT_ADDRESS },
		{ key: `ip:${address}`, limit: MAX_PER_ADDRESS },
		{ key: `user:${account}`, limit: MAX_PER_ACCOUNT }
	];
}

function failures(db: DbOrTx, key: string, now: number): number {
	const row = db
		.select({ n: count() })
		.from(signInFailures)
		.where(and(eq(signInFailures.key, key), gte(signInFailures.at, now - WINDOW_MS)))
		.get();
	return row?.n ?? 0;
}

/** True when this account from this address, this address, or this account from everywhere failed too often. */
export function isThrottled(db: DbOrTx, username: string, address: string, now = Date.now()): boolean {
	return keysOf(username, address).some(({ key, limit }) => failures(db, key, now) >= limit);
}

/** Records one failed attempt on all three counters and forgets attempts past the window. */
export function recordFailure(db: DbOrTx, username: string, address: string, now = Date.now()): number[] {
	const ids = db
		.insert(signInFailures)
		.values(keysOf(username, address).map(({ key }) => ({ key, at: now })))
		.returning({ id: signInFailures.id })
		.all()
		.map((r) => r.id);
	db.delete(signInFailures)
		.where(lt(signInFailures.at, now - WINDOW_MS))
		.run();
	return ids;
}

/** An attempt counted in advance: the failure rows to remove if it succeeds. */
export type Reservation = { username: string; address: string; ids: number[] };

/**
 * Counts an attempt as failed before its password is checked, or refuses it (null) when a counter is at its limit.
 * Check and count are one transaction, so parallel attempts cannot all pass the check.
 */
export function reserve(db: Db, username: string, address: string, now = Date.now()): Reservation | null {
	return db.transaction(
		(tx) => {
			if (isThrottled(tx, username, address, now)) return null;
			return { username, address, ids: recordFailure(tx, username, address, now) };
		},
		{ behavior: 'immediate' }
	);
}

/**
 * After a right password: removes the attempt's reservation and forgets this account's failures from this address
 * (its owner's own typos). The per-account count from other addresses stays: a success here says nothing about them.
 */
export function release(db: Db, reservation: Reservation): void {
	db.transaction((tx) => {
		if (reservation.ids.length) tx.delete(signInFailures).where(inArray(signInFailures.id, reservation.ids)).run();
		tx.delete(signInFailures)
			.where(eq(signInFailures.key, keysOf(reservation.username, reservation.address)[0].key))
			.run();
	});
}
