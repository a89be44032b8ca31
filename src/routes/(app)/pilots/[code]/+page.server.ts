import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/access';
import * as pilots from '$lib/server/pilots';
import { dueDate, periodKey, termQuarters } from '$lib/domain/periods';
import type { PageServerLoad } from './$types';

/** A pilot outside the user's scope answers 404, exactly like one that does not exist. */
export const load: PageServerLoad = ({ locals, params }) => {
	const user = requireUser(locals.user);
	const pilot = pilots.get(getDb(), scopeOf(user), params.code);
	if (!pilot) error(404, 'Not found');
	const quarters = pilot.termStart
		? termQuarters(pilot.termStart).map((p, i) => ({
				n: i + 1,
				period: p,
				key: periodKey(p),
				due: dueDate(p, pilot.batch.dueOffsetDays)
			}))
		: [];
	return { pilot, quarters, today: new Date().toISOString().slice(0, 10) };
};
