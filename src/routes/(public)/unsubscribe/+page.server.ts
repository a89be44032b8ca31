/**
 * The unsubscribe link of notice mails and digests: no sign-in, the link's token is the proof (mail/unsubscribe.ts).
 * Opening it asks; the button turns mail off (a POST, so that a scanner that fetches links changes nothing).
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
	default: async ({ request, getClientAddress }) => {
		const form = await request.formData();
		const person = checkUnsubscribe(getDb().$client, Number(form.get('u')), String(form.get('t') ?? ''));
		if (!person) return fail(400, { done: false });
		setMailMode(getDb(), person.id, 'off', { userId: person.id, name: person.username, ip: getClientAddress() });
		return { done: true };
	}
};
