import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/access';
import * as registry from '$lib/server/registry';
import type { RequestHandler } from './$types';

const KINDS = ['pilots', 'enterprises', 'indicators'] as const;

/** Layout guards do not run for endpoints: this one checks the role itself. */
export const GET: RequestHandler = ({ locals, params, url }) => {
	requireRole(locals.user, 'admin');
	const kind = KINDS.find((k) => k === params.kind);
	if (!kind) error(404, 'Unknown registry kind');
	const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh';
	const body = registry.exportCsv(getDb(), kind, lang);
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="registry-${kind}-${new Date().toISOString().slice(0, 10)}.csv"`
		}
	});
};
