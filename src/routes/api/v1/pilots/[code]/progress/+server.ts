import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import * as tokens from '$lib/server/auth/tokens';
import { pilotProgress } from '$lib/server/progress/progress';
import { toCsv } from '$lib/csv/write';
import type { RequestHandler } from './$types';

const refuse = (status: number, code: string, zh: string, en: string) => json({ error: { code, zh, en } }, { status });

/**
 * GET /api/v1/pilots/{code}/progress[?format=csv] — the signed-in user (session) or a bearer token,
 * scoped like the pages (a pilot outside the scope is 404). Per indicator its baseline, target,
 * progress, expected to date, attainment and status; per group; and the reporting calendar.
 */
export const GET: RequestHandler = ({ locals, request, params, url }) => {
	const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	const user = bearer ? tokens.authenticate(getDb(), bearer) : locals.user;
	if (!user) return refuse(401, 'UNAUTHORISED', '请登录或提供访问令牌', 'Sign in or send a bearer token');
	const pilot = pilots.get(getDb(), scopeOf(user), params.code);
	if (!pilot) return refuse(404, 'NOT_FOUND', '没有此试点', 'No such pilot');
	const progress = pilotProgress(getDb(), pilot);
	if (!progress)
		return refuse(409, 'NO_TERM', '试点实施期未知，无法计算进展', 'The pilot has no known term, so no progress');
	const indicators = progress.indicators.map((i) => ({
		code: i.code,
		unit: i.unit,
		direction: i.direction,
		baseline: i.baseline,
		target: i.target,
		progress: i.progress,
		expectedToDate: i.expectedToDate,
		attainment: i.attainment,
		status: i.status
	}));
	const calendar = progress.calendar.map((c) => ({
		period: c.period,
		due: c.due,
		status: c.status,
		submittedAt: c.submittedOn
	}));
	if (url.searchParams.get('format') === 'csv') {
		const csv = toCsv(
			[
				'pilot',
				'code',
				'unit',
				'direction',
				'baseline',
				'target',
				'progress',
				'expectedToDate',
				'attainment',
				'status'
			],
			indicators.map((i) => [
				pilot.code,
				i.code,
				i.unit,
				i.direction,
				i.baseline,
				i.target,
				i.progress,
				i.expectedToDate,
				i.attainment,
				i.status
			])
		);
		return new Response(csv, {
			headers: {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': `attachment; filename="${pilot.code}-progress.csv"`
			}
		});
	}
	return json({
		pilot: pilot.code,
		quartersDue: progress.quartersDue,
		isTermOver: progress.isTermOver,
		overall: progress.overall,
		indicators,
		groups: progress.groups,
		calendar,
		flags: progress.flags
	});
};
