import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/access';
import * as tokens from '$lib/server/tokens';
import type { Actions, PageServerLoad } from './$types';

/** Token holders are the roles that report values. */
function holder(event: Pick<RequestEvent, 'locals'>) {
	const user = requireUser(event.locals.user);
	if (!tokens.canImport(user.role)) error(403, 'Forbidden');
	return user;
}

export const load: PageServerLoad = (event) => ({ tokens: tokens.list(getDb(), holder(event).id) });

export const actions: Actions = {
	create: async (event) => {
		const user = holder(event);
		const form = await event.request.formData();
		const created = tokens.create(getDb(), user, String(form.get('name') ?? ''), {
			userId: user.id,
			name: user.username,
			ip: event.getClientAddress()
		});
		return created.ok ? { token: created.token } : fail(400, { tokenLimit: created.limit });
	},
	revoke: async (event) => {
		const user = holder(event);
		const form = await event.request.formData();
		const ok = tokens.revoke(getDb(), user.id, Number(form.get('id')), {
			userId: user.id,
			name: user.username,
			ip: event.getClientAddress()
		});
		return ok ? { revoked: true } : fail(404, { revoked: false });
	}
};
