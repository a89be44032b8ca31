/**
 * Runs an intake for the web server: in a worker thread when the bundled worker is there (the
 * production build), otherwise in this process (development, tests). Same summary either way.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db';
import { importIndicators, type IntakeOptions, type IntakeSummary } from './index';
import { log } from '../log';

/** Where the bundled worker lives (INTAKE_WORKER, set by scripts/serve.mjs; default build/intake-worker.mjs). */
function workerPath(): string {
	return resolve(process.env.INTAKE_WORKER ?? 'build/intake-worker.mjs');
}

export async function runIntake(db: Db, bytes: Uint8Array, options: IntakeOptions): Promise<IntakeSummary> {
	const started = performance.now();
	const summary = await (existsSync(workerPath()) ? inWorker(bytes, options) : importIndicators(db, bytes, options));
	log('import', {
		user: options.user.username,
		channel: options.channel,
		file: summary.fileName,
		sha256: summary.sha256,
		rows: summary.rows,
		dryRun: summary.isDryRun,
		written: summary.isWritten,
		...summary.counts,
		errors: summary.errorCount,
		warnings: summary.warningCount,
		ms: Math.round(performance.now() - started)
	});
	return summary;
}

function inWorker(bytes: Uint8Array, options: IntakeOptions): Promise<IntakeSummary> {
	const path = workerPath();
	return new Promise((done, fail) => {
		const worker = new Worker(path);
		worker.once('message', (reply: { ok: true; summary: IntakeSummary } | { ok: false; error: string }) => {
			void worker.terminate();
			if (reply.ok) done(reply.summary);
			else fail(new Error(`intake worker: ${reply.error}`));
		});
		worker.once('error', fail);
		worker.postMessage({ bytes, options, databaseUrl: process.env.DATABASE_URL });
	});
}
