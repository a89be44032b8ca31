import { getDb } from '$lib/server/db';
import { requireRole, scopeOf } from '$lib/server/auth/access';
import * as deliverables from '$lib/server/evaluation/deliverables';
import { catalogueTable } from '$lib/server/evaluation/deliverables-csv';
import { tableDownload } from '$lib/server/excel/table';
import { chinaToday } from '$lib/server/ops/clock';
import type { RequestHandler } from './$types';

/** The catalogue under the URL's filter and the caller's scope as CSV or `?format=xlsx` (ministry, admin; a province its own). */
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireRole(locals.user, 'ministry', 'admin', 'province');
	const filter = deliverables.catalogueFilterFrom(url.searchParams);
	const rows = deliverables.catalogue(getDb(), scopeOf(user), filter);
	const table = catalogueTable(rows, locals.locale);
	return tableDownload(url.searchParams.get('format'), `deliverables-${chinaToday()}`, table.fields, table.rows);
};
