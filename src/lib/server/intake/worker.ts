/**
 * The intake in a worker thread: the web server hands each upload here, so that parsing and writing
 * a large file never stall the pages other people are loading. Its own connection to the same
 * database (WAL: readers carry on while it writes). Bundled to build/intake-worker.mjs at build time.
 *
 * Messages in: one `job` (the upload: a file on disk, read piece by piece, or bytes), then perhaps a `cancel`.
 * Messages out: `progress` (at most every 100 ms, and at each new phase), then one `result` (see WorkerReply).
 */
import { parentPort } from 'node:worker_threads';
import { openDb } from '../db';
import { importIndicators, type IntakeOptions } from './index';
import { refreshStatusesOf } from '../progress/statuses';
import type { IntakeFile, WorkerReply } from './run';
import { paced, type ServerPhase } from '../../intake/progress';

type Job = {
	type: 'job';
	file: IntakeFile;
	options: IntakeOptions;
	isCancelled: boolean;
	databaseUrl: string | undefined;
};

const controller = new AbortController();
const send = (reply: WorkerReply) => parentPort!.postMessage(reply);

const progress = paced<ServerPhase>((phase, done, total, rows) => send({ type: 'progress', phase, done, total, rows }));

parentPort!.on('message', async (message: Job | { type: 'cancel' }) => {
	if (message.type === 'cancel') {
		controller.abort();
		return;
	}
	if (message.isCancelled) controller.abort();
	const { db, sqlite } = openDb(message.databaseUrl);
	// a small page cache (2 MB, SQLite's own default; better-sqlite3's is 16 MB): a million-row write is no slower
	// with it (measured), and the server's peak memory during a large upload is 16 MB lower
	sqlite.pragma('cache_size = -2000');
	try {
		// the statuses of the pilots it touches, in its own transaction, so that no page request finds them stale and
		// pays for them on the server's one thread (scores stay with the server: they rank every pilot in one pass)
		const summary = await importIndicators(db, message.file, {
			...message.options,
			onProgress: progress,
			signal: controller.signal,
			afterWrite: (tx, codes) => refreshStatusesOf(tx, codes, message.options.today)
		});
		send({ type: 'result', ok: true, summary });
	} catch (e) {
		send({ type: 'result', ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
	} finally {
		sqlite.close();
	}
});
