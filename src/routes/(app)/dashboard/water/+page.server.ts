import * as dashboard from '$lib/server/analytics/dashboard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, scope, filter, cached } = await dashboard.context(locals.user, url.searchParams);
	return cached('water', null, () => dashboard.water(db, scope, filter));
};
