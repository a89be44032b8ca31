/**
 * Runs an intake for the web server: in a worker thread when the bundled worker is there (the
 * production build), otherwise in this process (development, tests). Same summary either way.
 *
 * It also keeps count of the imports in progress, so that a shutdown can let them finish (or stop
 * them) before the database is closed: see `waitForImports` and ../shutdown.ts.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db';
import { emptySummary, importIndicators, type IntakeOptions, type IntakeSummary } from './index';
import type { StoredUpload } from './store';
import type { IntakePhase, ServerPhase } from '../../intake/progress';
import { log } from '../ops/log';
import { intakeGate } from './queue';
import { problem } from './problems';

/** The old-generation heap a worker may use: a file that needs more is refused, the server stays up. */
const WORKER_HEAP_MB = 512;
/**
 * Its young generation, kept small: parsing makes short-lived garbage by the megabyte, and V8 would otherwise let the
 * young generation grow to tens of MB before collecting it (the server's peak RSS under a 50 MB upload: issue 16).
 */
const WORKER_YOUNG_MB = 12;

/** Where the bundled worker lives (INTAKE_WORKER, set by scripts/serve.mjs; default build/intake-worker.mjs). */
function workerPath(): string {
	return resolve(process.env.INTAKE_WORKER ?? 'build/intake-worker.mjs');
}

/** An import in progress: its outcome, and its worker when it runs in one (null in this process). */
type Running = { done: Promise<unknown>; worker: Worker | null };

const running = new Set<Running>();
let isStopping = false;

/** Thrown when an import is asked for after the shutdown has begun. */
export class ShuttingDownError extends Error {
	constructor() {
		super('the server is shutting down: no new import is started');
	}
}

/** An upload: bytes in memory (tests), or a file on disk, which the worker reads piece by piece. */
export type IntakeFile = Uint8Array | StoredUpload;

/** What runIntake hears besides the intake's options: its place in line (the page shows it). */
export type RunOptions = IntakeOptions & { onPhase?: (phase: IntakePhase, done: number, total: number) => void };

/**
 * Runs one intake and logs one `import` line with its summary (never the file's content). Refuses
 * with ShuttingDownError once `waitForImports` has been called.
 */
export async function runIntake(db: Db, file: IntakeFile, options: RunOptions): Promise<IntakeSummary> {
	if (isStopping) throw new ShuttingDownError();
	// counted from arrival, so that a shutdown also waits for the uploads still in line
	const entry: Running = { done: Promise.resolve(), worker: null };
	running.add(entry);
	const whole = (async () => {
		// at most INTAKE_CONCURRENCY at once; throws QueueFullError when the line is full
		const ticket = await intakeGate().enter((position) => options.onPhase?.('queue', 0, position));
		try {
			// one that waited in line and whose turn came after the shutdown began is not started
			if (isStopping && ticket.position > 0) throw new ShuttingDownError();
			const summary = await runNow(db, file, options, entry);
			summary.queue = ticket.position > 0 ? { position: ticket.position, waitedMs: ticket.waitedMs } : null;
			return summary;
		} finally {
			ticket.release();
		}
	})();
	entry.done = whole.then(
		() => undefined,
		() => undefined
	);
	try {
		return await whole;
	} finally {
		running.delete(entry);
	}
}

async function runNow(db: Db, file: IntakeFile, options: IntakeOptions, entry: Running): Promise<IntakeSummary> {
	const started = performance.now();
	const size = file instanceof Uint8Array ? file.length : file.size; // bytes move to the worker: read their length first
	const work = existsSync(workerPath())
		? inWorker(file, options, (w) => (entry.worker = w))
		: importIndicators(db, file, options);
	let summary: IntakeSummary;
	try {
		summary = await work;
	} catch (e) {
		// the request's error line (hooks handleError) carries the stack; this line says which import it was
		log('import', {
			user: options.user.username,
			channel: options.channel,
			file: options.fileName,
			bytes: size,
			dryRun: options.dryRun,
			written: false,
			failed: e instanceof Error ? e.message.split('\n')[0] : String(e),
			ms: Math.round(performance.now() - started)
		});
		throw e;
	}
	log('import', {
		user: options.user.username,
		channel: options.channel,
		file: summary.fileName,
		bytes: summary.bytes,
		sha256: summary.sha256,
		rows: summary.rows,
		dryRun: summary.isDryRun,
		written: summary.isWritten,
		uploadId: summary.uploadId,
		...summary.counts,
		errors: summary.errorCount,
		warnings: summary.warningCount,
		ms: Math.round(performance.now() - started)
	});
	return summary;
}

