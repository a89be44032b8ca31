import * as dashboard from '$lib/server/analytics/dashboard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const { db, scope, filter } = dashboard.context(locals.user, url.searchParams);
	return dashboard.energy(db, scope, filter);
};
