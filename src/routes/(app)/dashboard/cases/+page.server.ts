import * as dashboard from '$lib/server/analytics/dashboard';
import * as cases from '$lib/server/cases/cases';
import { shortlistView } from '$lib/analytics/shortlist';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, scope, filter, cached } = await dashboard.context(locals.user, url.searchParams);
	const view = shortlistView(url.searchParams);
	// typical cases are curated by ministry analysts (and admins); province users see the shortlist only
	const canCurate = locals.user?.role === 'ministry' || locals.user?.role === 'admin';
	return {
		view,
		canCurate,
		cases: canCurate ? cases.list(db) : [],
		...(await cached('shortlist', view, () => dashboard.shortlist(db, scope, filter, view)))
	};
};
