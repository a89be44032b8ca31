import { error, redirect } from '@sveltejs/kit';
import { isLocale, LOCALE_COOKIE } from '$lib/i18n';
import { safeNext } from '$lib/auth/safe-next';
import type { RequestHandler } from './$types';

/** Remembers the chosen language for a year and goes back to where the switch was clicked. */
export const GET: RequestHandler = ({ params, url, cookies }) => {
	if (!isLocale(params.locale)) error(404, 'Unknown language');
	cookies.set(LOCALE_COOKIE, params.locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: false });
	redirect(303, safeNext(url.searchParams.get('next'), '/'));
};
