/**
 * A file-backed instance for the backup and check tests: a database (reference seed, an admin, pilots P-0001… with
 * 50 enterprises each and a 2026 term, like the import benchmark's registry) and a data folder, plus ways to import
 * generated indicator files and to attach a recommendation file, so that both kinds of raw file exist.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openDb } from '../db';
import { seedReference } from '../seed';
import { importIndicators } from '../intake';
import { keepRawFile } from '../intake/store';
import {
	ENTERPRISES_PER_PILOT,
	pilotCode,
	enterpriseCode,
	writeImportFile
} from '../../../../scripts/bench/import-file';

/** The tables whose counts tell whether an import is in a database entirely, not at all or (never) in part. */
export const IMPORT_TABLES = ['observations', 'revisions', 'uploads'] as const;

/** A test instance in `dir`: `dir/tracker.db` and the data folder `dir`. */
export type OpsInstance = { dir: string; databaseUrl: string; dataDir: string; dbPath: string };

/** Creates the instance with `pilots` pilots (each takes 2,000 rows of a generated import file). */
export function createInstance(dir: string, pilots: number): OpsInstance {
	const dbPath = join(dir, 'tracker.db');
	const { db, sqlite } = openDb(`file:${dbPath}`);
	seedReference(db);
	const batchId = (sqlite.prepare('SELECT id FROM batches WHERE number = 2').get() as { id: number }).id;
	const now = Date.now();
	sqlite
		.prepare(
			"INSERT INTO users (username, display_name, password_hash, role, created_at) VALUES ('admin', 'admin', 'test-dummy-hash', 'admin', ?)"
		)
		.run(now);
	const insertPilot = sqlite.prepare(
		"INSERT INTO pilots (code, batch_id, name_zh, term_start, term_end, status, created_at, updated_at) VALUES (?, ?, ?, '2025-10-01', '2026-09-30', 'in_progress', ?, ?)"
	);
	const insertEnterprise = sqlite.prepare('INSERT INTO enterprises (pilot_id, code, name_zh) VALUES (?, ?, ?)');
	sqlite.transaction(() => {
		for (let p = 1; p <= pilots; p++) {
			const id = insertPilot.run(pilotCode(p), batchId, `测试试点 ${pilotCode(p)}`, now, now).lastInsertRowid;
			for (let e = 1; e <= ENTERPRISES_PER_PILOT; e++) insertEnterprise.run(id, enterpriseCode(e), `企业 ${e}`);
		}
	})();
	sqlite.close();
	return { dir, databaseUrl: `file:${dbPath}`, dataDir: dir, dbPath };
}

/** Writes a generated import file of `rows` rows (deterministic for `seed`) and returns its path and sha256. */
export async function importFile(path: string, rows: number, seed: number): Promise<{ path: string; sha256: string }> {
	await writeImportFile(path, rows, seed);
	return { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

/** Imports a file into the instance in this process, as the CLI would; fails the test if it is refused. */
export async function importInto(instance: OpsInstance, file: string): Promise<void> {
	const { db, sqlite } = openDb(instance.databaseUrl);
	try {
		const { id } = sqlite.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: number };
		const summary = await importIndicators(db, readFileSync(file), {
			user: { id, username: 'admin', displayName: 'admin', role: 'admin', provinceCode: null },
			dryRun: false,
			fileName: 'indicators.csv',
			channel: 'cli',
			today: '2027-01-01', // after the fixture's term
			dataDir: instance.dataDir
		});
		if (!summary.isWritten) throw new Error(`import not written: ${JSON.stringify(summary.problems.slice(0, 3))}`);
	} finally {
		sqlite.close();
	}
}

/** Adds a draft recommendation with one attached letter, its bytes kept like the app keeps them; returns the sha256. */
export function attachRecommendationFile(instance: OpsInstance, content: string): string {
	const bytes = new TextEncoder().encode(content);
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	keepRawFile(bytes, sha256, instance.dataDir);
	const { sqlite } = openDb(instance.databaseUrl);
	try {
		const batchId = (sqlite.prepare('SELECT id FROM batches WHERE number = 2').get() as { id: number }).id;
		const now = Date.now();
		const id = sqlite
			.prepare(
				"INSERT INTO recommendations (batch_id, province_code, state, draft, created_by, created_at, updated_by, updated_at) VALUES (?, '32', 'draft', '{}', 'admin', ?, 'admin', ?)"
			)
			.run(batchId, now, now).lastInsertRowid;
		sqlite
			.prepare(
				"INSERT INTO recommendation_files (recommendation_id, kind, file_name, size, sha256, uploaded_by, uploaded_at) VALUES (?, 'letter', 'letter.pdf', ?, ?, 'admin', ?)"
			)
			.run(id, bytes.length, sha256, now);
	} finally {
		sqlite.close();
	}
	return sha256;
}

/** Row counts of the named tables (default: every table) of the database at `dbPath`. */
export function rowCounts(dbPath: string, tables?: readonly string[]): Record<string, number> {
	const { sqlite } = openDb(`file:${dbPath}`);
	try {
		const names =
			tables ??
			(
				sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
			).map((r) => r.name);
		return Object.fromEntries(
			names.map((t) => [t, (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n])
		);
	} finally {
		sqlite.close();
	}
}

/** Every file under `dir` (relative path → sha256), to show that something wrote nothing, or the same files. */
export function tree(dir: string): Record<string, string> {
	let entries;
	try {
		entries = readdirSync(dir, { recursive: true, withFileTypes: true });
	} catch {
		return {};
	}
	return Object.fromEntries(
		entries
			.filter((d) => d.isFile())
			.map((d) => {
				const path = join(d.parentPath, d.name);
				return [relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex')];
			})
			.sort(([a], [b]) => a.localeCompare(b))
	);
}
