/**
 * The parts of the HTTP bench (scripts/bench/http.ts) that touch the app: the database it serves (the dashboard
 * bench's programme, the import file's pilots and three accounts), the built server on a loopback port with its
 * event-loop monitor, sign-in, one autocannon measurement and one import through the API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { openDb } from '../../src/lib/server/db';
import { seedReference } from '../../src/lib/server/seed';
import { mulberry32 } from '../../src/lib/server/seed/random';
import * as dashboard from '../../src/lib/server/analytics/dashboard';
import * as users from '../../src/lib/server/auth/users';
import * as tokens from '../../src/lib/server/auth/tokens';
import { systemActor } from '../../src/lib/server/audit/audit';
import type { Role } from '../../src/lib/server/auth';
import { fill, fillRollups } from './dashboard';
import type { ImportRegistry } from './import-file';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
/** No request of a page should come near this; one that does counts as an error (and fails its row). */
const REQUEST_TIMEOUT_S = 30;

/** What the bench signs in with: the admin's password for the pages, bearer tokens for the API. */
export type Credentials = { username: string; password: string; adminToken: string; importToken: string };

/**
 * Writes the bench database at `path`: the dashboard bench's programme (`pilots` pilots × 40 enterprises, 3.2 M
 * observations at 1,000, roll-ups, statuses and scores), the import file's pilots (empty, batch 2, term
 * 2025-10-01…2026-09-30), an admin with an API token and an implementer of the import's pilots with one.
 */
export async function prepareDatabase(path: string, pilots: number, registry: ImportRegistry): Promise<Credentials> {
	const { db, sqlite } = openDb(`file:${path}`);
	try {
		seedReference(db);
		fill(sqlite, { pilots, enterprisesPerPilot: 40 }, mulberry32(20261129));
		fillRollups(sqlite);
		const batchId = (sqlite.prepare('SELECT id FROM batches WHERE number = 2').get() as { id: number }).id;
		const now = Date.now();
		const insertPilot = sqlite.prepare(
			`INSERT INTO pilots (code, batch_id, name_zh, term_start, term_end, status, created_at, updated_at)
				VALUES (?, ?, ?, '2025-10-01', '2026-09-30', 'in_progress', ?, ?)`
		);
		const insertEnterprise = sqlite.prepare('INSERT INTO enterprises (pilot_id, code, name_zh) VALUES (?, ?, ?)');
		sqlite.transaction(() => {
			for (const p of registry.pilots) {
				const id = insertPilot.run(p.code, batchId, `导入基准试点 ${p.code}`, now, now).lastInsertRowid;
				for (const e of p.enterprises) insertEnterprise.run(id, e, `企业 ${e}`);
			}
		})();
		dashboard.prepare(db);

		const actor = systemActor('bench');
		const password = `bench-${randomBytes(12).toString('base64url')}`;
		const account = async (username: string, role: Role, pilotCodes: string[]) => {
			const id = await users.create(
				db,
				{ username, displayName: username, password, role, provinceCode: null, pilotCodes },
				actor
			);
			return tokens.create(db, { id, username, displayName: username, role, provinceCode: null }, 'bench', actor);
		};
		const adminToken = await account('bench-admin', 'admin', []);
		const importToken = await account(
			'bench-implementer',
			'implementer',
			registry.pilots.map((p) => p.code)
		);
		sqlite.pragma('wal_checkpoint(TRUNCATE)');
		return { username: 'bench-admin', password, adminToken, importToken };
	} finally {
		sqlite.close();
	}
}

/** A port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
	return new Promise((done, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, HOST, () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => done(port));
		});
	});
}

/**
 * Copies `build/`, `scripts/serve.mjs` and the event-loop monitor (`scripts/bench/loop-monitor.mjs`, next to it) into
 * `dir` (with a link to the repository's node_modules), so that a build started by someone else in the same tree
 * during the bench cannot swap the app under the server. Returns the copied serve.mjs.
 */
export function snapshotBuild(dir: string): string {
	if (!existsSync(join(repoRoot, 'build', 'index.js'))) throw new Error('no build/index.js: run `npm run build` first');
	cpSync(join(repoRoot, 'build'), join(dir, 'build'), { recursive: true });
	mkdirSync(join(dir, 'scripts'));
	copyFileSync(join(repoRoot, 'scripts', 'serve.mjs'), join(dir, 'scripts', 'serve.mjs'));
	copyFileSync(join(import.meta.dirname, 'loop-monitor.mjs'), join(dir, 'scripts', LOOP_MONITOR));
	symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
	return join(dir, 'scripts', 'serve.mjs');
}

export type Server = { origin: string; child: ChildProcess; logFile: string };

/** The event-loop monitor's file name beside the copied serve.mjs (see loop-monitor.mjs). */
const LOOP_MONITOR = 'loop-monitor.mjs';

/** What the server's event-loop monitor measured between `start` and `stop`, in ms. */
export type LoopDelay = { maxMs: number; p99Ms: number; meanMs: number; ticks: number };

/**
 * Starts (`start`, answering null) or stops and reads (`stop`) the event-loop monitor preloaded into the server, over
 * its IPC channel.
 */
export function loopDelay(server: Server, action: 'start'): Promise<null>;
export function loopDelay(server: Server, action: 'stop'): Promise<LoopDelay>;
export function loopDelay(server: Server, action: 'start' | 'stop'): Promise<LoopDelay | null> {
	const { child } = server;
	return new Promise((done, reject) => {
		const timer = setTimeout(() => {
			child.off('message', onMessage);
			reject(new Error(`the server's event-loop monitor did not answer '${action}'`));
		}, 10_000);
		const onMessage = (message: unknown) => {
			const answer = (message as { loopDelay?: unknown } | null)?.loopDelay;
			if (answer === undefined) return;
			clearTimeout(timer);
			child.off('message', onMessage);
			done(answer === 'started' ? null : (answer as LoopDelay));
		};
		child.on('message', onMessage);
		child.send({ loopDelay: action });
	});
}

