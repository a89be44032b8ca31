import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { sessions, throttle } from '$lib/server/auth';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import * as users from '$lib/server/users';
import { record } from '$lib/server/audit';
import { safeNext } from '$lib/auth/safe-next';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), '/pilots'));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '')
			.trim()
			.toLowerCase();
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, problem: 'login.missing' as const });
		const db = getDb();
		const address = getClientAddress();
		if (throttle.isThrottled(db, username, address))
			return fail(429, { username, problem: 'login.throttled' as const });
		const user = await users.authenticate(db, username, password);
		if (!user) {
			throttle.recordFailure(db, username, address);
			return fail(400, { username, problem: 'login.failed' as const });
		}
		throttle.clearAccount(db, username);
		const old = cookies.get(SESSION_COOKIE);
		if (old) sessions.invalidate(db, old);
		const session = sessions.create(db, user.id);
		record(
			db,
			{ userId: user.id, name: user.username, ip: address },
			{ action: 'session.signin', entity: 'user', entityId: user.username }
		);
		setSessionCookie(cookies, url, session.token, session.expiresAt);
		redirect(303, safeNext(url.searchParams.get('next'), user.role === 'implementer' ? '/home' : '/pilots'));
	}
};
