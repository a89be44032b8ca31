// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireRole, scopeOf } from '$lib/server/auth/access';
import * as recommendations from '$lib/server/recommendations/recommendations';
import { draftFromForm } from '$lib/recommendations/form';
import { emailSubject } from '$lib/domain/recommendation';
import type { SessionUser } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

function context(user: SessionUser | null, id: string) {
	const u = requireRole(user, 'province', 'ministry', 'admin');
	const db = getDb();
	const r = recommendations.get(db, scopeOf(u), Number(id));
	if (!r) error(404, 'Not found');
	return { user: u, db, r };
}

const actorOf = (user: SessionUser, ip: string) => ({ userId: user.id, name: user.username, ip });

export const load: PageServerLoad = ({ locals, params }) => {
	const { user, db, r } = context(locals.user, params.id);
	return {
		role: user.role,
		r: {
			...r,
			files: r.files.map(({ id, kind, fileName, size, uploadedAt }) => ({ id, kind, fileName, size, uploadedAt }))
		},
		subject: emailSubject(r.batch.year, r.draft.projectName, r.draft.applicantName),
		settings: recommendations.settingsOf(r.batch),
		...recommendations.assess(db, r)
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, r } = context(locals.user, params.id);
		if (user.role !== 'province') error(403, 'Forbidden');
		const draft = draftFromForm(await request.formData(), r.provinceCode);
		const outcome = recommendations.save(db, r, draft, actorOf(user, getClientAddress()));
		if (!outcome.ok) return fail(400, { problems: outcome.problems, draft });
		return { saved: true };
	},
	attach: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, r } = context(locals.user, params.id);
		if (user.role !== 'province') error(403, 'Forbidden');
		const form = await request.formData();
		const file = form.get('file');
		const kind = form.get('kind') === 'letter' ? 'letter' : 'plan';
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { problems: [{ field: 'file', zh: '请选择要上传的文件', en: 'Choose a file to upload' }] });
		const outcome = recommendations.attach(
			db,
			r,
			{ kind, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
			actorOf(user, getClientAddress())
		);
		if (!outcome.ok) return fail(400, { problems: outcome.problems });
		return { attached: file.name };
	},
	submit: ({ locals, params, getClientAddress }) => {
		const { user, db, r } = context(locals.user, params.id);
		if (user.role !== 'province') error(403, 'Forbidden');
		const outcome = recommendations.submit(db, r, actorOf(user, getClientAddress()));
		if (!outcome.ok) return fail(400, { problems: outcome.problems });
		return { submitted: true };
	},
	withdraw: ({ locals, params, getClientAddress }) => {
		const { user, db, r } = context(locals.user, params.id);
		if (user.role !== 'province') error(403, 'Forbidden');
		const outcome = recommendations.withdraw(db, r, actorOf(user, getClientAddress()));
		if (!outcome.ok) return fail(400, { problems: outcome.problems });
		return { withdrawn: true };
	},
	approve: ({ locals, params, getClientAddress }) => {
		const { user, db, r } = context(locals.user, params.id);
		if (user.role === 'province') error(403, 'Forbidden');
		const outcome = recommendations.approve(
			db,
			r,
			user.role as 'ministry' | 'admin',
			actorOf(user, getClientAddress())
		);
		if (!outcome.ok) return fail(400, { problems: outcome.problems });
		return { approved: outcome.pilotCode };
	},
	decline: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, r } = context(locals.user, params.id);
		if (user.role === 'province') error(403, 'Forbidden');
		const reason = String((await request.formData()).get('reason') ?? '');
		const outcome = recommendations.decline(
			db,
			r,
			user.role as 'ministry' | 'admin',
			reason,
			actorOf(user, getClientAddress())
		);
		if (!outcome.ok) return fail(400, { problems: outcome.problems });
		return { declined: true };
	}
};
