// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { zip } from './zip';
import { rawFilePath } from '../intake/store';
import { backup, defaultBackupName, OpsRefusal, restore, type BackupManifest } from './backup';
import { check } from './check';
import { unzipSync } from 'fflate';
import {
	attachRecommendationFile,
	createInstance,
	IMPORT_TABLES,
	importFile,
	importInto,
	rowCounts,
	tree,
	type OpsInstance
} from '../testing/instance';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const root = mkdtempSync(join(tmpdir(), 'tracker-ops-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let folders = 0;
/** A fresh, empty folder to restore into. */
function freshFolder(): { databaseUrl: string; dataDir: string; dbPath: string } {
	const dir = join(root, `restored-${++folders}`);
	return { databaseUrl: `file:${join(dir, 'db', 'tracker.db')}`, dataDir: dir, dbPath: join(dir, 'db', 'tracker.db') };
}

/** A small instance with two real imports (the second changing the first) and a recommendation attachment. */
async function smallInstance(name: string): Promise<OpsInstance & { shas: string[] }> {
	const dir = join(root, name);
	mkdirSync(dir);
	const instance = createInstance(dir, 2);
	const first = await importFile(join(root, `${name}-1.csv`), 4000, 1);
	const second = await importFile(join(root, `${name}-2.csv`), 2500, 2);
	await importInto(instance, first.path);
	await importInto(instance, second.path);
	const letter = attachRecommendationFile(instance, `letter of ${name}`);
	return { ...instance, shas: [first.sha256, second.sha256, letter] };
}

async function expectRefused(run: () => Promise<unknown>, message: RegExp): Promise<void> {
	let error: unknown;
	try {
		await run();
	} catch (e) {
		error = e;
	}
	expect(error).toBeInstanceOf(OpsRefusal);
	expect((error as Error).message).toMatch(message);
}

describe('backup and restore', () => {
	it('round-trips a database and its raw files into a fresh folder', async () => {
		const instance = await smallInstance('round-trip');
		const out = join(root, 'round-trip.zip');
		const made = await backup({ databaseUrl: instance.databaseUrl, dataDir: instance.dataDir, out });
		expect(made.file).toBe(out);
		expect(made.summary).toContain(out);
		expect(made.manifest.uploads.map((u) => u.sha256).sort()).toEqual([...instance.shas].sort());
		expect(made.manifest.schema.migrations).toBeGreaterThan(0);
		expect(made.damagedUploads).toEqual([]);
		// a second backup to the same name would destroy the first
		await expect(backup({ databaseUrl: instance.databaseUrl, dataDir: instance.dataDir, out })).rejects.toThrow(
			/not overwriting/
		);

		const target = freshFolder();
		const restored = await restore({ file: out, ...target });
		expect(restored.uploads).toBe(3);
		expect(rowCounts(target.dbPath)).toEqual(rowCounts(instance.dbPath));
		expect(rowCounts(target.dbPath, IMPORT_TABLES)).toMatchObject({ uploads: 2, revisions: 16 });
		expect(tree(join(target.dataDir, 'uploads'))).toEqual(tree(join(instance.dataDir, 'uploads')));
		for (const sha of instance.shas) expect(existsSync(rawFilePath(sha, target.dataDir))).toBe(true);
		expect(check(target).ok).toBe(true);
	});

	it('takes a consistent backup during a large import: restored, it holds the import entirely or not at all', async () => {
		const dir = join(root, 'live');
		mkdirSync(dir);
		const instance = createInstance(dir, 100);
		await importInto(instance, (await importFile(join(root, 'live-small.csv'), 4000, 1)).path);
		const big = await importFile(join(root, 'live-big.csv'), 200_000, 2);
		const before = rowCounts(instance.dbPath, IMPORT_TABLES);

		// the CLI import in its own process, as a second writer on the same database
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'import', big.path], {
			env: { ...process.env, DATABASE_URL: instance.databaseUrl, DATA_DIR: instance.dataDir },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));

		// The intake keeps the raw file just before its write transaction begins: from then on the import is writing.
		const raw = rawFilePath(big.sha256, instance.dataDir);
		while (!existsSync(raw) && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
		expect(child.exitCode, output).toBeNull();

		// backups back to back until the import's process is gone, so that they span its transaction and its commit
		const archives: string[] = [];
		do {
			const out = join(root, `live-${archives.length}.zip`);
			await backup({ databaseUrl: instance.databaseUrl, dataDir: instance.dataDir, out });
			archives.push(out);
			await new Promise((r) => setTimeout(r, 50));
		} while (child.exitCode === null && archives.length < 20);
		expect(await exited, output).toBe(0);
		const after = rowCounts(instance.dbPath, IMPORT_TABLES);
		expect(after.observations).toBeGreaterThanOrEqual(before.observations + 196_000);
		expect(after.uploads).toBe(before.uploads + 1);
		// and one once it is over, which must hold all of it
		const last = join(root, 'live-after.zip');
		await backup({ databaseUrl: instance.databaseUrl, dataDir: instance.dataDir, out: last });
		archives.push(last);

		const seen = new Set<string>();
		for (const archive of archives) {
			const target = freshFolder();
			await restore({ file: archive, ...target });
			const db = new Database(target.dbPath, { readonly: true });
			expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
			expect(db.pragma('foreign_key_check')).toEqual([]);
			db.close();
			const counts = rowCounts(target.dbPath, IMPORT_TABLES);
			// all or nothing: never part of the import
			expect([before, after]).toContainEqual(counts);
			seen.add(counts.uploads === before.uploads ? 'before' : 'after');
			expect(check(target)).toMatchObject({ ok: true, integrity: 'ok', foreignKeys: [] });
		}
		// which states those during the import caught depends on timing; the first began while the import was writing
		expect(seen.has('after')).toBe(true);
		console.log(`${archives.length} backups, during the import and after it, caught: ${[...seen].join(' and ')}`);
	}, 60_000);

	it('refuses a damaged archive and writes nothing', async () => {
		const instance = await smallInstance('damaged');
		const out = join(root, 'damaged.zip');
		await backup({ databaseUrl: instance.databaseUrl, dataDir: instance.dataDir, out });
		const good = readFileSync(out);

		const attempt = async (bytes: Uint8Array, message: RegExp) => {
			const file = join(root, 'damaged-variant.zip');
			writeFileSync(file, bytes);
			const target = freshFolder();
			await expectRefused(() => restore({ file, ...target }), message);
			expect(existsSync(target.dataDir)).toBe(false);
			expect(existsSync(target.dbPath)).toBe(false);
			// and the staging folder beside the archive is gone
			expect(readdirSync(root).filter((n) => n.startsWith('damaged-variant.zip.'))).toEqual([]);
		};

		const flipped = Buffer.from(good);
		flipped[Math.floor(flipped.length / 2)] ^= 0xff; // inside the database, the biggest entry
		await attempt(flipped, /tracker.db: its CRC-32 is not the one the archive records/);
		await attempt(good.subarray(0, good.length - 100), /not a ZIP archive/);

		// CRCs intact but an entry that is not what the manifest says
		const entries = new Map(Object.entries(unzipSync(good)));
		const manifest = JSON.parse(new TextDecoder().decode(entries.get('manifest.json'))) as BackupManifest;
		const upload = manifest.uploads[0].path;
		const swapped = new Map<string, Uint8Array | string>(entries);
		swapped.set(upload, new TextEncoder().encode('not the file'));
		await attempt(zip(swapped), /does not match its sha256/);

		// an entry aiming outside the folder is refused by the reader itself; one the manifest does not vouch for, and a
		// path outside the uploads folder that the manifest does list, by the checks
		const climbing = new Map<string, Uint8Array | string>(entries);
		climbing.set('../evil.sh', 'echo hi');
		await attempt(zip(climbing), /invalid relative path: \.\.\/evil\.sh/);
		const smuggled = new Map<string, Uint8Array | string>(entries);
		smuggled.set('scripts/evil.sh', 'echo hi');
		await attempt(zip(smuggled), /scripts\/evil.sh is not in the manifest/);
		const evil = new TextEncoder().encode('echo hi');
		const listed = {
			...manifest,
			uploads: [...manifest.uploads, { path: 'scripts/evil.sh', sha256: sha256(evil), size: evil.length }]
		};
		smuggled.set('manifest.json', JSON.stringify(listed));
		await attempt(zip(smuggled), /unexpected path in the manifest: scripts\/evil.sh/);
	});

	it('refuses a database that fails its foreign-key check', async () => {
		const instance = await smallInstance('orphan');
		const sqlite = new Database(instance.dbPath);
		sqlite.pragma('foreign_keys = OFF');
		sqlite.prepare("INSERT INTO enterprises (pilot_id, code, name_zh) VALUES (999999, 'X', 'orphan')").run();
		sqlite.close();
		const out = join(root, 'orphan.zip');
		await backup({ databaseUrl: instance.databaseUrl, dataDir: instance.dataDir, out });
		const target = freshFolder();
		await expectRefused(() => restore({ file: out, ...target }), /foreign_key_check: 1 violations/);
		expect(existsSync(target.dataDir)).toBe(false);
	});

	it('refuses while the server runs, and over an existing database without --force', async () => {
		const instance = await smallInstance('guarded');
		const out = join(root, 'guarded.zip');
		await backup({ databaseUrl: instance.databaseUrl, dataDir: instance.dataDir, out });

		// a live server: this very process stands in for it
		const target = freshFolder();
		mkdirSync(target.dataDir, { recursive: true });
		writeFileSync(join(target.dataDir, 'server.pid'), `${process.pid}\n`);
		const untouched = tree(target.dataDir);
		await expectRefused(() => restore({ file: out, ...target, force: true }), /stop the server first/);
		expect(tree(target.dataDir)).toEqual(untouched);

		// a lock file left by a server that died (kill -9) does not stand in the way
		const gone = spawnSync(process.execPath, ['-e', '']).pid;
		writeFileSync(join(target.dataDir, 'server.pid'), `${gone}\n`);
		await restore({ file: out, ...target });
		expect(rowCounts(target.dbPath)).toEqual(rowCounts(instance.dbPath));

		// an existing database is replaced only with force; a WAL beside it must not survive the replacement
		const other = await smallInstance('other');
		await importInto(other, (await importFile(join(root, 'other-3.csv'), 2000, 3)).path);
		const otherOut = join(root, 'other.zip');
		await backup({ databaseUrl: other.databaseUrl, dataDir: other.dataDir, out: otherOut });
		rmSync(join(target.dataDir, 'server.pid'));
		const existing = tree(target.dataDir);
		await expectRefused(() => restore({ file: otherOut, ...target }), /add --force/);
		expect(tree(target.dataDir)).toEqual(existing);

		writeFileSync(`${target.dbPath}-wal`, 'stale');
		await restore({ file: otherOut, ...target, force: true });
		expect(existsSync(`${target.dbPath}-wal`)).toBe(false);
		expect(rowCounts(target.dbPath)).toEqual(rowCounts(other.dbPath));
		expect(check(target).ok).toBe(true);
	});

	it('names backups by the time in China', () => {
		expect(defaultBackupName(Date.UTC(2026, 10, 29, 17, 4, 5))).toBe('backup-20261130-010405.zip');
	});
});
