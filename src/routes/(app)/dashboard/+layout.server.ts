import * as dashboard from '$lib/server/analytics/dashboard';
import type { LayoutServerLoad } from './$types';

/**
 * Analysts' dashboards: the ministry sees every pilot, a province user their province; implementers have their own
 * pages. The filter lives in the URL; the choices offered are those within the caller's scope, kept per scope until
 * the data changes.
 */
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const { db, scope, filter } = await dashboard.context(locals.user, url.searchParams);
	return {
		filter,
		...(await dashboard.layout(db, scope)),
		scopeProvince: scope.kind === 'province' ? scope.provinceCode : null
	};
};
