import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import * as cases from '$lib/server/cases/cases';
import * as gallery from '$lib/server/cases/gallery';
import type { RequestHandler } from './$types';

/**
 * A published case's data: `<indicator>.csv` / `<indicator>.json` (a chart's figures with provenance) or `case.json`
 * (the whole frozen case). Public like the case itself; anything unpublished is a 404.
 */
export const GET: RequestHandler = ({ params, locals }) => {
	const c = cases.publishedBySlug(getDb(), params.slug);
	if (!c) error(404, 'Not found');
	if (params.file === 'case.json')
		return new Response(JSON.stringify(c, null, 2), { headers: { 'content-type': 'application/json; charset=utf-8' } });
	const match = /^([a-z0-9_]+)\.(csv|json)$/.exec(params.file);
	const chart = match ? gallery.chartsOf(c, locals.locale).find((x) => x.code === match[1]) : undefined;
	if (!match || !chart) error(404, 'Not found');
	const isCsv = match[2] === 'csv';
	return new Response(isCsv ? chart.csv : chart.json, {
		headers: {
			'content-type': isCsv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${c.slug}-${params.file}"`
		}
	});
};
