import { getDb } from '$lib/server/db';
import { creditsFor, LOOKUP_LIMIT, publicCredit, readCreditQuery } from '$lib/server/evaluation/public-credits';
import type { PageServerLoad } from './$types';

/** Public, no sign-in: the deemed-audit lookup by credit code or name (GET form); only what a credit shows publicly. */
export const load: PageServerLoad = ({ url }) => {
	const query = readCreditQuery(url.searchParams);
	const credits = creditsFor(getDb(), query).map(publicCredit);
	return { query, credits, isCapped: credits.length >= LOOKUP_LIMIT };
};
