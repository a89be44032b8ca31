/**
 * The tests' support, in one place: the small intake registry (registry.ts), a whole instance on disk for the
 * operations tests (instance.ts), and a sender that imports quarterly rows through the real intake pipeline.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, getDb, type Db } from '../db';
import type { SessionUser } from '../auth';
import { importIndicators } from '../intake';
import { TEST_TODAY } from './registry';

import { intakeTestDb } from './registry';

export { intakeTestDb, TEST_TODAY } from './registry';

/** The intake's own header. */
export const INTAKE_HEADER = 'pilot_code,enterprise_code,period,indicator_code,value,unit,note';

/** Quarterly rows (CSV lines without the header) as the bytes of an upload. */
export function intakeFile(rows: readonly string[]): Uint8Array {
	return new TextEncoder().encode([INTAKE_HEADER, ...rows].join('\n'));
}

/**
 * A function that imports rows through the real intake (web channel, raw files in a fresh temp folder named after
 * `label`) as `user` (or `options.as`) on TEST_TODAY (or `options.today`), dated `at` (a China date, 10:00) when given.
 */
export function sender(db: Db, user: SessionUser, label = 'intake') {
	const dataDir = mkdtempSync(join(tmpdir(), `${label}-`));
	return (rows: readonly string[], at?: string, options: { as?: SessionUser; today?: string } = {}) =>
		importIndicators(db, intakeFile(rows), {
			user: options.as ?? user,
			dryRun: false,
			fileName: 'q.csv',
			channel: 'web',
			today: options.today ?? TEST_TODAY,
			dataDir,
			...(at ? { at: Date.parse(`${at}T10:00:00+08:00`) } : {})
		});
}

/** For route handlers, which call getDb(): the app's own connection, opened afresh in memory and filled with the intake registry. */
export function freshAppDb() {
	closeDb();
	process.env.DATABASE_URL = ':memory:';
	const db = getDb();
	return intakeTestDb({ db, sqlite: db.$client });
}
