/** Who may export which province's credits, on the intake test registry (all its pilots are in province '32'). */
import { beforeEach, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth';
import { freshAppDb, intakeTestDb, TEST_TODAY } from '$lib/server/testing';
import * as lists from '$lib/server/evaluation/pass-lists';
import { GET } from './+server';

const current: { db?: Db } = {};

type Event = Parameters<typeof GET>[0];
let users: ReturnType<typeof intakeTestDb>['users'];

function as(user: SessionUser | null, query = '') {
	return GET({
		url: new URL(`http://localhost/evaluation/credits.csv?${query}`),
		locals: { user }
	} as unknown as Event);
}

/** The status `as` fails with, or 200 when it answers. */
async function statusOf(user: SessionUser | null, query = ''): Promise<number> {
	try {
		return (await as(user, query)).status;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}

const dataRows = async (r: Response) => (await r.text()).split('\r\n').filter(Boolean).slice(1);

beforeEach(() => {
	const t = freshAppDb();
	current.db = t.db;
	users = t.users;
	t.sqlite
		.prepare(
			`INSERT INTO evaluation_decisions (pilot_id, decision, reason, decided_on, decided_by, decided_at)
			 SELECT id, 'passed', '评估意见', '2026-11-20', 'min', 0 FROM pilots WHERE code = 'Q-1'`
		)
		.run();
	const actor = { userId: t.users.admin.id, name: 'admin', ip: null };
	expect(lists.publish(t.db, 1, { refNo: '文号', publishedOn: '2026-11-25' }, actor, TEST_TODAY).ok).toBe(true);
});

describe('GET /evaluation/credits.csv', () => {
	it('is 401 for anonymous callers and 403 for implementers', async () => {
		expect(await statusOf(null)).toBe(401);
		expect(await statusOf(users.imp1)).toBe(403);
	});

	it("gives a province user their own province's credits and refuses another province or none", async () => {
		const r = await as(users.province);
		expect(r.headers.get('content-disposition')).toBe('attachment; filename="credits-32.csv"');
		expect(await dataRows(r)).toHaveLength(3);
		expect(await statusOf(users.province, 'province=110000')).toBe(403);
		expect(await statusOf({ ...users.province, provinceCode: null })).toBe(403);
	});

	it('gives the ministry and admins every province, or the one asked for; an unknown province is 400', async () => {
		const all = await as(users.admin);
		expect(all.headers.get('content-disposition')).toBe('attachment; filename="credits-all.csv"');
		expect(await dataRows(all)).toHaveLength(3);
		const ministry = { ...users.admin, role: 'ministry' as const };
		const beijing = await as(ministry, 'province=北京');
		expect(beijing.headers.get('content-disposition')).toBe('attachment; filename="credits-110000.csv"');
		expect(await dataRows(beijing)).toEqual([]);
		expect(await statusOf(ministry, 'province=火星')).toBe(400);
	});
});
