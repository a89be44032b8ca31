import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/access';
import { CREDIT_COLUMNS, creditCsvRow, forProvince } from '$lib/server/evaluation/credits';
import { resolveProvince } from '$lib/domain/provinces';
import { tableDownload } from '$lib/server/excel/table';
import { PUBLIC_TEXT } from '$lib/evaluation/public-text';
import type { RequestHandler } from './$types';

/**
 * The deemed-audit credits for a province's own audit register, as CSV (revoked credits and enterprises without a
 * credit code included and marked); `?format=xlsx` for the same as an Excel workbook. A province user gets their province (asking for another is 403); the ministry and
 * admins get every province, or one with `?province=` (a code or a name). Implementers 403, anonymous 401.
 */
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireRole(locals.user, 'province', 'ministry', 'admin');
	const asked = url.searchParams.get('province');
	const wanted = asked ? resolveProvince(asked) : null;
	if (asked && !wanted) error(400, `${PUBLIC_TEXT['export.province'].zh} / ${PUBLIC_TEXT['export.province'].en}`);
	let province: string | null = wanted;
	if (user.role === 'province') {
		// a province account without its province must not fall through to "all provinces"
		if (!user.provinceCode || (wanted && wanted !== user.provinceCode))
			error(403, `${PUBLIC_TEXT['export.ownProvince'].zh} / ${PUBLIC_TEXT['export.ownProvince'].en}`);
		province = user.provinceCode;
	}
	const rows = forProvince(getDb(), province).map(creditCsvRow);
	const fields = [...CREDIT_COLUMNS];
	return tableDownload(url.searchParams.get('format'), `credits-${province ?? 'all'}`, fields, rows);
};
