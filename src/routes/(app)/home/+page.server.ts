import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import { pilotProgress } from '$lib/server/progress/progress';
import { worstReport } from '$lib/server/progress/statuses';
import type { PageServerLoad } from './$types';

/** The implementer's home: each own pilot with its status, what is due next and what is late or missing. */
export const load: PageServerLoad = ({ locals }) => {
	const user = requireUser(locals.user);
	if (user.role !== 'implementer') redirect(303, '/pilots');
	const db = getDb();
	const mine = pilots.list(db, scopeOf(user), { sort: 'code' }).rows;
	return {
		pilots: mine.map((row) => {
			const pilot = pilots.get(db, scopeOf(user), row.code)!;
			const progress = pilotProgress(db, pilot);
			return {
				code: row.code,
				nameZh: row.nameZh,
				nameEn: row.nameEn,
				isDemo: row.isDemo,
				overall: progress?.overall ?? null,
				report: progress ? worstReport(progress.calendar) : null,
				nextDue: progress?.report.nextDue ?? null,
				overdue: progress?.calendar.filter((c) => c.status === 'missing' || c.status === 'late') ?? []
			};
		})
	};
};
