/**
 * A `kill -9` in the middle of an import leaves the database exactly as it was before that import:
 * the intake writes one SQLite transaction, and a transaction that never committed is discarded when
 * the database is next opened. This test sets up the demo database, starts a large import from the
 * command line, kills the process with SIGKILL while it is writing (seen from the write-ahead log
 * growing), and checks that nothing of it is there, that integrity_check passes and that the next
 * import works.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { INDICATORS as CATALOGUE } from '../src/lib/domain/indicators';

// Fractional values of any size: counts (whole numbers only) and rates (0–100) are left out.
const INDICATORS = CATALOGUE.filter((i) => !i.isInteger && i.kind !== 'rate');
import { periodEnd, periodKey, termQuarters } from '../src/lib/domain/periods';
import { chinaToday } from '../src/lib/server/ops/clock';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repoRoot, 'scripts', 'cli.ts');
/** At least this many rows, so that the import's transaction lasts long enough to be caught in the act. */
const ROWS = 320_000;
/** The write-ahead log past this size means the import is inside its transaction, writing. */
const WAL_BYTES_WRITING = 4 * 1024 * 1024;
const TABLES = ['observations', 'revisions', 'uploads', 'rollups', 'audit_log', 'quarter_reviews'] as const;

const folder = mkdtempSync(join(tmpdir(), 'ops-kill-'));
const dbPath = join(folder, 'tracker.db');
const env = {
	...process.env,
	DATABASE_URL: `file:${dbPath}`,
	DATA_DIR: folder,
	SEED_DEMO: '1',
	QUIET_LOGS: '1'
};

/** The CLI in one Node process (`node --import tsx`, no npx or tsx wrapper): SIGKILL then hits the importer itself. */
function cliArgs(...args: string[]): string[] {
	return ['--import', 'tsx', cli, ...args];
}

function runCli(...args: string[]) {
	const run = spawnSync(process.execPath, cliArgs(...args), { cwd: repoRoot, env, encoding: 'utf8' });
	if (run.error) throw run.error;
	return run;
}

/** Row counts of the tables an import writes, and what integrity_check says. */
function snapshot(): { counts: Record<string, number>; integrity: string } {
	const sqlite = new Database(dbPath);
	try {
		const counts: Record<string, number> = {};
		for (const t of TABLES) counts[t] = (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
		const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[])
			.map((r) => r.integrity_check)
			.join('; ');
		return { counts, integrity };
	} finally {
		sqlite.close();
	}
}

type Target = { code: string; periods: string[]; enterprises: string[] };

/**
 * Picks the demo pilot with the most quarters open to an upload today (ended, not approved) and gives
 * it enough enterprises for a file of ROWS rows: the demo pilots have a few dozen each, far too few.
 */
function prepareTarget(): Target {
	const sqlite = new Database(dbPath);
	try {
		const today = chinaToday();
		const pilots = sqlite
			.prepare(
				"SELECT id, code, term_start AS termStart FROM pilots WHERE code LIKE 'D-%' AND term_start IS NOT NULL AND status = 'in_progress'"
			)
			.all() as { id: number; code: string; termStart: string }[];
		const approved = sqlite.prepare("SELECT period FROM quarter_reviews WHERE pilot_id = ? AND state = 'approved'");
		let best: { id: number; code: string; periods: string[] } | null = null;
		for (const p of pilots) {
			const locked = new Set((approved.all(p.id) as { period: string }[]).map((r) => r.period));
			const periods = termQuarters(p.termStart)
				.filter((q) => periodEnd(q) < today && !locked.has(periodKey(q)))
				.map(periodKey);
			if (periods.length && (!best || periods.length > best.periods.length)) best = { ...p, periods };
		}
		if (!best) throw new Error('no demo pilot has a quarter open to uploads today');
		const count = Math.ceil(ROWS / (best.periods.length * INDICATORS.length));
		const enterprises = Array.from({ length: count }, (_, i) => `K${String(i + 1).padStart(5, '0')}`);
		const insert = sqlite.prepare('INSERT INTO enterprises (pilot_id, code, name_zh) VALUES (?, ?, ?)');
		sqlite.transaction(() => {
			for (const e of enterprises) insert.run(best.id, e, `压测企业 ${e}`);
		})();
		return { code: best.code, periods: best.periods, enterprises };
	} finally {
		sqlite.close();
	}
}

