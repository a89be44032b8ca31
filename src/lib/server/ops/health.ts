/**
 * The health check behind `GET /healthz`, polled by the reverse proxy and monitoring: the process answers,
 * the database answers a query, and the migrations applied match those this code ships.
 */
import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { log } from './log';

/** What this code knows of its migrations: how many, and when the latest was generated. */
export type KnownMigrations = { count: number; latest: number };

/** The /healthz payload; `ok` false whenever anything below is not as it should be. */
export type Health = {
	ok: boolean;
	db: 'ok' | 'not answering';
	migrations: {
		applied: number | null;
		known: number;
		isCurrent: boolean;
		/** Behind: this code has migrations the database lacks. Ahead: the database comes from a newer version. */
		state: 'current' | 'behind' | 'ahead' | 'unknown';
	};
	uptimeSeconds: number;
};

const journals = new Map<string, KnownMigrations>();

/**
 * The migrations in `<folder>/meta/_journal.json` — the folder openDb applies (MIGRATIONS_DIR, else ./drizzle).
 * Read once per folder: the journal only changes with a new build, and /healthz is polled.
 */
export function knownMigrations(folder = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle')): KnownMigrations {
	let known = journals.get(folder);
	if (!known) {
		const journal = JSON.parse(readFileSync(resolve(folder, 'meta/_journal.json'), 'utf8')) as {
			entries: { when: number }[];
		};
		known = { count: journal.entries.length, latest: Math.max(0, ...journal.entries.map((e) => e.when)) };
		journals.set(folder, known);
	}
	return known;
}

/**
 * Checks the database behind `sqlite` against the known migrations with one aggregate over the dozen-row
 * migrations table, so that frequent polling costs nothing. Never throws: a failing database is a result
 * (logged, since the payload is public and says only what failed).
 */
export function checkHealth(
	sqlite: () => Database.Database,
	known: KnownMigrations = knownMigrations(),
	uptimeSeconds = Math.round(process.uptime())
): Health {
	let row: { applied: number; latest: number | null };
	try {
		// Counting and the latest created_at together: the count catches a database left behind, the date one
		// migrated by a newer version even if it has as many rows (openDb refuses that at start on the same date).
		row = sqlite().prepare('SELECT COUNT(*) AS applied, MAX(created_at) AS latest FROM __drizzle_migrations').get() as {
			applied: number;
			latest: number | null;
		};
	} catch (e) {
		log('error', { path: '/healthz', error: e instanceof Error ? e.message : String(e) });
		return {
			ok: false,
			db: 'not answering',
			migrations: { applied: null, known: known.count, isCurrent: false, state: 'unknown' },
			uptimeSeconds
		};
	}
	const state =
		row.applied > known.count || (row.latest ?? 0) > known.latest
			? 'ahead'
			: row.applied < known.count
				? 'behind'
				: 'current';
	return {
		ok: state === 'current',
		db: 'ok',
		migrations: { applied: row.applied, known: known.count, isCurrent: state === 'current', state },
		uptimeSeconds
	};
}
