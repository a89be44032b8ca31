import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as review from '$lib/server/review/review';
import * as pilots from '$lib/server/registry/pilots';
import { refreshStale } from '$lib/server/progress/statuses';
import type { PageServerLoad } from './$types';

/** The review desk: a province user's own province (pilots, late and missing reports, the queue); ministry users and admins every province. */
export const load: PageServerLoad = ({ locals }) => {
	const user = requireUser(locals.user);
	if (user.role === 'implementer') error(403, 'Forbidden');
	const db = getDb();
	refreshStale(db);
	const { total, facets } = pilots.list(db, scopeOf(user), {});
	const count = (value: string) => facets.report.find((f) => f.value === value)?.n ?? 0;
	return {
		queue: review.queue(db, scopeOf(user)),
		scope: {
			total,
			late: count('late'),
			missing: count('missing'),
			provinceCode: user.role === 'province' ? user.provinceCode : null
		}
	};
};