/** Writes a valid long-format file: every enterprise × open quarter × indicator, in its canonical unit. */
async function writeFile(path: string, target: Target, enterprises = target.enterprises): Promise<number> {
	const out = createWriteStream(path);
	const closed = new Promise((done, fail) => out.on('close', done).on('error', fail));
	out.write('pilot_code,enterprise_code,period,indicator_code,value,unit,note\n');
	let rows = 0;
	let chunk = '';
	for (const [e, enterprise] of enterprises.entries()) {
		for (const period of target.periods)
			for (const [k, indicator] of INDICATORS.entries()) {
				chunk += `${target.code},${enterprise},${period},${indicator.code},${((e * 7 + k * 13) % 997) + 1.5},${indicator.unit},\n`;
				rows++;
			}
		if (chunk.length > 1 << 20) {
			const hasRoom = out.write(chunk);
			chunk = '';
			if (!hasRoom) await new Promise((done) => out.once('drain', done));
		}
	}
	out.end(chunk);
	await closed;
	return rows;
}

function fileSize(path: string): number {
	return existsSync(path) ? statSync(path).size : 0;
}

describe('kill -9 during an import', () => {
	afterAll(() => rmSync(folder, { recursive: true, force: true }));

	it('leaves the database as it was before the import, intact, and ready for the next one', async () => {
		const timings: Record<string, number> = {};
		let t = performance.now();
		const lap = (name: string) => {
			timings[name] = Math.round(performance.now() - t);
			t = performance.now();
		};

		const setup = runCli('setup');
		expect(setup.status, setup.stderr).toBe(0);
		const target = prepareTarget();
		const bigFile = join(folder, 'big.csv');
		const rows = await writeFile(bigFile, target);
		expect(rows).toBeGreaterThanOrEqual(300_000);
		const before = snapshot();
		expect(before.integrity).toBe('ok');
		lap('setup');

		const child = spawn(process.execPath, cliArgs('import', bigFile), { cwd: repoRoot, env, stdio: 'pipe' });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
			child.on('exit', (code, signal) => done({ code, signal }))
		);
		let hasExited = false;
		void exited.then(() => (hasExited = true));
		const wal = `${dbPath}-wal`;
		const deadline = Date.now() + 45_000;
		while (fileSize(wal) < WAL_BYTES_WRITING) {
			if (hasExited) throw new Error(`the import ended before it was caught writing:\n${output}`);
			if (Date.now() > deadline) {
				child.kill('SIGKILL');
				throw new Error(`the import never started writing within 45 s:\n${output}`);
			}
			await new Promise((r) => setTimeout(r, 5));
		}
		const walAtKill = fileSize(wal);
		lap('untilWriting');
		child.kill('SIGKILL');
		const { code, signal } = await exited;
		lap('kill');
		expect(signal).toBe('SIGKILL');
		expect(code).toBeNull();
		expect(output).not.toMatch(/Imported as upload/);
		expect(walAtKill).toBeGreaterThanOrEqual(WAL_BYTES_WRITING);

		// opening the database again discards the frames of the transaction that never committed
		const after = snapshot();
		expect(after.integrity).toBe('ok');
		expect(after.counts).toEqual(before.counts);
		lap('check');

		const smallFile = join(folder, 'small.csv');
		const smallRows = await writeFile(smallFile, target, target.enterprises.slice(0, 2));
		const small = runCli('import', smallFile);
		expect(small.status, small.stdout + small.stderr).toBe(0);
		expect(small.stdout).toMatch(/Imported as upload/);
		const next = snapshot();
		expect(next.integrity).toBe('ok');
		expect(next.counts.uploads).toBe(before.counts.uploads + 1);
		expect(next.counts.observations).toBe(before.counts.observations + smallRows);
		lap('nextImport');
		writeFileSync(join(folder, 'timings.json'), JSON.stringify({ rows, walAtKill, ...timings }));
		console.log(`ops-kill: ${rows} rows, WAL ${(walAtKill / 1048576).toFixed(1)} MB at the kill, ms`, timings);
	}, 120_000);
});
