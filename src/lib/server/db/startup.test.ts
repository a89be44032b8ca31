/**
 * Start-up checks of openDb not covered in migrations.test.ts: a pragma that does not take is refused, pending
 * migrations go in one transaction, and a database migrated by a newer version is refused by older code
 * before anything is written.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDb } from './index';

// The pragma statement the fake driver below replaces by another, as when a setting does not take (WAL on some
// network file systems) or a build of SQLite defaults differently (better-sqlite3's defaults already match ours,
// so merely skipping the statement would prove nothing).
const swapped = vi.hoisted(() => ({ from: null as string | null, to: '' }));

vi.mock('better-sqlite3', async (importOriginal) => {
	const actual = (await importOriginal()) as { default: typeof import('better-sqlite3') };
	class SwappingOnePragma extends actual.default {
		pragma(source: string, options?: { simple?: boolean }) {
			return super.pragma(source === swapped.from ? swapped.to : source, options);
		}
	}
	return { default: SwappingOnePragma };
});

type Journal = { entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[] };
const journal = JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as Journal;

const tempDirs: string[] = [];
const savedMigrationsDir = process.env.MIGRATIONS_DIR;

function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'cpa-startup-'));
	tempDirs.push(dir);
	return dir;
}

/** A copy of the committed migrations with the journal cut to its first `count` entries, plus `extra` ones. */
function migrationsFolder(count: number, extra: { tag: string; sql: string }[] = []): string {
	const dir = tempDir();
	cpSync('drizzle', dir, { recursive: true });
	const latest = journal.entries[journal.entries.length - 1];
	const entries = [
		...journal.entries.slice(0, count),
		...extra.map((e, i) => ({ ...latest, idx: count + i, when: latest.when + 1000 * (i + 1), tag: e.tag }))
	];
	for (const e of extra) writeFileSync(join(dir, `${e.tag}.sql`), e.sql);
	writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
	return dir;
}

function tableNames(sqlite: ReturnType<typeof openDb>['sqlite']): string[] {
	return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
		(r) => r.name
	);
}

afterEach(() => {
	swapped.from = null;
	if (savedMigrationsDir === undefined) delete process.env.MIGRATIONS_DIR;
	else process.env.MIGRATIONS_DIR = savedMigrationsDir;
	for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openDb start-up checks', () => {
	it.each([
		['journal_mode = WAL', 'journal_mode = DELETE'],
		['synchronous = FULL', 'synchronous = NORMAL'],
		['foreign_keys = ON', 'foreign_keys = OFF']
	])('refuses to start when "%s" ends up as "%s"', (from, to) => {
		Object.assign(swapped, { from, to });
		expect(() => openDb(join(tempDir(), 'tracker.db'))).toThrow(/database pragmas not as required/);
	});

	it('applies pending migrations in one transaction: a failing one leaves the database as it was', () => {
		const path = join(tempDir(), 'tracker.db');
		// an older build migrated the database up to the first two migrations
		process.env.MIGRATIONS_DIR = migrationsFolder(2);
		openDb(path).sqlite.close();

		// a newer build brings the rest, the last of which fails half-way
		process.env.MIGRATIONS_DIR = migrationsFolder(journal.entries.length, [
			{ tag: '9999_broken', sql: 'CREATE TABLE half_done (id integer);\n--> statement-breakpoint\nNOT SQL;' }
		]);
		expect(() => openDb(path)).toThrow();

		process.env.MIGRATIONS_DIR = migrationsFolder(2);
		const { sqlite } = openDb(path);
		const applied = sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number };
		expect(applied.n).toBe(2);
		const tables = tableNames(sqlite);
		expect(tables).not.toContain('half_done');
		expect(tables).not.toContain('recommendations');
		sqlite.close();
	});

	it('refuses, in both languages and before migrating anything, a database migrated by a newer version', () => {
		const path = join(tempDir(), 'tracker.db');
		openDb(path).sqlite.close();

		// the same file opened by an older build that knows only the first three migrations
		process.env.MIGRATIONS_DIR = migrationsFolder(3);
		expect(() => openDb(path)).toThrow(/数据库结构比本程序新.*newer than this code knows; refusing to start/);

		delete process.env.MIGRATIONS_DIR;
		const { sqlite } = openDb(path);
		const applied = sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number };
		expect(applied.n).toBe(journal.entries.length);
		sqlite.close();
	});
});
