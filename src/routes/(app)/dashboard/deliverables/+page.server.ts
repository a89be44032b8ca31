import { getDb } from '$lib/server/db';
import { requireRole, scopeOf } from '$lib/server/auth/access';
import * as deliverables from '$lib/server/evaluation/deliverables';
import type { PageServerLoad } from './$types';

/**
 * The analysts' catalogue of deliverables: ministry and admins see every pilot's, a province user their province's
 * (implementers 403, like the dashboard). The pilot facets come from the dashboard's filter form, the kind from here.
 */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireRole(locals.user, 'ministry', 'admin', 'province');
	const db = getDb();
	const scope = scopeOf(user);
	const filter = deliverables.catalogueFilterFrom(url.searchParams);
	return {
		kind: filter.kind ?? null,
		rows: deliverables.catalogue(db, scope, filter),
		counts: deliverables.countsByKind(db, scope, filter)
	};
};
