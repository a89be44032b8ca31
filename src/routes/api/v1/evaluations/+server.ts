import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { toCsv } from '$lib/csv/write';
import { PUBLIC_TEXT, type PublicTextKey } from '$lib/evaluation/public-text';
import { LIST_COLUMNS, listCsvRows, publicList } from '$lib/server/evaluation/public-list';
import type { RequestHandler } from './$types';

const refuse = (status: number, code: string, key: PublicTextKey) =>
	json({ error: { code, ...PUBLIC_TEXT[key] } }, { status });

/**
 * GET /api/v1/evaluations?batch=N[&format=csv] — public, no sign-in or token: a batch's published list as the page
 * shows it (batch, reference, date, counts, the passed pilots, the dated corrections), or its entries as CSV.
 * 400 when the batch is missing or not a positive integer, 404 while the list is unpublished.
 */
export const GET: RequestHandler = ({ url }) => {
	const raw = url.searchParams.get('batch') ?? '';
	if (!/^[1-9]\d{0,8}$/.test(raw)) return refuse(400, 'BAD_BATCH', 'api.batch');
	const list = publicList(getDb(), Number(raw));
	if (!list) return refuse(404, 'NOT_PUBLISHED', 'api.unpublished');
	if (url.searchParams.get('format') === 'csv')
		return new Response(toCsv(LIST_COLUMNS, listCsvRows(list)), {
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': `attachment; filename="pass-list-batch-${list.batch}.csv"`
			}
		});
	return json(list);
};
