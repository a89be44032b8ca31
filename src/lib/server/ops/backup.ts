/**
 * Backups (`npm run cli -- backup`) and restores (`npm run cli -- restore`): one ZIP archive holding a consistent
 * snapshot of the database, taken online with SQLite's backup API while the app keeps serving and importing, the raw
 * uploads it refers to and a manifest with the sha256 of each. A restore checks all of it before it writes anything.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
	closeSync,
	copyFileSync,
	fsyncSync,
	openSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { databasePath } from '../db';
import { writeZip, type ZipEntry } from './zip';
import { extractArchive, ZipError, type StagedEntry } from './unzip';
import { fileSource } from '../csv/source';

/** A backup or restore that was refused: nothing was written. The message is bilingual (zh / en). */
export class OpsRefusal extends Error {
	constructor(zh: string, en: string) {
		super(`${zh} / ${en}`);
	}
}

/** What `manifest.json` in a backup archive says. */
export type BackupManifest = {
	format: typeof FORMAT;
	createdAt: string;
	/** The applied Drizzle migrations: how many, and the newest one's timestamp. */
	schema: { migrations: number; latest: number | null };
	database: { path: typeof DB_ENTRY; sha256: string; size: number };
	uploads: { path: string; sha256: string; size: number }[];
};

/** What a backup wrote. */
export type BackupResult = {
	file: string;
	bytes: number;
	manifest: BackupManifest;
	/** Raw files whose content no longer matches their sha256 name: backed up as they are, for `check` to report. */
	damagedUploads: string[];
	ms: number;
	/** One line for the operator. */
	summary: string;
};

/** What a restore wrote. */
export type RestoreResult = { database: string; uploads: number; manifest: BackupManifest; summary: string };

