import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import { templateCsv } from '$lib/server/intake/template';
import { templateXlsx } from '$lib/server/intake/xlsx/template';
import { periodKey, termQuarters } from '$lib/domain/periods';
import { calendar } from '$lib/domain/calendar';
import * as openings from '$lib/server/intake/openings';
import { chinaToday } from '$lib/server/ops/clock';
import type { RequestHandler } from './$types';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET ?period=2025Q4&lang=zh|en[&format=xlsx]: the pilot's template for one of its term quarters, as CSV or .xlsx. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const user = requireUser(locals.user);
	const pilot = pilots.get(getDb(), scopeOf(user), params.code);
	if (!pilot) error(404, 'Not found');
	const periods = pilot.termStart ? termQuarters(pilot.termStart).map(periodKey) : [];
	const period = url.searchParams.get('period') ?? '';
	if (!periods.includes(period)) error(400, `Period must be one of: ${periods.join(', ') || '(term unknown)'}`);
	// The same rule as the intake's: a quarter is reported once it has ended, or while an admin has it open.
	const entry = calendar(
		pilot.termStart!,
		pilot.batch.dueOffsetDays,
		{},
		chinaToday(),
		openings.periodsOf(getDb(), pilot.id)
	).find((c) => c.period === period);
	if (!entry?.canReport)
		error(
			400,
			`报告期 ${period} 尚未结束（最后一天为 ${entry?.end}），结束后才能报送 / Period ${period} has not ended yet (its last day is ${entry?.end}); it can be reported after that`
		);
	const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'zh';
	const args = [
		pilot.code,
		period,
		pilot.enterprises.map((e) => e.code),
		pilot.indicators.map((i) => i.indicatorCode),
		lang
	] as const;
	if (url.searchParams.get('format') === 'xlsx')
		return new Response(Buffer.from(await templateXlsx(...args)), {
			headers: {
				'Content-Type': XLSX_TYPE,
				'Content-Disposition': `attachment; filename="${pilot.code}_${period}_template.xlsx"`
			}
		});
	const csv = templateCsv(...args);
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${pilot.code}_${period}_template.csv"`
		}
	});
};
