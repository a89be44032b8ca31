import { getDb } from '$lib/server/db';
import { requireRole, scopeOf } from '$lib/server/auth/access';
import * as analytics from '$lib/server/analytics/analytics';
import * as pilots from '$lib/server/registry/pilots';
import { dashboardFilterFromUrl } from '$lib/analytics/dashboard-filter';
import type { LayoutServerLoad } from './$types';

/**
 * Analysts' dashboards: the ministry sees every pilot, a province user their province; implementers have their own
 * pages. The filter lives in the URL; the choices offered are those within the caller's scope.
 */
export const load: LayoutServerLoad = ({ locals, url }) => {
	const user = requireRole(locals.user, 'ministry', 'admin', 'province');
	const db = getDb();
	const scope = scopeOf(user);
	return {
		filter: dashboardFilterFromUrl(url.searchParams),
		batches: pilots.batchList(db),
		periods: analytics.periodsReported(db, analytics.scopeIds(db, scope)),
		facets: pilots.facetCounts(db, scope, {}),
		scopeProvince: scope.kind === 'province' ? scope.provinceCode : null
	};
};
