import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import * as review from '$lib/server/review/review';
import { pilotProgress } from '$lib/server/progress/progress';
import { chinaToday } from '$lib/server/ops/clock';
import { nextSteps } from '$lib/domain/next-steps';
import type { PageServerLoad } from './$types';

/**
 * The implementer's home: for each own pilot, the quarter to upload and the quarter to submit first, then its status,
 * what is due next and what is late or missing.
 */
export const load: PageServerLoad = ({ locals }) => {
	const user = requireUser(locals.user);
	if (user.role !== 'implementer') redirect(303, '/pilots');
	const db = getDb();
	const today = chinaToday();
	const mine = pilots.list(db, scopeOf(user), { sort: 'code' }).rows;
	return {
		pilots: mine.map((row) => {
			const pilot = pilots.get(db, scopeOf(user), row.code)!;
			const progress = pilotProgress(db, pilot, today, { withFlags: false });
			const steps = progress ? nextSteps(progress.calendar, review.statesOf(db, pilot.id)) : null;
			return {
				code: row.code,
				nameZh: row.nameZh,
				nameEn: row.nameEn,
				isDemo: row.isDemo,
				overall: progress?.overall ?? null,
				nextDue: progress?.report.nextDue ?? null,
				upload: steps?.upload ?? null,
				submit: steps?.submit ?? null,
				overdue: steps?.overdue ?? []
			};
		})
	};
};
