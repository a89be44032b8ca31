import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from './index';

const TABLES = [
	'audit_log',
	'batches',
	'enterprises',
	'indicators',
	'pilot_indicators',
	'pilot_industries',
	'pilot_status_events',
	'pilots',
	'sessions',
	'sign_in_failures',
	'user_pilots',
	'users'
];

const tempDirs: string[] = [];

function tempDbPath(): string {
	const dir = mkdtempSync(join(tmpdir(), 'cpa-db-'));
	tempDirs.push(dir);
	return join(dir, 'tracker.db');
}

afterEach(() => {
	for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function insertAuditRow(sqlite: ReturnType<typeof openDb>['sqlite']): void {
	sqlite.prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES (1, 'test', 'test.action', 'test')").run();
}

describe('migrations', () => {
	it('apply to an empty in-memory database and create every table', () => {
		const { sqlite } = openDb(':memory:');
		const names = (
			sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
		).map((r) => r.name);
		for (const table of TABLES) expect(names).toContain(table);
		expect(names).toContain('__drizzle_migrations');
		const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: unknown[] };
		const applied = sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number };
		expect(applied.n).toBe(journal.entries.length);
		sqlite.close();
	});

	it('turn on foreign keys and synchronous=FULL', () => {
		const { sqlite } = openDb(':memory:');
		expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
		expect(() =>
			sqlite
				.prepare(
					"INSERT INTO pilots (code, batch_id, name_zh, status, created_at, updated_at) VALUES ('X-1', 999, 'x', 'approved', 0, 0)"
				)
				.run()
		).toThrow(/FOREIGN KEY/);
		sqlite.close();
	});

	it('make audit_log append-only: UPDATE and DELETE are refused by the triggers', () => {
		const { sqlite } = openDb(':memory:');
		insertAuditRow(sqlite);
		expect(() => sqlite.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/append-only/);
		expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
		const rows = sqlite.prepare('SELECT actor FROM audit_log').all() as { actor: string }[];
		expect(rows).toEqual([{ actor: 'test' }]);
		sqlite.close();
	});

	it('open a file database in WAL mode, and reopen it without applying anything twice', () => {
		const path = tempDbPath();
		const first = openDb(path);
		expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		insertAuditRow(first.sqlite);
		first.sqlite.close();
		const again = openDb(`file:${path}`);
		expect(again.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		expect((again.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n).toBe(1);
		again.sqlite.close();
	});

	it('refuse a database whose schema is newer than the journal', () => {
		const path = tempDbPath();
		const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: { when: number }[] };
		const latest = Math.max(...journal.entries.map((e) => e.when));
		const first = openDb(path);
		first.sqlite
			.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
			.run('from-a-newer-version', latest + 1);
		first.sqlite.close();
		expect(() => openDb(path)).toThrow(/newer than this code knows/);
	});
});
