/**
 * The database connection: better-sqlite3 under Drizzle, with the pragmas the product relies on
 * (WAL, synchronous=FULL, foreign keys, a busy timeout) and the committed migrations applied.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle fits wherever a Db does. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const DEFAULT_DATABASE_URL = 'file:data/tracker.db';

/** Turns `file:path`, a bare path or `:memory:` into what better-sqlite3 opens. */
export function databasePath(url: string): string {
	if (url === ':memory:' || url === 'file::memory:') return ':memory:';
	return url.startsWith('file:') ? url.slice('file:'.length) : url;
}

function migrationsFolder(): string {
	return resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');
}

/**
 * Opens (creating if needed) the database at `url`, asserts the pragmas, applies pending
 * migrations in one transaction and refuses a schema newer than this code knows.
 */
export function openDb(url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): {
	db: Db;
	sqlite: Database.Database;
} {
	const path = databasePath(url);
	if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('busy_timeout = 5000');
	if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	assertPragmas(sqlite, path !== ':memory:');
	const db = drizzle(sqlite, { schema });
	refuseNewerSchema(sqlite);
	migrate(db, { migrationsFolder: migrationsFolder() });
	return { db, sqlite };
}

function assertPragmas(sqlite: Database.Database, isFile: boolean): void {
	const journal = sqlite.pragma('journal_mode', { simple: true });
	const synchronous = sqlite.pragma('synchronous', { simple: true });
	const foreignKeys = sqlite.pragma('foreign_keys', { simple: true });
	if ((isFile && journal !== 'wal') || synchronous !== 2 || foreignKeys !== 1) {
		throw new Error(
			`database pragmas not as required: journal_mode=${journal} synchronous=${synchronous} foreign_keys=${foreignKeys}`
		);
	}
}

function refuseNewerSchema(sqlite: Database.Database): void {
	const hasTable = sqlite
		.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
		.get();
	if (!hasTable) return;
	const row = sqlite.prepare('SELECT MAX(created_at) AS latest FROM __drizzle_migrations').get() as {
		latest: number | null;
	};
	const journal = JSON.parse(readFileSync(resolve(migrationsFolder(), 'meta/_journal.json'), 'utf8')) as {
		entries: { when: number }[];
	};
	const known = Math.max(...journal.entries.map((e) => e.when));
	if (row.latest !== null && row.latest > known) {
		throw new Error(
			'数据库结构比本程序新，拒绝启动 / The database schema is newer than this code knows; refusing to start'
		);
	}
}

let shared: { db: Db; sqlite: Database.Database } | null = null;

/** The app's one connection, opened on first use from DATABASE_URL. */
export function getDb(): Db {
	shared ??= openDb();
	return shared.db;
}

/** Closes the app's connection (tests and shutdown). */
export function closeDb(): void {
	shared?.sqlite.close();
	shared = null;
}

/**
 * Runs a write that may be skipped rather than waited for: with no busy timeout, so that on the server's one thread a
 * write lock held elsewhere (an import's transaction in the intake worker) never stalls every request. Returns false
 * when the database was busy and nothing was written; other errors are thrown.
 */
export function writeIfFree(db: Db, write: () => void): boolean {
	const sqlite = db.$client;
	const timeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
	sqlite.pragma('busy_timeout = 0');
	try {
		write();
		return true;
	} catch (e) {
		if ((e as { code?: string }).code === 'SQLITE_BUSY') return false;
		throw e;
	} finally {
		sqlite.pragma(`busy_timeout = ${timeout}`);
	}
}
