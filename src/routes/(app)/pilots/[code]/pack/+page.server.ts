import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import { packOf } from '$lib/server/cases/pack';
import type { PageServerLoad } from './$types';

/** Anyone signed in whose scope holds the pilot may read its pack; outside the scope it answers 404, as the pilot page does. */
export const load: PageServerLoad = ({ locals, params }) => {
	const user = requireUser(locals.user);
	const pack = packOf(getDb(), scopeOf(user), params.code, locals.locale, {
		// the score is the analysts' figure: the pilot page does not show it to implementers either
		withScore: user.role !== 'implementer'
	});
	if (!pack) error(404, 'Not found');
	return { pack };
};
