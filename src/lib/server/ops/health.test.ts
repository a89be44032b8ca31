import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb } from '../db';
import { checkHealth, knownMigrations } from './health';

const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as {
	entries: { when: number; tag: string }[];
};
const latest = Math.max(...journal.entries.map((e) => e.when));

const opened: ReturnType<typeof openDb>['sqlite'][] = [];
const tempDirs: string[] = [];

function memoryDb() {
	const { sqlite } = openDb(':memory:');
	opened.push(sqlite);
	return sqlite;
}

afterEach(() => {
	vi.restoreAllMocks();
	for (const sqlite of opened.splice(0)) if (sqlite.open) sqlite.close();
	for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('knownMigrations', () => {
	it('counts the journal of the migrations folder the app applies', () => {
		expect(knownMigrations()).toEqual({ count: journal.entries.length, latest });
	});

	it('reads the journal of another folder (MIGRATIONS_DIR)', () => {
		const dir = mkdtempSync(join(tmpdir(), 'cpa-health-'));
		tempDirs.push(dir);
		mkdirSync(join(dir, 'meta'));
		writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ entries: journal.entries.slice(0, 2) }));
		expect(knownMigrations(dir)).toEqual({ count: 2, latest: journal.entries[1].when });
	});
});

describe('checkHealth', () => {
	it('is ok on a freshly migrated database', () => {
		const sqlite = memoryDb();
		expect(checkHealth(() => sqlite, knownMigrations(), 12)).toEqual({
			ok: true,
			db: 'ok',
			migrations: { applied: journal.entries.length, known: journal.entries.length, isCurrent: true, state: 'current' },
			uptimeSeconds: 12
		});
	});

	it('reports migrations behind when the journal has one entry more than the database (the 503 payload)', () => {
		const sqlite = memoryDb();
		// a fake extra journal entry: as if a new build shipped a migration this database has not had
		const dir = mkdtempSync(join(tmpdir(), 'cpa-health-'));
		tempDirs.push(dir);
		mkdirSync(join(dir, 'meta'));
		const extra = { ...journal.entries.at(-1)!, idx: journal.entries.length, when: latest + 1000, tag: '9999_next' };
		writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ entries: [...journal.entries, extra] }));
		expect(checkHealth(() => sqlite, knownMigrations(dir), 5)).toEqual({
			ok: false,
			db: 'ok',
			migrations: {
				applied: journal.entries.length,
				known: journal.entries.length + 1,
				isCurrent: false,
				state: 'behind'
			},
			uptimeSeconds: 5
		});
	});

	it('reports migrations ahead when the database was migrated by a newer version', () => {
		const sqlite = memoryDb();
		sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('newer', latest + 1);
		expect(checkHealth(() => sqlite).migrations).toMatchObject({ isCurrent: false, state: 'ahead' });
	});

	it('reports the database not answering, without throwing, and logs why', () => {
		const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
		const sqlite = memoryDb();
		sqlite.close();
		const health = checkHealth(() => sqlite);
		expect(health).toMatchObject({ ok: false, db: 'not answering', migrations: { applied: null, isCurrent: false } });
		expect(
			checkHealth(() => {
				throw new Error('cannot open');
			}).db
		).toBe('not answering');
		expect(String(write.mock.calls[0][0])).toMatch(/"kind":"error","path":"\/healthz".*not open/);
	});
});
