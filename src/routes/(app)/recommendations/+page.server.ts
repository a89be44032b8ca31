import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireRole, scopeOf } from '$lib/server/auth/access';
import * as recommendations from '$lib/server/recommendations/recommendations';
import type { Actions, PageServerLoad } from './$types';

/** Provinces see and prepare their own recommendations; the ministry (and admins) review all of them. */
export const load: PageServerLoad = ({ locals }) => {
	const user = requireRole(locals.user, 'province', 'ministry', 'admin');
	const db = getDb();
	return {
		role: user.role,
		batches: recommendations.openBatches(db),
		rows: recommendations.list(db, scopeOf(user)).map((r) => ({
			id: r.id,
			state: r.state,
			provinceCode: r.provinceCode,
			batch: { number: r.batch.number, nameZh: r.batch.nameZh, nameEn: r.batch.nameEn },
			projectName: r.draft.projectName,
			applicantName: r.draft.applicantName,
			category: r.draft.category,
			problems: r.problems.length,
			priority: r.priority,
			pilotCode: r.pilotCode,
			updatedAt: r.updatedAt
		}))
	};
};

export const actions: Actions = {
	/** A province user opens a new draft for an open batch. */
	create: async ({ locals, request, getClientAddress }) => {
		const user = requireRole(locals.user, 'province');
		const db = getDb();
		const number = Number((await request.formData()).get('batch'));
		const batch = recommendations.openBatches(db).find((b) => b.number === number);
		if (!batch) error(404, 'Not found');
		if (!batch.isOpen) return fail(400, { closed: batch.recommendationDeadline });
		const id = recommendations.create(db, batch.id, user.provinceCode ?? '', {
			userId: user.id,
			name: user.username,
			ip: getClientAddress()
		});
		redirect(303, `/recommendations/${id}`);
	}
};
