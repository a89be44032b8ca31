import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/access';
import * as audit from '$lib/server/audit/audit';
import { tableDownload } from '$lib/server/excel/table';
import type { RequestHandler } from './$types';

/** The filtered trail as Excel-safe CSV (UTF-8 BOM, formula-neutralised cells), or `?format=xlsx`; admins only. */
export const GET: RequestHandler = ({ locals, url }) => {
	requireRole(locals.user, 'admin');
	const rows = audit.list(getDb(), { ...audit.filterFromUrl(url), limit: 100_000 });
	const fields = ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'before', 'after', 'ip'];
	const cells = rows.map((r) => [
		r.id,
		new Date(r.at).toISOString(),
		r.actor,
		r.action,
		r.entity,
		r.entityId,
		r.before,
		r.after,
		r.ip
	]);
	return tableDownload(url.searchParams.get('format'), 'audit-log', fields, cells);
};
