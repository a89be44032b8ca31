/**
 * The API's two request limits for one bearer token, checked in order: per token (API_RATE_PER_MINUTE, counted
 * before the token is even looked up, so a flood of guesses never reaches the database), then per user — all of a
 * user's tokens together get the same API_RATE_PER_MINUTE, so that holding several tokens (at most
 * MAX_LIVE_TOKENS) does not multiply the limit. In memory, like the other limits (src/lib/server/rate-limit.ts).
 */
import { json } from '@sveltejs/kit';
import type { Db } from '../db';
import { translator } from '../../i18n';
import { apiLimiter, MINUTE_MS, SlidingWindow, takeApiRequest, type Verdict } from '../ops/rate-limit';
import * as tokens from './tokens';

let perUser: SlidingWindow | null = null;

/** The process's per-user API limiter, at the per-token rate, made on first use. */
export function apiUserLimiter(): SlidingWindow {
	perUser ??= new SlidingWindow(apiLimiter().limit, MINUTE_MS);
	return perUser;
}

/** Forgets the per-user limiter, so that the next use reads the rate again (tests). */
export function resetApiUserLimiter(): void {
	perUser = null;
}

export type ApiVerdict = { ok: true } | { ok: false; per: 'token' | 'user'; verdict: Verdict & { ok: false } };

/**
 * Counts one API request made with `bearer` against its token's limit and, when the token is live, its user's.
 * An unknown or revoked token counts only against itself (the endpoint then answers 401).
 */
export function takeApiCall(db: Db, bearer: string): ApiVerdict {
	const byToken = takeApiRequest(bearer);
	if (!byToken.ok) return { ok: false, per: 'token', verdict: byToken };
	const userId = tokens.userIdOf(db, bearer);
	if (userId === null) return { ok: true };
	const byUser = apiUserLimiter().take(`user:${userId}`);
	return byUser.ok ? { ok: true } : { ok: false, per: 'user', verdict: byUser };
}

/** The per-user 429: `Retry-After` and `{ error: { code: 'RATE_LIMITED', zh, en, retryAfter } }`, like the others. */
export function userLimitedResponse(verdict: { retryAfter: number; limit: number }): Response {
	const params = { limit: verdict.limit, seconds: verdict.retryAfter };
	return json(
		{
			error: {
				code: 'RATE_LIMITED',
				zh: translator('zh')('limit.apiUser', params),
				en: translator('en')('limit.apiUser', params),
				retryAfter: verdict.retryAfter
			}
		},
		{ status: 429, headers: { 'Retry-After': String(verdict.retryAfter) } }
	);
}