/** What the worker says: how far it has gone, then its one answer. */
export type WorkerReply =
	| { type: 'progress'; phase: ServerPhase; done: number; total: number; rows: number }
	| { type: 'result'; ok: true; summary: IntakeSummary }
	| { type: 'result'; ok: false; error: string };

function inWorker(file: IntakeFile, options: IntakeOptions, started: (worker: Worker) => void): Promise<IntakeSummary> {
	const path = workerPath();
	const size = file instanceof Uint8Array ? file.length : file.size;
	// transferred, not copied, when the bytes own their whole buffer: one upload is then held once
	const transfer =
		file instanceof Uint8Array && file.byteOffset === 0 && file.byteLength === file.buffer.byteLength
			? [file.buffer as ArrayBuffer]
			: [];
	// functions and signals stay here: the worker reports progress by message and hears a cancel by message
	const { onProgress, signal } = options;
	const { user, dryRun, fileName, channel, ip, at, today, dataDir, sheet } = options;
	const plain: IntakeOptions = { user, dryRun, fileName, channel, ip, at, today, dataDir, sheet };
	return new Promise((done, fail) => {
		// a bounded heap: a file that would need more stops its own worker, not the server
		const worker = new Worker(path, {
			resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB }
		});
		started(worker);
		const onAbort = () => worker.postMessage({ type: 'cancel' });
		signal?.addEventListener('abort', onAbort, { once: true });
		worker.on('message', (reply: WorkerReply) => {
			if (reply.type === 'progress') {
				onProgress?.(reply.phase, reply.done, reply.total, reply.rows);
				return;
			}
			signal?.removeEventListener('abort', onAbort);
			void worker.terminate();
			if (reply.ok) done(reply.summary);
			else fail(new Error(`intake worker: ${reply.error}`));
		});
		worker.once('error', (e: Error & { code?: string }) => {
			if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') done(outOfMemory(options, size));
			else fail(e);
		});
		// a worker stopped by the shutdown never answers: without this the request would wait forever
		// (after an answer this comes too, and is ignored: a settled promise stays settled)
		worker.once('exit', (code) => fail(new Error(`intake worker stopped (exit ${code}) before it answered`)));
		worker.postMessage(
			{
				type: 'job',
				file,
				options: plain,
				isCancelled: signal?.aborted === true,
				databaseUrl: process.env.DATABASE_URL
			},
			transfer
		);
	});
}

/** The summary of a file whose intake ran out of its worker's memory: refused, nothing written. */
function outOfMemory(options: IntakeOptions, size: number): IntakeSummary {
	return {
		...emptySummary(options.fileName, options.dryRun),
		bytes: size,
		errorCount: 1,
		problems: [problem('E_FILE_MEMORY', { row: null }, { limit: WORKER_HEAP_MB })]
	};
}

/** How many imports are in progress now. */
export function importsInProgress(): number {
	return running.size;
}

/** What became of the imports in progress when the shutdown began. */
export type ImportsAtShutdown = {
	/** Finished (committed, or refused with nothing written) within the wait. */
	finished: number;
	/** Worker terminated after the wait: rolled back, nothing written. */
	stopped: number;
	/** Still running in this process (development only): left to the process's exit. */
	unstoppable: number;
};

/**
 * For the shutdown: refuses new imports from now on, waits up to `ms` for those in progress to
 * finish, then terminates the workers of any still running. A terminated import never commits:
 * its writes are one SQLite transaction, and an uncommitted transaction is rolled back (when its
 * connection closes, or on the next open of the database if the process dies first). Imports that
 * run in this process (development) cannot be stopped; they are only counted.
 */
export async function waitForImports(ms: number): Promise<ImportsAtShutdown> {
	isStopping = true;
	const waiting = [...running];
	if (!waiting.length) return { finished: 0, stopped: 0, unstoppable: 0 };
	let timer: NodeJS.Timeout | undefined;
	const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
	await Promise.race([Promise.all(waiting.map((r) => r.done)), timeUp]);
	clearTimeout(timer);
	const left = waiting.filter((r) => running.has(r));
	const stoppable = left.filter((r) => r.worker);
	await Promise.all(stoppable.map((r) => r.worker!.terminate()));
	// let the requests behind the stopped imports see their failure before the database closes
	await Promise.all(stoppable.map((r) => r.done));
	return {
		finished: waiting.length - left.length,
		stopped: stoppable.length,
		unstoppable: left.length - stoppable.length
	};
}

/** Accepts imports again after `waitForImports` (tests only: a real shutdown does not come back). */
export function resumeImports(): void {
	isStopping = false;
}
