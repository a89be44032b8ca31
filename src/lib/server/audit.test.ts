import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importIndicators } from './intake';
import { intakeTestDb, TEST_TODAY } from './intake/test-registry';
import * as audit from './audit';
import * as review from './review';
import * as narratives from './narratives';

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

		const mine = audit.forPilot(db, pilot).map((e) => e.action);
		expect(mine).toEqual(expect.arrayContaining(['import.commit', 'review.submit', 'pilot.create']));
		expect(audit.forPilot(db, { id: 99999, code: 'Q-2' }).some((e) => e.action === 'import.commit')).toBe(false);

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
