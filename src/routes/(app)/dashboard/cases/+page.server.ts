import * as dashboard from '$lib/server/dashboard';
import { shortlistView } from '$lib/shortlist';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const { db, scope, filter } = dashboard.context(locals.user, url.searchParams);
	const view = shortlistView(url.searchParams);
	return { view, ...dashboard.shortlist(db, scope, filter, view) };
};
