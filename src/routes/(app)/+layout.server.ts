import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/** The signed-in area: anonymous visitors go to the sign-in page and come back after it. */
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return {};
};
