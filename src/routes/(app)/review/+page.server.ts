import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/access';
import * as review from '$lib/server/review';
import type { PageServerLoad } from './$types';

/** The review queue: a province user's own province; ministry users and admins every province. */
export const load: PageServerLoad = ({ locals }) => {
	const user = requireUser(locals.user);
	if (user.role === 'implementer') error(403, 'Forbidden');
	return { queue: review.queue(getDb(), scopeOf(user)) };
};
