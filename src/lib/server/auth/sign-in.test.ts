/**
 * The sign-in check under a parallel burst, on a real in-memory database with a real scrypt hash: the throttle's
 * reservation comes before the password check, so no burst gets more checks than the limit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db';
import { systemActor } from '../audit/audit';
import * as accounts from './users';
import { HASH_CONCURRENCY, hashStats } from './password';
import { checkPassword } from './sign-in';
import * as throttle from './throttle';

const PASSWORD = 'the-owner-password';
let db: Db;
beforeAll(async () => {
	db = openDb(':memory:').db;
	await accounts.create(
		db,
		{
			username: 'jiangsu',
			displayName: '江苏省',
			password: PASSWORD,
			role: 'ministry',
			provinceCode: null,
			pilotCodes: []
		},
		systemActor('test')
	);
});

describe('parallel sign-in attempts', () => {
	it('a burst of 30 wrong passwords for one account from one address costs at most the limit of hash checks', async () => {
		const before = hashStats().verifications;
		const outcomes = await Promise.all(
			Array.from({ length: 30 }, (_, i) => checkPassword(db, 'jiangsu', `wrong-password-${i}`, '10.0.0.1'))
		);
		expect(hashStats().verifications - before).toBe(throttle.MAX_PER_ACCOUNT_ADDRESS);
		const problems = outcomes.map((o) => (o.ok ? 'ok' : o.problem));
		expect(problems.filter((p) => p === 'login.failed')).toHaveLength(throttle.MAX_PER_ACCOUNT_ADDRESS);
		expect(problems.filter((p) => p === 'login.throttled')).toHaveLength(30 - throttle.MAX_PER_ACCOUNT_ADDRESS);
		// never more scrypt computations at once than the cap, 128 MiB each
		expect(hashStats().peak).toBeLessThanOrEqual(HASH_CONCURRENCY);
		expect(hashStats().active).toBe(0);
		// and the right password from that address is refused now, without a check
		const locked = await checkPassword(db, 'jiangsu', PASSWORD, '10.0.0.1');
		expect(locked).toEqual({ ok: false, problem: 'login.throttled' });
		expect(hashStats().verifications - before).toBe(throttle.MAX_PER_ACCOUNT_ADDRESS);
	});

	it('the owner still signs in from another address, and a burst there with the right password all succeed', async () => {
		const outcomes = await Promise.all(
			Array.from({ length: 3 }, () => checkPassword(db, 'jiangsu', PASSWORD, '10.0.0.2'))
		);
		expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
		// successes leave no failure behind from that address
		expect(throttle.isThrottled(db, 'jiangsu', '10.0.0.2')).toBe(false);
		for (let i = 0; i < 4; i++) await checkPassword(db, 'jiangsu', 'typo', '10.0.0.2');
		expect((await checkPassword(db, 'jiangsu', PASSWORD, '10.0.0.2')).ok).toBe(true);
		expect((await checkPassword(db, 'jiangsu', 'typo', '10.0.0.2')).ok).toBe(false);
		expect(throttle.isThrottled(db, 'jiangsu', '10.0.0.2')).toBe(false);
	});
});
