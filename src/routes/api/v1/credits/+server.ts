import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { CREDIT_COLUMNS, creditCsvRow } from '$lib/server/evaluation/credits';
import { toCsv } from '$lib/csv/write';
import { PUBLIC_TEXT, type PublicTextKey } from '$lib/evaluation/public-text';
import { creditsFor, publicCredit, readCreditQuery } from '$lib/server/evaluation/public-credits';
import type { RequestHandler } from './$types';

const refuse = (status: number, code: string, key: PublicTextKey) =>
	json({ error: { code, ...PUBLIC_TEXT[key] } }, { status });

/**
 * GET /api/v1/credits?code=…|name=…[&format=csv] — public, no sign-in or token: the deemed-audit credits the lookup
 * page shows for a credit code (exact, after dropping spaces and upper-casing) or a part of an enterprise name.
 * 400 when neither is usable; a malformed code with a name falls back to the name, with a warning, as the page does.
 */
export const GET: RequestHandler = ({ url }) => {
	const query = readCreditQuery(url.searchParams);
	if (!query.by)
		return query.isCodeMalformed ? refuse(400, 'BAD_CODE', 'api.code') : refuse(400, 'NO_QUERY', 'api.query');
	const rows = creditsFor(getDb(), query);
	if (url.searchParams.get('format') === 'csv')
		return new Response(toCsv([...CREDIT_COLUMNS], rows.map(creditCsvRow)), {
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': `attachment; filename="credits-${query.by}.csv"`
			}
		});
	return json({
		query: {
			by: query.by,
			code: query.by === 'code' ? query.code : null,
			name: query.by === 'name' ? query.name : null
		},
		...(query.isCodeMalformed ? { warnings: [{ code: 'BAD_CODE', ...PUBLIC_TEXT['api.code'] }] } : {}),
		credits: rows.map(publicCredit)
	});
};
