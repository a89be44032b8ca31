/**
 * `npm run cli -- check`: is the data whole? SQLite's own integrity and foreign-key checks, then every raw file the
 * database refers to (indicator uploads and recommendation attachments) hashed against its sha256. Reads only, so it
 * may run while the server does.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { databasePath } from '../db';
import { rawFilePath } from '../intake/store';
import { OpsRefusal } from './backup';

/** One row of `PRAGMA foreign_key_check`: the row of `table` whose reference into `parent` leads nowhere. */
export type ForeignKeyViolation = { table: string; rowid: number | null; parent: string; fkid: number };

/** The outcome of a check; `ok` when nothing is wrong anywhere. */
export type CheckReport = {
	integrity: 'ok' | string[];
	foreignKeys: ForeignKeyViolation[];
	rawFiles: { checked: number; missing: string[]; mismatched: string[] };
	ok: boolean;
};

/** The tables whose rows name a raw file kept under DATA_DIR/uploads by its sha256. */
const RAW_FILE_TABLES = ['uploads', 'recommendation_files'];

/** Checks the database at `databaseUrl` and the raw files under `dataDir`. */
export function check(options: { databaseUrl: string; dataDir: string }): CheckReport {
	const path = databasePath(options.databaseUrl);
	if (path === ':memory:' || !existsSync(path))
		throw new OpsRefusal(`数据库 ${path} 不存在`, `Database ${path} does not exist`);
	// read-only: a check must never be what changes the data it reports on
	const db = new Database(path, { readonly: true, fileMustExist: true });
	try {
		db.pragma('busy_timeout = 5000');
		const rows = db.pragma('integrity_check') as { integrity_check: string }[];
		const integrity = rows.length === 1 && rows[0].integrity_check === 'ok' ? 'ok' : rows.map((r) => r.integrity_check);
		const foreignKeys = db.pragma('foreign_key_check') as ForeignKeyViolation[];

		const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
		const shas = new Set<string>();
		// a database from before a table's migration simply has no such files to check
		for (const table of RAW_FILE_TABLES.filter((t) => hasTable.get(t)))
			for (const { sha256 } of db.prepare(`SELECT DISTINCT sha256 FROM ${table}`).all() as { sha256: string }[])
				shas.add(sha256);

		const missing: string[] = [];
		const mismatched: string[] = [];
		for (const sha256 of [...shas].sort()) {
			const file = rawFilePath(sha256, options.dataDir);
			if (!existsSync(file)) missing.push(sha256);
			else if (createHash('sha256').update(readFileSync(file)).digest('hex') !== sha256) mismatched.push(sha256);
		}
		return {
			integrity,
			foreignKeys,
			rawFiles: { checked: shas.size, missing, mismatched },
			ok: integrity === 'ok' && foreignKeys.length === 0 && missing.length === 0 && mismatched.length === 0
		};
	} finally {
		db.close();
	}
}

/** The report as text for the terminal, one finding a line, ending with the verdict. */
export function formatCheck(report: CheckReport): string {
	const lines = [
		`integrity_check: ${report.integrity === 'ok' ? 'ok' : `${report.integrity.length} problems`}`,
		...(report.integrity === 'ok' ? [] : report.integrity.map((m) => `  ${m}`)),
		`foreign_key_check: ${report.foreignKeys.length ? `${report.foreignKeys.length} violations` : 'ok'}`,
		...report.foreignKeys.map(
			(v) => `  ${v.table} rowid ${v.rowid ?? '?'} → ${v.parent} (foreign key ${v.fkid}) does not exist`
		),
		`raw files: ${report.rawFiles.checked} checked, ${report.rawFiles.missing.length} missing, ${report.rawFiles.mismatched.length} do not match their sha256`,
		...report.rawFiles.missing.map((s) => `  missing    ${s}`),
		...report.rawFiles.mismatched.map((s) => `  mismatched ${s}`),
		report.ok ? '检查通过 / All checks passed' : '发现问题 / Problems found'
	];
	return lines.join('\n');
}
