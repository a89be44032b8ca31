import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/access';
import * as pilots from '$lib/server/pilots';
import * as values from '$lib/server/values';
import { canImport } from '$lib/server/tokens';
import { dueDate, periodKey, termQuarters } from '$lib/domain/periods';
import type { PageServerLoad } from './$types';

/** A pilot outside the user's scope answers 404, exactly like one that does not exist. */
export const load: PageServerLoad = ({ locals, params, url }) => {
	const user = requireUser(locals.user);
	const db = getDb();
	const pilot = pilots.get(db, scopeOf(user), params.code);
	if (!pilot) error(404, 'Not found');
	const quarters = pilot.termStart
		? termQuarters(pilot.termStart).map((p, i) => ({
				n: i + 1,
				period: p,
				key: periodKey(p),
				due: dueDate(p, pilot.batch.dueOffsetDays)
			}))
		: [];
	const figures = values.quarterFigures(db, pilot.id);
	const requested = url.searchParams.get('quarter');
	const reported = quarters.filter((q) => figures.some((f) => f.period === q.key));
	const quarter = quarters.find((q) => q.key === requested)?.key ?? reported.at(-1)?.key ?? null;
	return {
		pilot,
		quarters,
		figures,
		quarter,
		quarterValues: quarter ? values.quarterValues(db, pilot.id, quarter) : [],
		history: values.history(db, pilot.id),
		canUpload: canImport(user.role),
		today: new Date().toISOString().slice(0, 10)
	};
};
