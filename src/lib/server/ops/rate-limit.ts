/**
 * Rate limits for what costs the server most: API calls with a bearer token, and uploads handed to
 * the intake. Each limit is a sliding window kept in memory — it belongs to this one Node process,
 * starts empty on every restart and is not shared between several processes (the product runs as
 * one process on one SQLite file; behind several processes each would allow the full amount).
 *
 * - API: at most API_RATE_PER_MINUTE (default 60) requests per bearer token per minute on /api/.
 *   Counted before the token is even looked up, so a flood of guesses never reaches the database.
 * - Uploads: at most UPLOADS_PER_HOUR (default 30) attempts per user per hour, web and API together.
 *   An attempt is a file handed to the intake, a check (dry run) as much as an import, whatever its
 *   outcome: both parse and compare the whole file, which is the expensive part. Refusals that cost
 *   nothing (no file, too large, no permission) are not counted.
 *
 * Refused attempts are not counted, so a client that keeps retrying gets in as soon as the window
 * has moved on, at the time Retry-After names.
 */
import { createHash } from 'node:crypto';
import { json } from '@sveltejs/kit';
import { translator } from '../../i18n';
import { log } from './log';

/** The outcome of one attempt: allowed, or refused until `retryAfter` seconds from now. */
export type Verdict = { ok: true; remaining: number } | { ok: false; retryAfter: number; limit: number };

/**
 * A sliding-window log per key: the times of the attempts allowed within the last `windowMs`.
 * An attempt made at time t stops counting at exactly t + windowMs.
 */
export class SlidingWindow {
	private readonly hits = new Map<string, number[]>();
	private lastSweep: number;

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {
		if (!Number.isInteger(limit) || limit < 1) throw new Error(`rate limit must be a positive integer, got ${limit}`);
		this.lastSweep = now();
	}

	/** Counts one attempt for `key` when it is within the limit; otherwise says when the next one will be. */
	take(key: string): Verdict {
		const now = this.now();
		this.sweep(now);
		const times = this.live(key, now);
		if (times.length >= this.limit) {
			// the oldest attempt in the window is the first to leave it; whole seconds, rounded up, at least 1
			const retryAfter = Math.max(1, Math.ceil((times[0] + this.windowMs - now) / 1000));
			return { ok: false, retryAfter, limit: this.limit };
		}
		times.push(now);
		this.hits.set(key, times);
		return { ok: true, remaining: this.limit - times.length };
	}

	/** How many attempts `key` has made within the window. */
	count(key: string): number {
		return this.live(key, this.now()).length;
	}

	/** Number of keys held in memory (tests). */
	get size(): number {
		return this.hits.size;
	}

	private live(key: string, now: number): number[] {
		const times = this.hits.get(key);
		if (!times) return [];
		let expired = 0;
		while (expired < times.length && times[expired] <= now - this.windowMs) expired++;
		if (expired) times.splice(0, expired);
		return times;
	}

	/** Once per window, forgets keys with no attempt left in it, so that memory stays bounded by active keys. */
	private sweep(now: number): void {
		if (now - this.lastSweep < this.windowMs) return;
		this.lastSweep = now;
		for (const [key, times] of this.hits)
			if (!times.length || times[times.length - 1] <= now - this.windowMs) this.hits.delete(key);
	}
}

/** A positive integer from the environment, or the default when unset; anything else is a configuration error. */
function limitFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
	return n;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

let api: SlidingWindow | null = null;
let uploads: SlidingWindow | null = null;

/** The process's API limiter (API_RATE_PER_MINUTE, default 60), made on first use. */
export function apiLimiter(): SlidingWindow {
	api ??= new SlidingWindow(limitFromEnv('API_RATE_PER_MINUTE', 60), MINUTE_MS);
	return api;
}

/** The process's upload limiter (UPLOADS_PER_HOUR, default 30), made on first use. */
export function uploadLimiter(): SlidingWindow {
	uploads ??= new SlidingWindow(limitFromEnv('UPLOADS_PER_HOUR', 30), HOUR_MS);
	return uploads;
}

/** Forgets both limiters, so that the next use reads the environment again (tests). */
export function resetLimiters(): void {
	api = null;
	uploads = null;
}

/** Counts one API request made with `bearer`; the key is the token's hash, so the token itself is never held. */
export function takeApiRequest(bearer: string): Verdict {
	return apiLimiter().take(createHash('sha256').update(bearer).digest('hex'));
}

/**
 * Counts one API request made without a token (the public list and credit endpoints, or a call that will answer 401)
 * against the caller's address, at the same rate as a token.
 */
export function takeAnonymousApiRequest(address: string): Verdict {
	return apiLimiter().take(`address:${address}`);
}

/** Counts one upload attempt (check or import, web or API) by the user. */
export function takeUpload(userId: number): Verdict {
	return uploadLimiter().take(`user:${userId}`);
}

export type LimitKind = 'api' | 'uploads';

/** The refusal in both languages, with the limit and when to try again. */
export function limitMessage(
	kind: LimitKind,
	verdict: { retryAfter: number; limit: number }
): { zh: string; en: string } {
	const params = { limit: verdict.limit, seconds: verdict.retryAfter, minutes: Math.ceil(verdict.retryAfter / 60) };
	const key = kind === 'api' ? 'limit.api' : 'limit.uploads';
	return { zh: translator('zh')(key, params), en: translator('en')(key, params) };
}

/** Logs one refusal (a `limit` line): which limit, whose attempt (user name, never the token) and where. */
export function logLimited(
	kind: LimitKind,
	verdict: { retryAfter: number; limit: number },
	who: { user?: string | null; path: string; ip?: string | null }
): void {
	log('limit', { bucket: kind, limit: verdict.limit, retryAfter: verdict.retryAfter, ...who });
}

/** The API's 429: `Retry-After` in seconds and `{ error: { code: 'RATE_LIMITED', zh, en, retryAfter } }`. */
export function rateLimitedResponse(kind: LimitKind, verdict: { retryAfter: number; limit: number }): Response {
	return json(
		{ error: { code: 'RATE_LIMITED', ...limitMessage(kind, verdict), retryAfter: verdict.retryAfter } },
		{ status: 429, headers: { 'Retry-After': String(verdict.retryAfter) } }
	);
}
