import { error } from '@sveltejs/kit';
import { readFileSync } from 'node:fs';
import { getDb } from '$lib/server/db';
import * as deliverables from '$lib/server/evaluation/deliverables';
import { rawFilePath } from '$lib/server/intake/store';
import type { RequestHandler } from './$types';

/**
 * The file of a public deliverable of a passed pilot, under its public name; no sign-in. Anything else — not public,
 * a pilot not (or no longer) passed, a link without a file, no such id — is a 404.
 */
export const GET: RequestHandler = ({ params }) => {
	const file = deliverables.publicFile(getDb(), Number(params.id));
	if (!file) error(404, 'Not found');
	return new Response(readFileSync(rawFilePath(file.sha256)), {
		headers: {
			'content-type': 'application/octet-stream',
			'content-disposition': `attachment; filename="${file.name}"`
		}
	});
};
