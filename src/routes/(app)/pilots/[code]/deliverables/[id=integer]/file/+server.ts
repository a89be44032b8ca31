import { error } from '@sveltejs/kit';
import { readFileSync } from 'node:fs';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import * as deliverables from '$lib/server/evaluation/deliverables';
import { rawFilePath } from '$lib/server/intake/store';
import type { RequestHandler } from './$types';

/** The file of a deliverable of a pilot the caller may see, as uploaded; 404 for anything else. */
export const GET: RequestHandler = ({ locals, params }) => {
	const user = requireUser(locals.user);
	const db = getDb();
	const pilot = pilots.get(db, scopeOf(user), params.code);
	const d = pilot ? deliverables.get(db, pilot.id, Number(params.id)) : null;
	if (!d?.sha256 || !d.fileName) error(404, 'Not found');
	return new Response(readFileSync(rawFilePath(d.sha256)), {
		headers: {
			'content-type': 'application/octet-stream',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(d.fileName)}`
		}
	});
};