const FORMAT = 'cpa-tracker-backup/1';
const DB_ENTRY = 'tracker.db';
const MANIFEST_ENTRY = 'manifest.json';
/** keepRawFile writes `<sha>.<pid>.tmp` and renames it into place: a temp file is half an upload, never a kept one. */
const IN_FLIGHT = /\.tmp$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** A file's sha256 and size, read piece by piece. */
function hashFile(path: string): { sha256: string; size: number } {
	const hash = createHash('sha256');
	let size = 0;
	for (const piece of fileSource(path).pieces()) {
		hash.update(piece);
		size += piece.length;
	}
	return { sha256: hash.digest('hex'), size };
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `backup-YYYYMMDD-HHMMSS.zip`, in China time like every other date the app states. */
export function defaultBackupName(now = Date.now()): string {
	const s = new Date(now + 8 * 3600_000).toISOString();
	return `backup-${s.slice(0, 10).replaceAll('-', '')}-${s.slice(11, 19).replaceAll(':', '')}.zip`;
}

/**
 * Writes one archive with a consistent snapshot of the database at `databaseUrl` and every raw file under
 * `dataDir/uploads`. Safe while the server runs and imports: the snapshot is a read transaction, which in WAL mode
 * blocks no writer.
 */
export async function backup(options: { databaseUrl: string; dataDir: string; out?: string }): Promise<BackupResult> {
	const started = performance.now();
	const source = databasePath(options.databaseUrl);
	if (source === ':memory:') throw new OpsRefusal('内存数据库无法备份', 'An in-memory database cannot be backed up');
	if (!existsSync(source)) throw new OpsRefusal(`数据库 ${source} 不存在`, `Database ${source} does not exist`);
	const out = resolve(options.out ?? defaultBackupName());
	// an earlier backup is worth more than a typo in --out
	if (existsSync(out)) throw new OpsRefusal(`${out} 已存在，不会覆盖`, `${out} exists; not overwriting it`);

	const temp = mkdtempSync(join(tmpdir(), 'tracker-backup-'));
	try {
		// The snapshot comes first: raw files are written before the rows that name them commit, so every raw file
		// the snapshot refers to is already on disk when the uploads are copied below. Files of imports that commit
		// later may come along too; nothing refers to them, which is harmless.
		const snapshot = join(temp, DB_ENTRY);
		// read-only: a backup must not change what it copies (a read-write connection closing last would checkpoint)
		const db = new Database(source, { readonly: true, fileMustExist: true });
		try {
			db.pragma('busy_timeout = 5000');
			// All remaining pages in one step, i.e. one read transaction: the copy is consistent by construction and
			// never restarts because the app committed in between (page-by-page on a busy server might never finish).
			await db.backup(snapshot, { progress: () => 0x7fffffff });
		} finally {
			db.close();
		}
		const schema = appliedMigrations(snapshot);
		const dbFile = hashFile(snapshot);

		// each file is hashed piece by piece, then streamed into the archive: a backup never holds the uploads in memory
		const uploads: BackupManifest['uploads'] = [];
		const entries: ZipEntry[] = [];
		const damagedUploads: string[] = [];
		for (const path of listFiles(join(options.dataDir, 'uploads'))) {
			const file = join(options.dataDir, 'uploads', path);
			let hashed: { sha256: string; size: number };
			try {
				hashed = hashFile(file);
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // replaced or removed since the listing
				throw e;
			}
			const entry = posix.join('uploads', path.split(sep).join('/'));
			const name = entry.split('/').pop() ?? '';
			if (SHA256.test(name) && name !== hashed.sha256) damagedUploads.push(name);
			uploads.push({ path: entry, ...hashed });
			entries.push({ name: entry, path: file });
		}

		const manifest: BackupManifest = {
			format: FORMAT,
			createdAt: new Date().toISOString(),
			schema,
			database: { path: DB_ENTRY, ...dbFile },
			uploads
		};
		// written aside and renamed, so that a backup interrupted half-way never looks like a finished one; ZIP64 when
		// the archive passes 4 GiB or 65,535 entries
		mkdirSync(dirname(out), { recursive: true });
		const partial = `${out}.${process.pid}.partial`;
		let bytes: number;
		try {
			bytes = await writeZip(partial, [
				{ name: MANIFEST_ENTRY, data: JSON.stringify(manifest, null, '\t') },
				{ name: DB_ENTRY, path: snapshot },
				...entries
			]);
		} catch (e) {
			rmSync(partial, { force: true });
			throw e;
		}
		renameSync(partial, out);

		const ms = performance.now() - started;
		const uploadBytes = uploads.reduce((n, u) => n + u.size, 0);
		const summary =
			`备份完成 / Backup written: ${out} (${mb(bytes)}: database ${mb(dbFile.size)}, ` +
			`${uploads.length} raw files ${mb(uploadBytes)}, ${schema.migrations} migrations) in ${(ms / 1000).toFixed(1)} s` +
			(damagedUploads.length
				? `; 警告 / warning: ${damagedUploads.length} raw files do not match their sha256 (run: npm run cli -- check)`
				: '');
		return { file: out, bytes, manifest, damagedUploads, ms, summary };
	} finally {
		rmSync(temp, { recursive: true, force: true });
	}
}

/**
 * Restores an archive made by `backup` into a stopped instance: the database at `databaseUrl` and the raw files under
 * `dataDir/uploads`. The archive is read entry by entry from disk into a staging folder beside it (never held in
 * memory: a backup of any size restores), and the manifest's sha256s and the database's integrity and foreign keys are
 * checked before anything is written; throws OpsRefusal (nothing written) when any check fails, when the server is
 * running, or when a database is already there and `force` is not set.
 */
export async function restore(options: {
	file: string;
	databaseUrl: string;
	dataDir: string;
	force?: boolean;
}): Promise<RestoreResult> {
	const target = databasePath(options.databaseUrl);
	if (target === ':memory:') throw new OpsRefusal('不能恢复到内存数据库', 'Cannot restore into an in-memory database');
	const pid = liveServerPid(options.dataDir);
	if (pid !== null)
		throw new OpsRefusal(
			`服务器正在运行（进程 ${pid}），请先停止服务器`,
			`The server is running (pid ${pid}): stop the server first`
		);
	if (existsSync(target) && !options.force)
		throw new OpsRefusal(
			`数据库 ${target} 已存在；确认要替换请加 --force`,
			`Database ${target} exists; add --force to replace it`
		);

	// the staging folder sits beside the archive (where there is room for it), and goes when the restore ends
	const stage = `${resolve(options.file)}.${process.pid}.restoring`;
	let manifest: BackupManifest;
	let written = 0;
	try {
		const { manifest: checked, files } = await readArchive(options.file, stage);
		manifest = checked;
		// Raw files go first and the database last: should the restore stop half-way, the old database is still in place
		// (with some extra content-addressed files beside it, which nothing refers to).
		for (const u of manifest.uploads) {
			const path = join(options.dataDir, ...u.path.split('/'));
			if (existsSync(path) && hashFile(path).sha256 === u.sha256) continue;
			moveAside(files.get(u.path)!.path, path);
			written++;
		}
		mkdirSync(dirname(resolve(target)), { recursive: true });
		const partial = `${target}.${process.pid}.restoring`;
		moveAside(files.get(DB_ENTRY)!.path, partial, false);
		// An old WAL left beside the new file would be replayed onto it and corrupt it: remove it before the rename.
		rmSync(`${target}-wal`, { force: true });
		rmSync(`${target}-shm`, { force: true });
		renameSync(partial, target);
	} finally {
		rmSync(stage, { recursive: true, force: true });
	}

	const summary =
		`恢复完成 / Restored: ${target} (${mb(manifest.database.size)}, backup of ${manifest.createdAt}, ` +
		`${manifest.schema.migrations} migrations) and ${manifest.uploads.length} raw files (${written} written) into ${join(options.dataDir, 'uploads')}`;
	return { database: target, uploads: manifest.uploads.length, manifest, summary };
}

/** Reads a backup archive into `stage` and checks it completely; refuses it at the first thing wrong. */
async function readArchive(
	file: string,
	stage: string
): Promise<{ manifest: BackupManifest; files: Map<string, StagedEntry> }> {
	const refuse = (why: string): never => {
		throw new OpsRefusal(
			`备份文件 ${file} 未通过检查，未写入任何内容：${why}`,
			`Backup ${file} failed its checks, nothing written: ${why}`
		);
	};
	if (!existsSync(file)) return refuse(`ENOENT: no such file, ${file}`);
	let files: Map<string, StagedEntry>;
	try {
		files = await extractArchive(file, stage);
	} catch (e) {
		if (e instanceof ZipError) return refuse(e.message);
		throw e;
	}

	let manifest: BackupManifest;
	try {
		const entry = files.get(MANIFEST_ENTRY) ?? refuse('no manifest.json');
		manifest = JSON.parse(readFileSync(entry.path, 'utf8'));
	} catch (e) {
		if (e instanceof OpsRefusal) throw e;
		return refuse('manifest.json is not JSON');
	}
	if (manifest?.format !== FORMAT || !Array.isArray(manifest.uploads) || manifest.database?.path !== DB_ENTRY)
		refuse(`manifest.json is not a ${FORMAT} manifest`);

	const listed = new Set([MANIFEST_ENTRY]);
	for (const item of [manifest.database, ...manifest.uploads]) {
		if (!item || typeof item !== 'object') refuse('manifest.json lists something that is not a file');
		if (item.path !== DB_ENTRY && !isUploadPath(item.path)) refuse(`unexpected path in the manifest: ${item.path}`);
		if (listed.has(item.path)) refuse(`${item.path} listed twice`);
		listed.add(item.path);
		const staged = files.get(item.path) ?? refuse(`${item.path} is missing`);
		if (staged.size !== item.size || staged.sha256 !== item.sha256) refuse(`${item.path} does not match its sha256`);
	}
	// only what the manifest vouches for is ever written
	for (const name of files.keys()) if (!listed.has(name)) refuse(`${name} is not in the manifest`);

	const problem = checkDatabase(files.get(DB_ENTRY)!.path);
	if (problem) refuse(problem);
	return { manifest, files };
}

/** Opens a copy of the database (staged at `staged`) in a temp folder: integrity, foreign keys, a known schema. */
function checkDatabase(staged: string): string | null {
	const temp = mkdtempSync(join(tmpdir(), 'tracker-restore-'));
	try {
		const path = join(temp, DB_ENTRY);
		copyFileSync(staged, path);
		let db: Database.Database;
		try {
			db = new Database(path, { fileMustExist: true });
		} catch (e) {
			return `the database does not open: ${(e as Error).message}`;
		}
		try {
			const integrity = db.pragma('integrity_check') as { integrity_check: string }[];
			if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok')
				return `integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`;
			const violations = db.pragma('foreign_key_check') as unknown[];
			if (violations.length) return `foreign_key_check: ${violations.length} violations`;
			const { latest } = appliedMigrationsOf(db);
			const known = knownMigrations();
			// the app would refuse to start on it (see openDb): better to refuse now, before the old database is gone
			if (latest !== null && known !== null && latest > known)
				return 'the database schema is newer than this code knows (数据库结构比本程序新)';
			return null;
		} catch (e) {
			return `the database cannot be read: ${(e as Error).message}`;
		} finally {
			db.close();
		}
	} finally {
		rmSync(temp, { recursive: true, force: true });
	}
}

/** The pid in `dataDir/server.pid` if that process is alive (scripts/serve.mjs keeps the file while it runs). */
export function liveServerPid(dataDir: string): number | null {
	let text: string;
	try {
		text = readFileSync(join(dataDir, 'server.pid'), 'utf8');
	} catch {
		return null;
	}
	const pid = Number.parseInt(text.trim(), 10);
	if (!Number.isInteger(pid) || pid <= 0) return null;
	try {
		process.kill(pid, 0);
		return pid;
	} catch (e) {
		// EPERM: the process exists but belongs to another user, so it is alive all the same
		return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
	}
}

/** `uploads/…` with plain segments only, so that nothing in an archive can write outside the uploads folder. */
function isUploadPath(path: string): boolean {
	if (typeof path !== 'string' || !path.startsWith('uploads/') || path.includes('\\')) return false;
	const segments = path.split('/').slice(1);
	return segments.length > 0 && segments.every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\0'));
}

function appliedMigrations(path: string): BackupManifest['schema'] {
	const db = new Database(path, { fileMustExist: true });
	try {
		return appliedMigrationsOf(db);
	} finally {
		db.close();
	}
}

function appliedMigrationsOf(db: Database.Database): BackupManifest['schema'] {
	const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
	if (!table) return { migrations: 0, latest: null };
	const row = db.prepare('SELECT COUNT(*) AS n, MAX(created_at) AS latest FROM __drizzle_migrations').get() as {
		n: number;
		latest: number | null;
	};
	return { migrations: row.n, latest: row.latest };
}

/** The newest migration this code ships (as openDb reads it), or null when the journal is not where it looks. */
function knownMigrations(): number | null {
	const journal = resolve(process.env.MIGRATIONS_DIR ?? 'drizzle', 'meta/_journal.json');
	if (!existsSync(journal)) return null;
	const { entries } = JSON.parse(readFileSync(journal, 'utf8')) as { entries: { when: number }[] };
	return Math.max(...entries.map((e) => e.when));
}

/** Every regular file under `root`, as paths relative to it, in a stable order; none when `root` is absent. */
function listFiles(root: string): string[] {
	if (!existsSync(root)) return [];
	return readdirSync(root, { recursive: true, withFileTypes: true })
		.filter((d) => d.isFile() && !IN_FLIGHT.test(d.name))
		.map((d) => relative(root, join(d.parentPath, d.name)))
		.sort();
}

/**
 * Moves a staged file to `path`: renamed when both are on one disk, else copied beside its place and renamed there
 * (with `viaTemp`), so that no reader ever sees half of it.
 */
function moveAside(staged: string, path: string, viaTemp = true): void {
	mkdirSync(dirname(path), { recursive: true });
	flush(staged);
	try {
		renameSync(staged, path);
		return;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
	}
	const temp = viaTemp ? `${path}.${process.pid}.tmp` : path;
	copyFileSync(staged, temp);
	flush(temp);
	if (temp !== path) renameSync(temp, path);
}

/** Makes a file's bytes durable before it is renamed into place (as writeFileSync's `flush` did). */
function flush(path: string): void {
	const fd = openSync(path, 'r+');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}
