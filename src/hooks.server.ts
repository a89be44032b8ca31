import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { getDb } from '$lib/server/db';
import { sessions } from '$lib/server/auth';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { isLocale, LOCALE_COOKIE } from '$lib/i18n';
import { log } from '$lib/server/log';

export const init: ServerInit = () => {
	getDb();
};

export const handle: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const lang = event.cookies.get(LOCALE_COOKIE);
	event.locals.locale = isLocale(lang) ? lang : 'zh';
	event.locals.user = null;
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
};

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
