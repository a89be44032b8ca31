import { error, fail } from '@sveltejs/kit';
import * as values from '$lib/server/progress/values';
import * as openings from '$lib/server/intake/openings';
import { pilotProgress } from '$lib/server/progress/progress';
import { canImport } from '$lib/server/auth/tokens';
import { requireUser } from '$lib/server/auth/access';
import { chinaToday } from '$lib/server/ops/clock';
import { actorOf, pilotInScope, quartersOf } from '../context.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * The data tab: the quarter figures, one quarter's detail (`?quarter=`, else the latest reported), its changes, the
 * templates and the upload link, the quarters opened for provisional data, and every revision with its file.
 */
export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, db, pilot } = pilotInScope(locals.user, params.code);
	const today = chinaToday();
	const quarters = quartersOf(pilot);
	const calendar = pilotProgress(db, pilot, today, { withFlags: false })?.calendar ?? [];
	const figures = values.quarterFigures(db, pilot.id);
	const requested = url.searchParams.get('quarter');
	const reported = quarters.filter((q) => figures.some((f) => f.period === q.key));
	const quarter = quarters.find((q) => q.key === requested)?.key ?? reported.at(-1)?.key ?? null;
	return {
		code: pilot.code,
		indicatorCodes: pilot.indicators.map((i) => i.indicatorCode),
		quarters,
		figures,
		quarter,
		quarterValues: quarter ? values.quarterValues(db, pilot.id, quarter) : [],
		quarterChanges: quarter ? values.latestChanges(db, pilot.id, quarter) : null,
		history: values.history(db, pilot.id),
		canUpload: canImport(user.role),
		/** The quarters whose template and upload are offered now: ended, or opened for provisional data. */
		reportable: calendar.filter((c) => c.canReport).map((c) => c.period),
		calendar,
		openings: openings.list(db, pilot.id),
		canOpenPeriods: user.role === 'admin',
		today
	};
};

export const actions: Actions = {
	/** Admins open a running quarter for provisional data (or close it again). */
	openPeriod: async ({ locals, params, request, getClientAddress }) => {
		const user = requireUser(locals.user);
		if (user.role !== 'admin') error(403, 'Forbidden');
		const { db, pilot } = pilotInScope(user, params.code);
		const form = await request.formData();
		const actor = actorOf(user, getClientAddress());
		const period = String(form.get('period') ?? '');
		if (form.get('close') === '1') {
			openings.close(db, actor, pilot, period);
			return { periodClosed: period };
		}
		const outcome = openings.open(db, actor, pilot, period, String(form.get('reason') ?? ''), chinaToday());
		return outcome.ok ? { periodOpened: period } : fail(400, { openError: outcome.why });
	}
};
