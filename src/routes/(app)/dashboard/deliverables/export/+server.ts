import { getDb } from '$lib/server/db';
import { requireRole, scopeOf } from '$lib/server/auth/access';
import * as deliverables from '$lib/server/evaluation/deliverables';
import { catalogueCsv } from '$lib/server/evaluation/deliverables-csv';
import { chinaToday } from '$lib/server/ops/clock';
import type { RequestHandler } from './$types';

/** The catalogue under the URL's filter and the caller's scope as CSV (ministry, admin; a province its own). */
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireRole(locals.user, 'ministry', 'admin', 'province');
	const filter = deliverables.catalogueFilterFrom(url.searchParams);
	const rows = deliverables.catalogue(getDb(), scopeOf(user), filter);
	return new Response(catalogueCsv(rows, locals.locale), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="deliverables-${chinaToday()}.csv"`
		}
	});
};
