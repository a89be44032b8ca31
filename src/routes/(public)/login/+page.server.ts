import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { sessions } from '$lib/server/auth';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { checkPassword } from '$lib/server/auth/sign-in';
import { record } from '$lib/server/audit/audit';
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
		const outcome = await checkPassword(db, username, password, address);
		if (!outcome.ok)
			return fail(outcome.problem === 'login.throttled' ? 429 : 400, { username, problem: outcome.problem });
		const { user } = outcome;
		// where to go is settled before the session exists: nothing after this point may fail
		const target = safeNext(url.searchParams.get('next'), user.role === 'implementer' ? '/home' : '/pilots');
		const old = cookies.get(SESSION_COOKIE);
		if (old) sessions.invalidate(db, old);
		const session = sessions.create(db, user.id);
		record(
			db,
			{ userId: user.id, name: user.username, ip: address },
			{ action: 'session.signin', entity: 'user', entityId: user.username }
		);
		setSessionCookie(cookies, url, session.token, session.expiresAt);
		redirect(303, target);
	}
};
