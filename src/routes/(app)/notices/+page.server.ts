import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/access';
import { markAllRead, noticesOf } from '$lib/server/review/reminders';
import type { Actions, PageServerLoad } from './$types';

/** A user's own notices only. */
export const load: PageServerLoad = ({ locals }) => noticesOf(getDb(), requireUser(locals.user).id);

export const actions: Actions = {
	read: ({ locals }) => {
		markAllRead(getDb(), requireUser(locals.user).id);
		return { read: true };
	}
};
