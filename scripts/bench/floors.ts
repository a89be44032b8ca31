/**
 * Floors for the import benchmark: what the bare tools manage on the same file, with no checks at all.
 *   (a) PapaParse streaming straight into a prepared better-sqlite3 upsert, one transaction;
 *   (b) the sqlite3 command line's `.import --csv`.
 * Plus `measure` (wall time and peak RSS of a phase) and `formatRow` (one fixed-width result line).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import Papa from 'papaparse';

export const TABLE = 'indicator_values';

const CREATE_TABLE = `CREATE TABLE ${TABLE} (
	pilot_code TEXT NOT NULL,
	enterprise_code TEXT NOT NULL,
	period TEXT NOT NULL,
	indicator_code TEXT NOT NULL,
	value REAL,
	unit TEXT,
	note TEXT,
	UNIQUE (pilot_code, enterprise_code, period, indicator_code)
)`;

const UPSERT = `INSERT INTO ${TABLE} (pilot_code, enterprise_code, period, indicator_code, value, unit, note)
	VALUES (?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (pilot_code, enterprise_code, period, indicator_code)
	DO UPDATE SET value = excluded.value, unit = excluded.unit, note = excluded.note`;

const MB = 1024 * 1024;

let peakRss = 0;
/** Samples the current RSS into the running peak; cheap enough to call from parser callbacks. */
export function sampleRss(): void {
	const rss = process.memoryUsage.rss();
	if (rss > peakRss) peakRss = rss;
}

/**
 * Runs `fn` and reports its wall time and the peak RSS seen while it ran: sampled every 20 ms by a timer
 * and, for stretches that block the event loop, by `sampleRss()` calls from inside the work (the floors do).
 * Note that RSS is process-wide: run phases in fresh processes (see phase.ts) for numbers that can be compared.
 */
export async function measure<T>(
	name: string,
	fn: () => Promise<T> | T
): Promise<{ name: string; ms: number; peakRssMb: number; result: T }> {
	(globalThis as { gc?: () => void }).gc?.();
	peakRss = 0;
	sampleRss();
	const timer = setInterval(sampleRss, 20);
	const started = performance.now();
	try {
		const result = await fn();
		const ms = performance.now() - started;
		sampleRss();
		return { name, ms, peakRssMb: peakRss / MB, result };
	} finally {
		clearInterval(timer);
	}
}

/** Opens a fresh database at dbPath (deleting any old one) with the app's pragmas. */
function freshDb(dbPath: string): Database.Database {
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbPath + suffix, { force: true });
	const db = new Database(dbPath);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.exec(CREATE_TABLE);
	return db;
}

/**
 * Floor (a): PapaParse streaming (`chunk` callback) straight into a prepared upsert, inside ONE transaction
 * (BEGIN before the stream, COMMIT at the end), WAL + synchronous=FULL. No validation, no lookups.
 * The header row is skipped; returns the number of rows written.
 */
export function floorPapaToSqlite(file: string, dbPath: string): Promise<number> {
	const db = freshDb(dbPath);
	const insert = db.prepare(UPSERT);
	let rows = 0;
	let header = true;
	db.exec('BEGIN');
	return new Promise<number>((resolve, reject) => {
		const fail = (err: unknown) => {
			try {
				if (db.inTransaction) db.exec('ROLLBACK');
			} finally {
				db.close();
			}
			reject(err);
		};
		Papa.parse<string[]>(createReadStream(file, { encoding: 'utf8' }), {
			header: false,
			skipEmptyLines: true,
			chunk(results) {
				try {
					for (const r of results.data) {
						if (header) {
							header = false;
							continue;
						}
						insert.run(r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
						rows++;
					}
					sampleRss();
				} catch (err) {
					fail(err);
				}
			},
			complete() {
				if (!db.open) return; // already failed
				try {
					db.exec('COMMIT');
					db.close();
					resolve(rows);
				} catch (err) {
					fail(err);
				}
			},
			error(err: Error) {
				fail(err);
			}
		});
	});
}

/** True when a `sqlite3` binary is on the PATH. */
export function hasSqliteCli(): boolean {
	const r = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
	return !r.error && r.status === 0;
}

/** Peak RSS (MB) of the last floorSqliteCli child, from `/usr/bin/time -v`; null when that is unavailable. */
export let lastCliPeakRssMb: number | null = null;

/**
 * Floor (b): the sqlite3 command line, `.import --csv --skip 1 FILE indicator_values` into a freshly created
 * table with the same UNIQUE key, WAL + synchronous=FULL. (`.import` into a table with a unique key fails on
 * duplicate rows; the generated file has none.) Returns count(*) afterwards, or null when sqlite3 is missing.
 * Time it from the outside; the child's peak RSS is left in `lastCliPeakRssMb` when `/usr/bin/time` exists.
 */
export function floorSqliteCli(file: string, dbPath: string): number | null {
	lastCliPeakRssMb = null;
	if (!hasSqliteCli()) return null;
	freshDb(dbPath).close();
	const quoted = `"${file.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
	const script = [
		'PRAGMA journal_mode = WAL;',
		'PRAGMA synchronous = FULL;',
		'.bail on',
		'.mode csv',
		`.import --csv --skip 1 ${quoted} ${TABLE}`,
		''
	].join('\n');
	const timed = existsSync('/usr/bin/time');
	const [cmd, args] = timed ? ['/usr/bin/time', ['-v', 'sqlite3', dbPath]] : ['sqlite3', [dbPath]];
	const r = spawnSync(cmd, args, { input: script, encoding: 'utf8', maxBuffer: 64 * MB });
	if (r.error) throw r.error;
	let stderr = r.stderr ?? '';
	if (timed) {
		const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
		if (m) lastCliPeakRssMb = Number(m[1]) / 1024;
		const report = stderr.search(/^\s*(Command exited with non-zero status|Command being timed:)/m);
		if (report >= 0) stderr = stderr.slice(0, report);
	}
	if (r.status !== 0 || stderr.trim()) {
		throw new Error(`sqlite3 .import failed (exit ${r.status}): ${stderr.trim().slice(0, 2000)}`);
	}
	const db = new Database(dbPath, { readonly: true });
	try {
		return (db.prepare(`SELECT count(*) AS n FROM ${TABLE}`).get() as { n: number }).n;
	} finally {
		db.close();
	}
}

/** Column headings matching formatRow. */
export function formatHeader(): string {
	return [
		'phase'.padEnd(32),
		'rows'.padStart(10),
		's'.padStart(8),
		'rows/s'.padStart(10),
		'peak RSS MB'.padStart(12),
		'vs floor (a)'.padStart(13)
	].join(' ');
}

/**
 * One fixed-width result line: name, rows, seconds, rows/s, peak RSS MB (or n/a), and throughput as a
 * percentage of floor (a)'s rows/s when given.
 */
export function formatRow(
	name: string,
	rows: number,
	ms: number,
	peakRssMb: number | null,
	floorRowsPerSec?: number
): string {
	const perSec = ms > 0 ? rows / (ms / 1000) : 0;
	return [
		name.padEnd(32),
		rows.toLocaleString('en-US').padStart(10),
		(ms / 1000).toFixed(2).padStart(8),
		Math.round(perSec).toLocaleString('en-US').padStart(10),
		(peakRssMb == null ? 'n/a' : peakRssMb.toFixed(1)).padStart(12),
		(floorRowsPerSec ? `${((100 * perSec) / floorRowsPerSec).toFixed(1)}%` : '').padStart(13)
	].join(' ');
}
