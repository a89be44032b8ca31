import { error, fail } from '@sveltejs/kit';
import * as narratives from '$lib/server/review/narratives';
import * as review from '$lib/server/review/review';
import { periodKey, termQuarters } from '$lib/domain/periods';
import { REVIEW_ACTIONS, type ReviewAction } from '$lib/domain/review';
import { actorOf, canWrite, pilotInScope } from '../context.server';
import { loadThreads, threadAction } from './value-threads.server';
import type { Actions, PageServerLoad } from './$types';

/** The term's quarter keys; none while the term is unknown. */
const periodsOf = (termStart: string | null) => (termStart ? termQuarters(termStart).map(periodKey) : []);

/**
 * The review tab: each quarter's narrative and review state, with the actions the user may take on them, and one
 * quarter's values with their comment threads.
 */
export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, db, pilot } = pilotInScope(locals.user, params.code);
	const periods = periodsOf(pilot.termStart);
	const reviewStates = review.statesOf(db, pilot.id);
	return {
		code: pilot.code,
		periods,
		narratives: narratives.forPilot(db, pilot.id),
		canWrite: canWrite(db, user, pilot.id),
		reviewStates,
		reviewEvents: review.eventsOf(db, pilot.id),
		role: user.role,
		valueThreads: periods.length ? loadThreads(db, user, pilot.id, url, periods, reviewStates) : null
	};
};

export const actions: Actions = {
	/** The pilot's implementers (and admins) write a quarter's narrative. */
	narrative: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot } = pilotInScope(locals.user, params.code);
		if (!canWrite(db, user, pilot.id)) error(403, 'Forbidden');
		const form = await request.formData();
		const period = String(form.get('period') ?? '');
		if (!periodsOf(pilot.termStart).includes(period)) return fail(400, { narrativeError: period });
		narratives.save(db, pilot.id, period, String(form.get('text') ?? ''), actorOf(user, getClientAddress()));
		return { narrativeSaved: period };
	},
	/** Submit, approve, return or reopen a quarter; the state machine says who may do what from which state. */
	review: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot } = pilotInScope(locals.user, params.code);
		const form = await request.formData();
		const period = String(form.get('period') ?? '');
		const action = String(form.get('action') ?? '') as ReviewAction;
		if (!periodsOf(pilot.termStart).includes(period) || !REVIEW_ACTIONS.includes(action)) error(400, 'Bad request');
		// Implementers act only on their own pilots; province users see (and so review) only their province's.
		if (user.role === 'implementer' && !canWrite(db, user, pilot.id)) error(403, 'Forbidden');
		const comment = String(form.get('comment') ?? '');
		const outcome = review.act(db, pilot.id, period, action, user.role, comment, actorOf(user, getClientAddress()));
		return outcome.ok ? { reviewed: { period, state: outcome.state } } : fail(400, { reviewError: outcome.why });
	},
	/** Open a value thread, reply, mark a value corrected, resolve or reopen; who may do which is checked inside. */
	thread: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot } = pilotInScope(locals.user, params.code);
		return threadAction(db, user, getClientAddress(), pilot.id, request);
	}
};
