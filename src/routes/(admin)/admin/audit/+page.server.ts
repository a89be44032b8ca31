import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import * as audit from '$lib/server/audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals.user, 'admin');
	return { entries: audit.list(getDb(), { limit: 300 }) };
};