/**
 * Starts the built app (`serve`: a copy of `scripts/serve.mjs`, which Playwright runs) on `port` with the database at `dbPath`, limits
 * raised so that nothing is throttled, and resolves once `/healthz` answers 200. The server's output goes to
 * `logFile`; a server that exits or does not answer in time is killed and reported with the log's tail. With
 * `loopMonitor`, the event-loop monitor is preloaded and an IPC channel opened to it (see `loopDelay`).
 */
export async function startServer(
	serve: string,
	dbPath: string,
	dataDir: string,
	port: number,
	logFile: string,
	options: { loopMonitor?: boolean } = {}
): Promise<Server> {
	const origin = `http://${HOST}:${port}`;
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		TZ: process.env.TZ,
		DATABASE_URL: `file:${dbPath}`,
		DATA_DIR: dataDir,
		HOST,
		PORT: String(port),
		ORIGIN: origin,
		QUIET_LOGS: '1',
		SEED_DEMO: '0',
		BODY_SIZE_LIMIT: '54M',
		SHUTDOWN_TIMEOUT: '5',
		API_RATE_PER_MINUTE: '100000000',
		UPLOADS_PER_HOUR: '1000'
	};
	const out = openSync(logFile, 'a');
	// the event-loop monitor only measures when asked, through the IPC channel
	const monitor = ['--import', pathToFileURL(join(dirname(serve), LOOP_MONITOR)).href];
	const child = options.loopMonitor
		? spawn(process.execPath, [...monitor, serve], { cwd: repoRoot, env, stdio: ['ignore', out, out, 'ipc'] })
		: spawn(process.execPath, [serve], { cwd: repoRoot, env, stdio: ['ignore', out, out] });
	closeSync(out);
	const server = { origin, child, logFile };
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) break;
		try {
			const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
			if (res.ok) return server;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	await stopServer(server);
	throw new Error(`the server did not answer on ${origin}/healthz:\n${logTail(logFile)}`);
}

/** Stops the server: SIGTERM, then SIGKILL if it has not exited within STOP_TIMEOUT_MS. Resolves once it is gone. */
export async function stopServer(server: Server): Promise<void> {
	const { child } = server;
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	if (child.connected) child.disconnect();
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
	await exited;
	clearTimeout(timer);
}

/** The last lines of the server's log, for an error message. */
export function logTail(logFile: string, lines = 20): string {
	try {
		return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/** Signs in through the login form action, as a browser without JS does; returns the `Cookie` header to send. */
export async function signIn(origin: string, username: string, password: string): Promise<string> {
	const res = await fetch(`${origin}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
		body: new URLSearchParams({ username, password })
	});
	const session = res.headers
		.getSetCookie()
		.map((c) => c.split(';', 1)[0])
		.find((c) => c.startsWith('session='));
	if (res.status !== 303 || !session) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
	return session;
}

/** One target's figures: requests/s (mean of the per-second samples), latency p50/p99 in ms, failures. */
export type Measurement = {
	rps: number;
	p50: number;
	p99: number;
	requests: number;
	non2xx: number;
	errors: number;
	/** Status codes seen, e.g. `200×812`. */
	statuses: string;
};

/** What autocannon's result holds that the bench reads (the package ships no types). */
type AutocannonResult = {
	requests: { average: number; total: number };
	latency: { p50: number; p99: number };
	non2xx: number;
	errors: number;
	timeouts: number;
	statusCodeStats?: Record<string, { count: number | string }>;
};

/**
 * Loads `url` with `connections` closed-loop connections for `seconds`, or — when `until` is given — from now until
 * `until` settles (at most `seconds`). A non-2xx or an error is a failure, counted in the result.
 */
export async function measure(
	url: string,
	headers: Record<string, string>,
	connections: number,
	seconds: number,
	until?: Promise<unknown>
): Promise<Measurement> {
	const r = await new Promise<AutocannonResult>((done, reject) => {
		const instance = autocannon(
			{ url, headers, connections, duration: seconds, timeout: REQUEST_TIMEOUT_S },
			(err: unknown, result: AutocannonResult) => (err ? reject(err) : done(result))
		);
		const stop = () => instance.stop();
		void until?.then(stop, stop);
	});
	return {
		rps: r.requests.average,
		p50: r.latency.p50,
		p99: r.latency.p99,
		requests: r.requests.total,
		non2xx: r.non2xx,
		errors: r.errors + r.timeouts,
		statuses: Object.entries(r.statusCodeStats ?? {})
			.map(([code, s]) => `${code}×${s.count}`)
			.join(' ')
	};
}

/** How an import through the API went. */
export type ImportOutcome = { status: number; rows: number; errorCount: number; ms: number; end: number };

/** Posts the CSV file to `POST /api/v1/imports` with the implementer's token; resolves with status and summary. */
export async function postImport(origin: string, file: string, token: string): Promise<ImportOutcome> {
	const body = readFileSync(file);
	const started = performance.now();
	const res = await fetch(`${origin}/api/v1/imports?fileName=bench.csv`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
		body
	});
	const text = await res.text();
	const end = performance.now();
	let rows = 0;
	let errorCount = -1;
	try {
		const summary = JSON.parse(text) as { rows?: number; errorCount?: number };
		rows = summary.rows ?? 0;
		errorCount = summary.errorCount ?? -1;
	} catch {
		// not a summary: the status says what happened
	}
	return { status: res.status, rows, errorCount, ms: end - started, end };
}
