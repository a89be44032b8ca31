/**
 * The link in an address confirmation mail. Opening it only shows what it is for; the address is confirmed by the
 * button (a POST), so that a mail scanner that fetches links cannot confirm an address on its own. The token is the
 * proof: no sign-in is needed (the mail may be opened on a phone).
 */
import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { inspectToken, verifyEmail } from '$lib/server/mail/address';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, setHeaders }) => {
	// the token is in the address: never cached, never sent on as a referrer
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	const token = url.searchParams.get('token') ?? '';
	return { token, ...inspectToken(getDb(), token) };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const result = verifyEmail(getDb(), String(form.get('token') ?? ''), event.getClientAddress());
		if (result.outcome !== 'verified') return fail(400, result);
		return result;
	}
};
