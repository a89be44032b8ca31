import { error, redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/** The admin area: admins only. */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	if (locals.user.role !== 'admin') error(403, 'Forbidden');
	return {};
};
