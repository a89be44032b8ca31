/**
 * Password hashing with scrypt at OWASP's recommended cost (N=2^17, r=8, p=1), stored as
 * `scrypt$N$r$p$salt$hash` (base64) so that the cost can be raised later without breaking old hashes.
 * Each computation takes 128 MiB and a core for ~0.3 s, so at most HASH_CONCURRENCY run at once and the rest
 * wait their turn: a burst of sign-ins costs time, never the server's memory.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** How many scrypt computations may run at the same time (each holds 128 MiB). */
export const HASH_CONCURRENCY = 2;

const stats = { hashes: 0, verifications: 0, active: 0, peak: 0 };
const waiting: (() => void)[] = [];

/** What the hashing has done since the process started: computations by kind, running now, most at once, waiting. */
export function hashStats(): { hashes: number; verifications: number; active: number; peak: number; queued: number } {
	return { ...stats, queued: waiting.length };
}

/** Runs `fn` once one of the HASH_CONCURRENCY slots is free. */
async function inSlot<T>(fn: () => Promise<T>): Promise<T> {
	while (stats.active >= HASH_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
	stats.active++;
	stats.peak = Math.max(stats.peak, stats.active);
	try {
		return await fn();
	} finally {
		stats.active--;
		waiting.shift()?.();
	}
}

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
	return inSlot(
		() =>
			new Promise((resolve, reject) => {
				scryptCb(password.normalize('NFKC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
			})
	);
}

function options(n: number, r: number, p: number): ScryptOptions {
	return { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 };
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	stats.hashes++;
	const key = await scrypt(password, salt, KEY_LENGTH, options(N, R, P));
	return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; false for any malformed hash. Constant-time comparison. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64');
	stats.verifications++;
	try {
		const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, options(+n, +r, +p));
		return key.length === expected.length && timingSafeEqual(key, expected);
	} catch {
		// Cost parameters that scrypt refuses (not numbers, N not a power of two, out of range) are malformed too.
		return false;
	}
}

/** The minimum a new password must meet; returns the problem or null. */
export function passwordProblem(password: string): { zh: string; en: string } | null {
	if (password.length < 10) return { zh: '密码至少需要 10 个字符', en: 'The password needs at least 10 characters' };
	if (password.length > 200) return { zh: '密码不能超过 200 个字符', en: 'The password may not exceed 200 characters' };
	return null;
}
