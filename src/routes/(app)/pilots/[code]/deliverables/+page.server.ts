import { error, fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import * as deliverables from '$lib/server/evaluation/deliverables';
import { chinaToday } from '$lib/server/ops/clock';
import type { SessionUser } from '$lib/server/auth';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The caller and the pilot within their scope (404 outside it, exactly like a pilot that does not exist). */
function context(user: SessionUser | null, code: string) {
	const u = requireUser(user);
	const db = getDb();
	const pilot = pilots.get(db, scopeOf(u), code);
	if (!pilot) error(404, 'Not found');
	return { user: u, db, pilot };
}

/** As context, for writing: 403 unless the caller may edit the pilot's deliverables. */
function writer(event: RequestEvent) {
	const c = context(event.locals.user, event.params.code);
	if (!deliverables.mayEdit(c.db, c.user, c.pilot.id)) error(403, 'Forbidden');
	return { ...c, actor: { userId: c.user.id, name: c.user.username, ip: event.getClientAddress() } };
}

/** The form's fields as typed (shown again after a refusal). */
function fieldsOf(form: FormData): deliverables.DeliverableFields {
	const text = (key: string) => String(form.get(key) ?? '');
	return {
		kind: text('kind'),
		titleZh: text('titleZh'),
		titleEn: text('titleEn'),
		date: text('date'),
		url: text('url'),
		abstract: text('abstract'),
		isPublic: form.get('isPublic') === 'on',
		dropFile: form.get('dropFile') === 'on'
	};
}

/** The chosen file, or null when none was chosen (an empty file with a name is passed on, to be refused as empty). */
async function fileOf(form: FormData): Promise<deliverables.DeliverableFile | null> {
	const file = form.get('file');
	if (!(file instanceof File) || (file.size === 0 && file.name === '')) return null;
	return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export const load: PageServerLoad = ({ locals, params, url }) => {
	const { user, db, pilot } = context(locals.user, params.code);
	const canEdit = deliverables.mayEdit(db, user, pilot.id);
	const items = deliverables
		.list(db, pilot.id)
		.map(({ id, kind, titleZh, titleEn, date, url, fileName, size, abstract, isPublic }) => ({
			id,
			kind,
			titleZh,
			titleEn,
			date,
			url,
			fileName,
			size,
			abstract,
			isPublic
		}));
	const find = (key: string) => items.find((d) => String(d.id) === url.searchParams.get(key)) ?? null;
	return {
		pilot: { code: pilot.code, nameZh: pilot.nameZh, nameEn: pilot.nameEn, isDemo: pilot.isDemo },
		items,
		canEdit,
		editing: canEdit ? find('edit') : null,
		updated: find('updated'),
		today: chinaToday()
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { db, pilot, actor } = writer(event);
		const form = await event.request.formData();
		const fields = fieldsOf(form);
		const outcome = deliverables.create(db, pilot, fields, await fileOf(form), actor);
		if (!outcome.ok) return fail(400, { action: 'create' as const, problems: outcome.problems, values: fields });
		return { created: fields.titleZh.trim() };
	},
	update: async (event) => {
		const { db, pilot, actor } = writer(event);
		const form = await event.request.formData();
		const id = Number(form.get('id'));
		const fields = fieldsOf(form);
		const outcome = deliverables.update(db, pilot, id, fields, await fileOf(form), actor);
		if (!outcome.ok) return fail(400, { action: 'update' as const, problems: outcome.problems, values: fields });
		redirect(303, `/pilots/${encodeURIComponent(pilot.code)}/deliverables?updated=${id}`);
	},
	remove: async (event) => {
		const { db, pilot, actor } = writer(event);
		const outcome = deliverables.remove(db, pilot, Number((await event.request.formData()).get('id')), actor);
		if (!outcome.ok) return fail(400, { action: 'remove' as const, problems: outcome.problems, values: null });
		return { removed: true };
	}
};
