import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import * as cases from '$lib/server/cases/cases';
import { contentFromForm } from '$lib/cases/content';
import type { SessionUser } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

/** Cases are curated by ministry analysts (and admins); the pilot must exist. */
function context(user: SessionUser | null, code: string) {
	requireRole(user, 'ministry', 'admin');
	const db = getDb();
	const pilot = pilots.get(db, { kind: 'all' }, code);
	if (!pilot) error(404, 'Not found');
	return { db, pilot };
}

const actorOf = (user: SessionUser, ip: string) => ({ userId: user.id, name: user.username, ip });

export const load: PageServerLoad = ({ locals, params }) => {
	const { db, pilot } = context(locals.user, params.code);
	const record = cases.ofPilot(db, pilot.id);
	const codes = pilot.indicators.map((i) => i.indicatorCode);
	return {
		pilot: { code: pilot.code, nameZh: pilot.nameZh, nameEn: pilot.nameEn, isDemo: pilot.isDemo },
		record,
		indicators: cases.frozenFigures(db, pilot.id, codes).map((f) => ({ code: f.code, approved: f.points.length }))
	};
};

export const actions: Actions = {
	open: ({ locals, params, getClientAddress }) => {
		const { db, pilot } = context(locals.user, params.code);
		cases.open(db, pilot, actorOf(locals.user!, getClientAddress()));
		redirect(303, `/dashboard/cases/${encodeURIComponent(pilot.code)}`);
	},
	save: async ({ locals, params, request, getClientAddress }) => {
		const { db, pilot } = context(locals.user, params.code);
		const record = cases.ofPilot(db, pilot.id);
		if (!record) error(404, 'Not found');
		const { content, problems } = contentFromForm(
			await request.formData(),
			pilot.indicators.map((i) => i.indicatorCode)
		);
		if (problems.length) return fail(400, { problems, content });
		cases.save(db, record, content, actorOf(locals.user!, getClientAddress()));
		return { saved: true };
	},
	publish: ({ locals, params, getClientAddress }) => {
		const { db, pilot } = context(locals.user, params.code);
		const record = cases.ofPilot(db, pilot.id);
		if (!record) error(404, 'Not found');
		const outcome = cases.publish(db, record, actorOf(locals.user!, getClientAddress()));
		if (!outcome.ok) return fail(400, { problems: outcome.problems });
		return { published: true };
	},
	withdraw: async ({ locals, params, request, getClientAddress }) => {
		const { db, pilot } = context(locals.user, params.code);
		const record = cases.ofPilot(db, pilot.id);
		if (!record) error(404, 'Not found');
		const reason = String((await request.formData()).get('reason') ?? '');
		const outcome = cases.withdraw(db, record, reason, actorOf(locals.user!, getClientAddress()));
		if (!outcome.ok) return fail(400, { problems: outcome.problems });
		return { withdrawn: true };
	}
};
