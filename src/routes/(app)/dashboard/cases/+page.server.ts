import * as dashboard from '$lib/server/analytics/dashboard';
import * as cases from '$lib/server/cases/cases';
import { shortlistView } from '$lib/analytics/shortlist';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const { db, scope, filter } = dashboard.context(locals.user, url.searchParams);
	const view = shortlistView(url.searchParams);
	// typical cases are curated by ministry analysts (and admins); province users see the shortlist only
	const canCurate = locals.user?.role === 'ministry' || locals.user?.role === 'admin';
	return {
		view,
		canCurate,
		cases: canCurate ? cases.list(db) : [],
		...dashboard.shortlist(db, scope, filter, view)
	};
};
