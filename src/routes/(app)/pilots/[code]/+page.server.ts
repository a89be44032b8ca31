import { redirect } from '@sveltejs/kit';
import { pilotProgress } from '$lib/server/progress/progress';
import * as review from '$lib/server/review/review';
import { canImport } from '$lib/server/auth/tokens';
import { chinaToday } from '$lib/server/ops/clock';
import { canWrite, pilotInScope, quartersOf } from './context.server';
import { nextSteps } from '$lib/domain/next-steps';
import { summaryStatus } from '$lib/server/evaluation/summaries';
import type { PageServerLoad } from './$types';

/**
 * The overview: what is due, what is late, whether the pilot is on track, then its facts and term. Only that: the
 * figures, charts, review, enterprises and trail load on their own tabs. A link that names a quarter (from the
 * import result, a notice or the review desk) is sent on to the data tab, where the quarter's figures are.
 */
export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, db, pilot } = pilotInScope(locals.user, params.code);
	const quarter = url.searchParams.get('quarter');
	if (quarter !== null)
		redirect(307, `/pilots/${encodeURIComponent(pilot.code)}/data?quarter=${encodeURIComponent(quarter)}`);
	const today = chinaToday();
	// the doubtful-value flags cost a query per indicator and are shown on the progress tab only
	const progress = pilotProgress(db, pilot, today, { withFlags: false });
	const states = review.statesOf(db, pilot.id);
	const isWriter = canWrite(db, user, pilot.id);
	return {
		pilot: {
			code: pilot.code,
			batch: pilot.batch,
			category: pilot.category,
			provinceCode: pilot.provinceCode,
			airRegion: pilot.airRegion,
			basin: pilot.basin,
			industries: pilot.industries,
			bodyName: pilot.bodyName,
			bodyType: pilot.bodyType,
			sourceUrl: pilot.sourceUrl,
			note: pilot.note,
			inferredFields: pilot.inferredFields,
			termStart: pilot.termStart,
			termEnd: pilot.termEnd
		},
		quarters: quartersOf(pilot),
		progress: progress && {
			calendar: progress.calendar,
			nextDue: progress.report.nextDue,
			overall: progress.overall,
			groups: progress.groups,
			quartersDue: progress.quartersDue
		},
		steps: progress ? nextSteps(progress.calendar, states) : null,
		reviewStates: Object.fromEntries(Object.entries(states).map(([period, s]) => [period, s.state])),
		/** Upload and submit are offered to those who may do them: the pilot's implementers and admins. */
		canUpload: canImport(user.role) && isWriter,
		canSubmit: isWriter,
		canReview: user.role === 'province' || user.role === 'admin',
		/** The term-end summary, once it may be written (or exists). */
		summary: summaryStatus(db, pilot, today),
		today
	};
};
