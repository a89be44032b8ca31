/**
 * The small registry the intake tests and the fixtures in test/fixtures/intake/ refer to:
 *   Q-1  implementer imp1, term from 2025-08-15 (periods 2025Q3..2026Q2), enterprises E01, E02, E03,
 *        baselines voc 400 t and energy 40000 tce a year;
 *   Q-2  implementer imp2, term from 2025-08-15, enterprise F01;
 *   Q-3  implementer imp1, term from 2026-10-01 (periods 2026Q4..2027Q3), enterprise G01.
 * Users are inserted directly with a dummy password hash (no scrypt): tests never sign in.
 */
import type Database from 'better-sqlite3';
import { openDb, type Db } from '../db';
import { systemActor } from '../audit/audit';
import type { Role, SessionUser } from '../auth';
import { termEndFor } from '../../domain/periods';
import { writeDataset } from '../registry/write';
import type { RegistryPilot } from '../registry/types';
import { seedReference } from '../seed';

/** The day the tests run "on": Q-3's 2026Q4 has begun, its 2027Q1 not yet. */
export const TEST_TODAY = '2026-11-29';

function pilot(code: string, termStart: string): RegistryPilot {
	return {
		code,
		batchNumber: 1,
		nameZh: `测试试点 ${code}`,
		nameEn: `Test pilot ${code}`,
		category: 1,
		provinceCode: '32',
		airRegion: null,
		basin: null,
		industries: [],
		bodyName: null,
		bodyType: null,
		termStart,
		termEnd: termEndFor(termStart),
		status: 'in_progress',
		statusEvents: [],
		sourceUrl: null,
		inferredFields: [],
		note: null,
		isDemo: false
	};
}

const enterprise = (pilotCode: string, code: string) => ({
	pilotCode,
	code,
	nameZh: `企业 ${code}`,
	industry: null,
	creditCode: null
});

const baseline = (pilotCode: string, indicatorCode: string, value: number) => ({
	pilotCode,
	indicatorCode,
	baseYear: 2024,
	baseline: value,
	targetKind: null,
	targetValue: null
});

function insertUser(
	sqlite: Database.Database,
	username: string,
	role: Role,
	provinceCode: string | null,
	pilotCodes: string[]
): SessionUser {
	const displayName = `测试用户 ${username}`;
	const id = Number(
		sqlite
			.prepare(
				'INSERT INTO users (username, display_name, password_hash, role, province_code, created_at) VALUES (?, ?, ?, ?, ?, ?)'
			)
			.run(username, displayName, 'test-dummy-hash', role, provinceCode, Date.now()).lastInsertRowid
	);
	for (const code of pilotCodes)
		sqlite.prepare('INSERT INTO user_pilots (user_id, pilot_id) SELECT ?, id FROM pilots WHERE code = ?').run(id, code);
	return { id, username, displayName, role, provinceCode };
}

/**
 * A fresh in-memory database with the reference seed, the three test pilots and four users; or, given one, that
 * database filled the same way (tests of route handlers pass the app's own connection from getDb()).
 */
export function intakeTestDb(opened: { db: Db; sqlite: Database.Database } = openDb(':memory:')): {
	db: Db;
	sqlite: Database.Database;
	users: { imp1: SessionUser; imp2: SessionUser; admin: SessionUser; province: SessionUser };
} {
	const { db, sqlite } = opened;
	seedReference(db);
	db.transaction((tx) =>
		writeDataset(
			tx,
			{
				pilots: [pilot('Q-1', '2025-08-15'), pilot('Q-2', '2025-08-15'), pilot('Q-3', '2026-10-01')],
				enterprises: [
					enterprise('Q-1', 'E01'),
					enterprise('Q-1', 'E02'),
					enterprise('Q-1', 'E03'),
					enterprise('Q-2', 'F01'),
					enterprise('Q-3', 'G01')
				],
				indicators: [baseline('Q-1', 'voc', 400), baseline('Q-1', 'energy', 40000)]
			},
			systemActor('test')
		)
	);
	const users = {
		imp1: insertUser(sqlite, 'imp1', 'implementer', null, ['Q-1', 'Q-3']),
		imp2: insertUser(sqlite, 'imp2', 'implementer', null, ['Q-2']),
		admin: insertUser(sqlite, 'admin', 'admin', null, []),
		province: insertUser(sqlite, 'province', 'province', '32', [])
	};
	return { db, sqlite, users };
}
