import { error } from '@sveltejs/kit';
import { readFileSync } from 'node:fs';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as values from '$lib/server/progress/values';
import { rawFilePath } from '$lib/server/intake/store';
import type { RequestHandler } from './$types';

/** The original bytes of an upload, for users who may see every pilot it covers (else 404). */
export const GET: RequestHandler = ({ locals, params }) => {
	const user = requireUser(locals.user);
	const upload = values.downloadableUpload(getDb(), scopeOf(user), Number(params.id));
	if (!upload) error(404, 'Not found');
	const bytes = readFileSync(rawFilePath(upload.sha256));
	return new Response(bytes, {
		headers: {
			'Content-Type': 'text/csv',
			'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(upload.fileName)}`,
			'X-Content-SHA256': upload.sha256
		}
	});
};
