/**
 * The unsubscribe link of notice mails and digests: no sign-in, the link's token is the proof (mail/unsubscribe.ts).
 * Opening it asks; the button turns mail off (a POST, so that a scanner that fetches links changes nothing). A mail
 * provider's one-click unsubscribe (RFC 8058) posts `List-Unsubscribe=One-Click` to the link itself, without an
 * Origin: the link's own u and t are then the ones read (the cross-site check lets this path through: auth/csrf.ts).
 */
import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { checkUnsubscribe } from '$lib/server/mail/unsubscribe';
import { setMailMode } from '$lib/server/mail/address';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	const userId = Number(url.searchParams.get('u'));
	const token = url.searchParams.get('t') ?? '';
	const person = checkUnsubscribe(getDb().$client, userId, token);
	return { userId, token, isValid: person !== null, email: person?.email ?? null, isOff: person?.mode === 'off' };
};

export const actions: Actions = {
	default: async ({ request, url, getClientAddress }) => {
		const form = await request.formData();
		const field = (name: string) => String(form.get(name) ?? url.searchParams.get(name) ?? '');
		const person = checkUnsubscribe(getDb().$client, Number(field('u')), field('t'));
		if (!person) return fail(400, { done: false });
		setMailMode(getDb(), person.id, 'off', { userId: person.id, name: person.username, ip: getClientAddress() });
		return { done: true };
	}
};
