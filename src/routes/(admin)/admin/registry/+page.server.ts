import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/access';
import * as registry from '$lib/server/registry';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals.user, 'admin');
	return {};
};

export const actions: Actions = {
	default: async ({ locals, request, getClientAddress }) => {
		const user = requireRole(locals.user, 'admin');
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { noFile: true as const });
		const outcome = registry.importFile(getDb(), new Uint8Array(await file.arrayBuffer()), {
			dryRun: form.get('dryRun') === 'on',
			actor: { userId: user.id, name: user.username, ip: getClientAddress() },
			fileName: file.name
		});
		const result = {
			fileName: file.name,
			...outcome,
			problems: outcome.problems.slice(0, 500),
			problemCount: outcome.problems.length
		};
		return outcome.problems.some((p) => p.severity === 'error') ? fail(422, { result }) : { result };
	}
};
