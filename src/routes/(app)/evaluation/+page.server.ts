import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireRole, requireUser, scopeOf } from '$lib/server/auth/access';
import { batchesWithLists, board } from '$lib/server/evaluation/board';
import * as lists from '$lib/server/evaluation/pass-lists';
import { chinaToday } from '$lib/server/ops/clock';
import type { Actions, PageServerLoad } from './$types';

/** The evaluation board within the user's scope, one batch at a time (?batch=N; default: the latest with rows). */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals.user);
	const db = getDb();
	const today = chinaToday();
	const all = board(db, scopeOf(user), today);
	const batches = batchesWithLists(db)
		.map((b) => ({ ...b, rows: all.filter((r) => r.batch === b.number).length }))
		.filter((b) => b.rows > 0 || b.refNo !== null);
	const requested = Number(url.searchParams.get('batch'));
	const batch = batches.find((b) => b.number === requested) ?? batches.at(-1) ?? null;
	const rows = batch ? all.filter((r) => r.batch === batch.number) : [];
	const stage = url.searchParams.get('stage');
	return {
		role: user.role,
		today,
		batches,
		batch,
		stage,
		rows: stage ? rows.filter((r) => (stage === 'overdue' ? r.isOverdue : r.stage === stage)) : rows,
		counts: {
			all: rows.length,
			overdue: rows.filter((r) => r.isOverdue).length,
			waiting: rows.filter((r) => r.stage === 'submitted').length,
			forwarded: rows.filter((r) => r.stage === 'forwarded').length,
			passed: rows.filter((r) => r.stage === 'passed').length,
			notPassed: rows.filter((r) => r.stage === 'not_passed').length
		},
		canPublish: user.role === 'ministry' || user.role === 'admin'
	};
};

export const actions: Actions = {
	/** The ministry publishes the batch's list (frozen; credits for every enterprise of its passed pilots). */
	publish: async ({ locals, request, getClientAddress }) => {
		const user = requireRole(locals.user, 'ministry', 'admin');
		const form = await request.formData();
		const batch = Number(form.get('batch'));
		const input = { refNo: String(form.get('refNo') ?? ''), publishedOn: String(form.get('publishedOn') ?? '') };
		const outcome = lists.publish(
			getDb(),
			batch,
			input,
			{ userId: user.id, name: user.username, ip: getClientAddress() },
			chinaToday()
		);
		if (!outcome.ok) return fail(400, { problems: outcome.problems, input });
		return { published: { batch, credits: outcome.credits, evaluated: outcome.evaluated, passed: outcome.passed } };
	}
};
