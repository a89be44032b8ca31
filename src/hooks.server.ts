import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { getDb } from '$lib/server/db';
import { assertConfig } from '$lib/server/ops/config';
import { sessions } from '$lib/server/auth';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { isLocale, loadEnglish, LOCALE_COOKIE } from '$lib/i18n';
import { log } from '$lib/server/ops/log';
import { logLimited, rateLimitedResponse, takeAnonymousApiRequest } from '$lib/server/ops/rate-limit';
import { takeApiCall, userLimitedResponse } from '$lib/server/auth/api-limit';
import { isCrossSiteForm } from '$lib/server/auth/csrf';
import { registerShutdown } from '$lib/server/ops/shutdown';
import { sweepIncoming } from '$lib/server/intake/store';
import { startScheduler, stopScheduler } from '$lib/server/schedule/server';

export const init: ServerInit = async () => {
	// Configuration first, so that a wrong value is reported as such rather than as whatever it breaks later.
	// The operator needs the list of problems, not a stack trace through the bundle: print it and stop.
	try {
		assertConfig();
	} catch (e) {
		console.error(e instanceof Error ? e.message : e);
		process.exit(1);
	}
	getDb();
	// uploads left half-received by a server that stopped mid-upload
	const swept = sweepIncoming();
	if (swept) log('startup', { sweptIncompleteUploads: swept });
	// reminders, digests and mail in this process, once per slot even beside another server (SCHEDULER=off: none)
	if (startScheduler()) process.once('sveltekit:shutdown', stopScheduler);
	await loadEnglish();
};

// On adapter-node's `sveltekit:shutdown`: let a running import finish (or stop it), then close the
// database. Registered here, once, when the server loads its hooks (a no-op under vite dev and tests).
registerShutdown();

/**
 * Every request: the cross-site form check, the locale, the signed-in user, the API rate limit, security headers and
 * one `request` log line (method, path without its query, status, duration, user; never a cookie or token).
 */
export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	if (isCrossSiteForm(event.request, event.url)) {
		const message = `Cross-site ${event.request.method} form submissions are forbidden`;
		return finish(event, new Response(message, { status: 403 }), started);
	}
	const lang = event.cookies.get(LOCALE_COOKIE);
	event.locals.locale = isLocale(lang) ? lang : 'zh';
	event.locals.user = null;
	const limited = apiLimit(event);
	if (limited) return finish(event, limited, started);
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = sessions.validate(getDb(), token);
		if (session) {
			event.locals.user = session.user;
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale === 'en' ? 'en' : 'zh-CN')
	});
	return finish(event, response, started);
};

/**
 * The API's limits (src/lib/server/auth/api-limit.ts): a 429 response when this bearer token, or its user with all
 * their tokens together, is over the limit — or, for a request without a token (the public endpoints), its address;
 * otherwise null.
 */
function apiLimit(event: RequestEvent): Response | null {
	if (!event.url.pathname.startsWith('/api/')) return null;
	const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (!bearer) {
		const address = clientAddress(event);
		if (address === null) return null;
		const verdict = takeAnonymousApiRequest(address);
		if (verdict.ok) return null;
		logLimited('api', verdict, { path: event.url.pathname, ip: address });
		return rateLimitedResponse('api', verdict);
	}
	const outcome = takeApiCall(getDb(), bearer);
	if (outcome.ok) return null;
	logLimited('api', outcome.verdict, { path: event.url.pathname, ip: clientAddress(event) });
	return outcome.per === 'token' ? rateLimitedResponse('api', outcome.verdict) : userLimitedResponse(outcome.verdict);
}

/** The client's address for a log line, or null when the adapter cannot tell (e.g. in a prerender). */
function clientAddress(event: RequestEvent): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

/** Security headers and the request's log line, on every response handle gives. */
function finish(event: RequestEvent, response: Response, started: number): Response {
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	log('request', {
		method: event.request.method,
		path: event.url.pathname,
		status: response.status,
		ms: Math.round(performance.now() - started),
		user: event.locals.user?.username ?? null
	});
	return response;
}

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = randomUUID().slice(0, 8);
	if (status !== 404) {
		log('error', {
			errorId,
			status,
			path: event.url.pathname,
			error: error instanceof Error ? (error.stack ?? error.message) : String(error)
		});
	}
	return { message: status === 404 ? message : 'Internal error', errorId };
};
