import { error } from '@sveltejs/kit';
import { readFileSync } from 'node:fs';
import { getDb } from '$lib/server/db';
import { requireRole, scopeOf } from '$lib/server/auth/access';
import * as recommendations from '$lib/server/recommendations/recommendations';
import { rawFilePath } from '$lib/server/intake/store';
import type { RequestHandler } from './$types';

/** An attachment of a recommendation the caller may see, as uploaded. */
export const GET: RequestHandler = ({ locals, params }) => {
	const user = requireRole(locals.user, 'province', 'ministry', 'admin');
	const r = recommendations.get(getDb(), scopeOf(user), Number(params.id));
	const file = r?.files.find((f) => f.id === Number(params.fileId));
	if (!file) error(404, 'Not found');
	return new Response(readFileSync(rawFilePath(file.sha256)), {
		headers: {
			'content-type': 'application/octet-stream',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`
		}
	});
};
