import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importIndicators } from '../intake';
import { intakeTestDb, TEST_TODAY } from '../testing/registry';
import * as audit from './audit';
import * as review from '../review/review';
import * as narratives from '../review/narratives';

describe('audit trail views', () => {
	it('shows a pilot its imports, narratives and reviews, and filters the whole trail by action, actor and day', async () => {
		const { db, sqlite, users } = intakeTestDb();
		const csv = new TextEncoder().encode(
			'pilot_code,enterprise_code,period,indicator_code,value,unit,note\nQ-1,E01,2025Q4,voc,10,t,\n'
		);
		await importIndicators(db, csv, {
			user: users.imp1,
			dryRun: false,
			fileName: 'q.csv',
			channel: 'web',
			today: TEST_TODAY,
			dataDir: mkdtempSync(join(tmpdir(), 'audit-'))
		});
		const pilot = sqlite.prepare("SELECT id, code FROM pilots WHERE code = 'Q-1'").get() as {
			id: number;
			code: string;
		};
		const actor = { userId: users.imp1.id, name: users.imp1.username, ip: '10.0.0.1' };
		narratives.save(db, pilot.id, '2025Q4', '说明', actor);
		review.act(db, pilot.id, '2025Q4', 'submit', 'implementer', '', actor);

		const mine = audit.forPilot(db, pilot, users.admin).map((e) => e.action);
		expect(mine).toEqual(expect.arrayContaining(['import.commit', 'review.submit', 'pilot.create']));
		expect(audit.forPilot(db, { id: 99999, code: 'Q-2' }, users.admin).some((e) => e.action === 'import.commit')).toBe(
			false
		);

		expect(audit.list(db, { action: 'review.' }).map((e) => e.action)).toEqual(['review.submit']);
		expect(audit.list(db, { actor: users.imp1.username }).every((e) => e.actor === users.imp1.username)).toBe(true);
		const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
		expect(audit.list(db, { from: today, to: today }).length).toBeGreaterThan(0);
		expect(audit.list(db, { to: '2000-01-01' })).toEqual([]);
		expect(audit.filterFromUrl(new URL('http://x/admin/audit?action=import.&from=2026-01-01'))).toMatchObject({
			action: 'import.',
			from: '2026-01-01'
		});
	});
});

/** The pilot codes of the import's revisions in a trail. */
const codesOf = (trail: audit.TrailEntry[]) =>
	(
		JSON.parse(trail.find((e) => e.action === 'import.commit')!.after!) as { revisions: { pilotCode: string }[] }
	).revisions
		.map((r) => r.pilotCode)
		.sort();

describe("a pilot's audit trail, per role", () => {
	/**
	 * One file covering Q-1 (province 32) and Q-2 (moved to province 33), imported by the admin from 10.0.0.9; the
	 * province reviewer of 32 then acts on Q-1 from 10.0.0.7.
	 */
	async function twoProvinces() {
		const { db, sqlite, users } = intakeTestDb();
		sqlite.prepare("UPDATE pilots SET province_code = '33' WHERE code = 'Q-2'").run();
		const csv = new TextEncoder().encode(
			[
				'pilot_code,enterprise_code,period,indicator_code,value,unit,note',
				'Q-1,E01,2025Q4,voc,10,t,',
				'Q-2,F01,2025Q4,voc,20,t,',
				'Q-2,F01,2026Q1,voc,21,t,'
			].join('\n')
		);
		const summary = await importIndicators(db, csv, {
			user: users.admin,
			dryRun: false,
			fileName: 'two-provinces-secret-name.csv',
			channel: 'web',
			ip: '10.0.0.9',
			today: TEST_TODAY,
			dataDir: mkdtempSync(join(tmpdir(), 'audit-'))
		});
		expect(summary.isWritten).toBe(true);
		const q1 = sqlite.prepare("SELECT id, code FROM pilots WHERE code = 'Q-1'").get() as { id: number; code: string };
		const reviewer = { userId: users.province.id, name: users.province.username, ip: '10.0.0.7' };
		narratives.save(db, q1.id, '2025Q4', '说明', { userId: users.admin.id, name: 'admin', ip: '10.0.0.9' });
		review.act(db, q1.id, '2025Q4', 'submit', 'admin', '', { userId: users.admin.id, name: 'admin', ip: '10.0.0.9' });
		review.act(db, q1.id, '2025Q4', 'return', 'province', '请补充', reviewer);
		const sha = sqlite.prepare('SELECT sha256 FROM uploads').get() as { sha256: string };
		return { db, users, q1, sha: sha.sha256 };
	}

	it('shows the admin every column: IP addresses, usernames, the file and both pilots', async () => {
		const { db, users, q1, sha } = await twoProvinces();
		const trail = audit.forPilot(db, q1, users.admin);
		const text = JSON.stringify(trail);
		expect(text).toContain('10.0.0.9');
		expect(text).toContain('10.0.0.7');
		expect(text).toContain('two-provinces-secret-name.csv');
		expect(text).toContain(sha);
		expect(codesOf(trail)).toEqual(['Q-1', 'Q-2', 'Q-2']);
		expect(trail.find((e) => e.action === 'review.return')?.actor).toBe('province');
	});

	it('shows the province user and the implementer no IP, no username, nothing of the other province’s pilot', async () => {
		const { db, users, q1, sha } = await twoProvinces();
		// imp1 reports for Q-1 (and Q-3), imp2 for Q-2
		for (const viewer of [users.province, users.imp1]) {
			const trail = audit.forPilot(db, q1, viewer);
			expect(trail.map((e) => e.action)).toEqual(
				expect.arrayContaining(['import.commit', 'review.submit', 'review.return'])
			);
			expect(
				trail.every((e) => e.ip === null),
				viewer.username
			).toBe(true);
			const text = JSON.stringify(trail);
			for (const hidden of ['10.0.0.9', '10.0.0.7', 'two-provinces-secret-name.csv', sha, 'Q-2', '2026Q1'])
				expect(text, `${viewer.username} sees ${hidden}`).not.toContain(hidden);
			const returned = trail.find((e) => e.action === 'review.return')!;
			expect(returned.actor).toBe(users.province.displayName);
			expect(trail.find((e) => e.action === 'review.submit')!.actor).toBe(users.admin.displayName);
			const upload = JSON.parse(trail.find((e) => e.action === 'import.commit')!.after!);
			expect(upload).toEqual({
				channel: 'web',
				revisions: [expect.objectContaining({ pilotCode: 'Q-1', period: '2025Q4', number: 1 })]
			});
		}
	});

	it('shows a ministry analyst every pilot of the file, but neither IP addresses nor usernames', async () => {
		const { db, q1 } = await twoProvinces();
		const sqlite = db.$client;
		const id = Number(
			sqlite
				.prepare(
					"INSERT INTO users (username, display_name, password_hash, role, created_at) VALUES ('analyst', '部级分析员', 'x', 'ministry', 0)"
				)
				.run().lastInsertRowid
		);
		const trail = audit.forPilot(db, q1, { id, role: 'ministry', provinceCode: null });
		const text = JSON.stringify(trail);
		expect(trail.every((e) => e.ip === null)).toBe(true);
		expect(codesOf(trail)).toEqual(['Q-1', 'Q-2', 'Q-2']);
		expect(text).not.toContain('10.0.0.');
		expect(trail.find((e) => e.action === 'review.return')?.actor).toBe('测试用户 province');
	});
});
