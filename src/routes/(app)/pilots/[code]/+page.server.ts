import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import * as values from '$lib/server/progress/values';
import { canImport } from '$lib/server/auth/tokens';
import { dueDate, periodKey, termQuarters } from '$lib/domain/periods';
import { pilotProgress } from '$lib/server/progress/progress';
import * as narratives from '$lib/server/review/narratives';
import * as scores from '$lib/server/analytics/scores';
import * as review from '$lib/server/review/review';
import * as audit from '$lib/server/audit/audit';
import * as openings from '$lib/server/intake/openings';
import { chinaToday } from '$lib/server/ops/clock';
import { REVIEW_ACTIONS, type ReviewAction } from '$lib/domain/review';
import { userPilots } from '$lib/server/db/schema';
import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

/** Narratives are written by the pilot's own implementers (and admins). */
function canWrite(user: SessionUser, pilotId: number): boolean {
	if (user.role === 'admin') return true;
	if (user.role !== 'implementer') return false;
	const link = getDb()
		.select()
		.from(userPilots)
		.where(and(eq(userPilots.userId, user.id), eq(userPilots.pilotId, pilotId)))
		.get();
	return link !== undefined;
}

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
	const progress = pilotProgress(db, pilot);
	const reportable = new Set(progress?.calendar.filter((c) => c.canReport).map((c) => c.period) ?? []);
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
		quarterChanges: quarter ? values.latestChanges(db, pilot.id, quarter) : null,
		history: values.history(db, pilot.id),
		canUpload: canImport(user.role),
		/** The quarters whose template and upload are offered now: ended, or opened for provisional data. */
		reportable: [...reportable],
		openings: openings.list(db, pilot.id),
		canOpenPeriods: user.role === 'admin',
		progress,
		// analysts' figure: its method page and peer ranks belong to the dashboards, which implementers do not open
		score: user.role === 'implementer' ? null : scores.ofPilot(db, pilot.id),
		narratives: narratives.forPilot(db, pilot.id),
		canWrite: canWrite(user, pilot.id),
		reviewStates: review.statesOf(db, pilot.id),
		reviewEvents: review.eventsOf(db, pilot.id),
		role: user.role,
		auditTrail: audit.forPilot(db, pilot, user),
		today: chinaToday()
	};
};

export const actions: Actions = {
	narrative: async ({ locals, params, request, getClientAddress }) => {
		const user = requireUser(locals.user);
		const pilot = pilots.get(getDb(), scopeOf(user), params.code);
		if (!pilot) error(404, 'Not found');
		if (!canWrite(user, pilot.id)) error(403, 'Forbidden');
		const form = await request.formData();
		const period = String(form.get('period') ?? '');
		const periods = pilot.termStart ? termQuarters(pilot.termStart).map(periodKey) : [];
		if (!periods.includes(period)) return fail(400, { narrativeError: period });
		narratives.save(getDb(), pilot.id, period, String(form.get('text') ?? ''), {
			userId: user.id,
			name: user.username,
			ip: getClientAddress()
		});
		return { narrativeSaved: period };
	},
	review: async ({ locals, params, request, getClientAddress }) => {
		const user = requireUser(locals.user);
		const pilot = pilots.get(getDb(), scopeOf(user), params.code);
		if (!pilot) error(404, 'Not found');
		const form = await request.formData();
		const period = String(form.get('period') ?? '');
		const action = String(form.get('action') ?? '') as ReviewAction;
		const periods = pilot.termStart ? termQuarters(pilot.termStart).map(periodKey) : [];
		if (!periods.includes(period) || !REVIEW_ACTIONS.includes(action)) error(400, 'Bad request');
		// Implementers act only on their own pilots; province users see (and so review) only their province's.
		if (user.role === 'implementer' && !canWrite(user, pilot.id)) error(403, 'Forbidden');
		const outcome = review.act(getDb(), pilot.id, period, action, user.role, String(form.get('comment') ?? ''), {
			userId: user.id,
			name: user.username,
			ip: getClientAddress()
		});
		return outcome.ok ? { reviewed: { period, state: outcome.state } } : fail(400, { reviewError: outcome.why });
	},
	/** Admins open a running quarter for provisional data (or close it again). */
	openPeriod: async ({ locals, params, request, getClientAddress }) => {
		const user = requireUser(locals.user);
		if (user.role !== 'admin') error(403, 'Forbidden');
		const pilot = pilots.get(getDb(), scopeOf(user), params.code);
		if (!pilot) error(404, 'Not found');
		const form = await request.formData();
		const actor = { userId: user.id, name: user.username, ip: getClientAddress() };
		const period = String(form.get('period') ?? '');
		if (form.get('close') === '1') {
			openings.close(getDb(), actor, pilot, period);
			return { periodClosed: period };
		}
		const outcome = openings.open(getDb(), actor, pilot, period, String(form.get('reason') ?? ''), chinaToday());
		return outcome.ok ? { periodOpened: period } : fail(400, { openError: outcome.why });
	}
};
