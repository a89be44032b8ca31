/**
 * The intake in a worker thread: the web server hands each upload here, so that parsing and writing
 * a large file never stall the pages other people are loading. Its own connection to the same
 * database (WAL: readers carry on while it writes). Bundled to build/intake-worker.mjs at build time.
 */
import { parentPort } from 'node:worker_threads';
import { openDb } from '../db';
import { importIndicators, type IntakeOptions } from './index';
import { refreshStatusesOf } from '../progress/statuses';

type Job = { bytes: Uint8Array; options: IntakeOptions; databaseUrl: string | undefined };

parentPort!.on('message', async (job: Job) => {
	const { db, sqlite } = openDb(job.databaseUrl);
	try {
		// the statuses of the pilots it touches, in its own transaction, so that no page request finds them stale and
		// pays for them on the server's one thread (scores stay with the server: they rank every pilot in one pass)
		const summary = await importIndicators(db, job.bytes, {
			...job.options,
			afterWrite: (tx, codes) => refreshStatusesOf(tx, codes, job.options.today)
		});
		parentPort!.postMessage({ ok: true, summary });
	} catch (e) {
		parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
	} finally {
		sqlite.close();
	}
});
