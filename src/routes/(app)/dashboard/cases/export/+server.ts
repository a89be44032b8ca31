import * as dashboard from '$lib/server/analytics/dashboard';
import { shortlistCsv, shortlistView } from '$lib/analytics/shortlist';
import type { RequestHandler } from './$types';

/** The shortlist (or every scored pilot) under the dashboard's filter as Excel-safe CSV, with every score part. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const { db, scope, filter } = await dashboard.context(locals.user, url.searchParams);
	const view = shortlistView(url.searchParams);
	const { rows } = dashboard.shortlist(db, scope, filter, view);
	return new Response(shortlistCsv(rows, locals.locale), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="replicable-cases-${new Date().toISOString().slice(0, 10)}.csv"`
		}
	});
};
