import { describe, expect, it } from 'vitest';
import { intakeTestDb } from '../testing/registry';
import { queueReminders } from './reminders';

describe('reminders', () => {
	it('queues each reminder once, to the right people, however often it runs', () => {
		const { db, sqlite, users } = intakeTestDb();
		sqlite.prepare("UPDATE pilots SET status = 'in_progress'").run();
		const province = sqlite.prepare('SELECT province_code AS p FROM pilots WHERE code = ?').get('Q-1') as { p: string };
		sqlite.prepare('UPDATE users SET province_code = ? WHERE id = ?').run(province.p, users.province.id);
		// Q-1's term quarters 2025Q3..2026Q2 are all long overdue on 2026-11-29 and nothing was submitted.
		const first = queueReminders(db, '2026-11-29');
		expect(first).toBeGreaterThan(0);
		expect(queueReminders(db, '2026-11-29')).toBe(0);
		const rows = sqlite
			.prepare("SELECT kind, period, user_id AS u FROM notices WHERE pilot_code = 'Q-1' ORDER BY period, kind, u")
			.all() as { kind: string; period: string; u: number }[];
		const q3 = rows.filter((r) => r.period === '2025Q3');
		expect(
			q3
				.filter((r) => r.kind === 'due')
				.map((r) => r.u)
				.sort()
		).toEqual([users.imp1.id, users.province.id].sort());
		expect(q3.some((r) => r.kind === 'late_30' && r.u === users.imp1.id)).toBe(true);
		expect((sqlite.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n).toBe(first);
	});
});
