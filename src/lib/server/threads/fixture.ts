/**
 * The value threads' tests start here: the intake registry (pilot Q-1 in province 32, implementer imp1), a ministry
 * user and a user of another province, and a sender that imports Q-1's 2025Q4 figures through the real intake.
 */
import type { SessionUser } from '../auth';
import { intakeTestDb, sender } from '../testing';

export const PERIOD = '2025Q4';

/** A fresh database with the registry, two more users, and helpers to import and read notices and audit lines. */
export function threadsTestDb() {
	const t = intakeTestDb();
	const addUser = (username: string, role: 'ministry' | 'province', provinceCode: string | null): SessionUser => {
		const id = Number(
			t.sqlite
				.prepare(
					'INSERT INTO users (username, display_name, password_hash, role, province_code, created_at) VALUES (?, ?, ?, ?, ?, ?)'
				)
				.run(username, `测试用户 ${username}`, 'test-dummy-hash', role, provinceCode, Date.now()).lastInsertRowid
		);
		return { id, username, displayName: `测试用户 ${username}`, role, provinceCode };
	};
	const users = {
		...t.users,
		ministry: addUser('ministry', 'ministry', null),
		other: addUser('beijing', 'province', '11')
	};
	const send = sender(t.db, users.imp1, 'threads');
	const pilotId = (t.sqlite.prepare("SELECT id FROM pilots WHERE code = 'Q-1'").get() as { id: number }).id;
	/** Imports E01's VOCs and the pilot-level energy for 2025Q4. */
	const report = (voc: string, energy = '9000') =>
		send([`Q-1,E01,${PERIOD},voc,${voc},t,`, `Q-1,,${PERIOD},energy,${energy},tce,`]);
	const notices = (user: SessionUser) =>
		t.sqlite
			.prepare(
				"SELECT kind, title_zh AS zh, title_en AS en, link FROM notices WHERE user_id = ? AND kind = 'value_comment'"
			)
			.all(user.id) as { kind: string; zh: string; en: string; link: string }[];
	const auditActions = () =>
		(
			t.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'thread.%' ORDER BY id").all() as {
				action: string;
			}[]
		).map((r) => r.action);
	return { ...t, users, pilotId, report, notices, auditActions };
}
