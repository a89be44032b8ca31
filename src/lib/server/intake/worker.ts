/**
 * The intake in a worker thread: the web server hands each upload here, so that parsing and writing
 * a large file never stall the pages other people are loading. Its own connection to the same
 * database (WAL: readers carry on while it writes). Bundled to build/intake-worker.mjs at build time.
 */
import { parentPort } from 'node:worker_threads';
import { openDb } from '../db';
import { importIndicators, type IntakeOptions } from './index';
import { refreshStaleStatuses } from '../progress/statuses';

type Job = { bytes: Uint8Array; options: IntakeOptions; databaseUrl: string | undefined };

parentPort!.on('message', async (job: Job) => {
	const { db, sqlite } = openDb(job.databaseUrl);
	try {
		const summary = await importIndicators(db, job.bytes, job.options);
		// the statuses of the pilots it touched, here rather than on the next page's request (scores stay with the
		// server: they rank every pilot and take one pass)
		if (summary.isWritten)
			try {
				refreshStaleStatuses(db, job.options.today);
			} catch {
				// the import itself is committed; a page's request refreshes the statuses instead (e.g. SQLITE_BUSY while
				// the server writes its own)
			}
		parentPort!.postMessage({ ok: true, summary });
	} catch (e) {
		parentPort!.postMessage({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
	} finally {
		sqlite.close();
	}
});
