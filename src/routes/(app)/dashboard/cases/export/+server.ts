import * as dashboard from '$lib/server/analytics/dashboard';
import { shortlistTable, shortlistView } from '$lib/analytics/shortlist';
import { tableDownload } from '$lib/server/excel/table';
import type { RequestHandler } from './$types';

/** The shortlist (or every scored pilot) under the dashboard's filter as Excel-safe CSV or `?format=xlsx`, with every score part. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { db, scope, filter } = await dashboard.context(locals.user, url.searchParams);
	const view = shortlistView(url.searchParams);
	const { rows } = dashboard.shortlist(db, scope, filter, view);
	const table = shortlistTable(rows, locals.locale);
	const name = `replicable-cases-${new Date().toISOString().slice(0, 10)}`;
	return tableDownload(url.searchParams.get('format'), name, table.fields, table.rows);
};
