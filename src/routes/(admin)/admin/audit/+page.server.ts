import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/access';
import * as audit from '$lib/server/audit/audit';
import type { PageServerLoad } from './$types';

/** The whole trail for admins, filtered by the URL (so a view can be shared and exported). */
export const load: PageServerLoad = ({ locals, url }) => {
	requireRole(locals.user, 'admin');
	const filter = audit.filterFromUrl(url);
	return { filter, entries: audit.list(getDb(), { ...filter, limit: 300 }) };
};
