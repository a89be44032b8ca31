import { error } from '@sveltejs/kit';
import { readFileSync } from 'node:fs';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import { filesOf } from '$lib/server/evaluation/summaries';
import { rawFilePath } from '$lib/server/intake/store';
import type { RequestHandler } from './$types';

/** An attachment of the summary of a pilot the caller may see, as uploaded. */
export const GET: RequestHandler = ({ locals, params }) => {
	const user = requireUser(locals.user);
	const pilot = pilots.get(getDb(), scopeOf(user), params.code);
	const file = pilot ? filesOf(getDb(), pilot.id).find((f) => f.id === Number(params.id)) : undefined;
	if (!file) error(404, 'Not found');
	return new Response(readFileSync(rawFilePath(file.sha256)), {
		headers: {
			'content-type': 'application/octet-stream',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`
		}
	});
};
