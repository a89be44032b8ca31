/**
 * Letting go of an upload's pieces while it arrives. Node puts each piece it reads from the socket (up to 64 KB) in
 * memory outside the JS heap, and frees it only when V8 collects the Buffer that holds it. Receiving makes almost no
 * JS garbage, so V8 would not collect before some 64 MB of pieces had piled up (its limit for memory held outside the
 * heap): a 49 MB upload raised the server's RSS by 66 MB while it arrived. A young-generation collection every
 * 4 MiB received, and once more at its end — a millisecond or so each, and only for large uploads — keeps that under
 * 10 MB (issue 16, measured by
 * `npm run bench -- import`).
 *
 * V8 offers the collection only to code started with --expose-gc; the flag is set for one fresh context, taken from
 * it, and unset again, as Jest does for its --logHeapUsage. Where that fails, receiving works as before.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How many bytes may arrive between two collections. */
export const RELEASE_EVERY = 4 * 1024 * 1024;

type Collect = (options: { type: 'minor' | 'major' }) => void;

let collect: Collect | null | undefined;

function collector(): Collect | null {
	if (collect !== undefined) return collect;
	collect = (globalThis as { gc?: Collect }).gc ?? null;
	if (collect) return collect;
	try {
		setFlagsFromString('--expose-gc');
		collect = runInNewContext('gc') as Collect;
	} catch {
		collect = null;
	} finally {
		setFlagsFromString('--no-expose-gc');
	}
	return collect;
}

export type Releaser = {
	/** Hears another piece received; each time RELEASE_EVERY more bytes have arrived, frees the pieces handled. */
	received(bytes: number): void;
	/** At the end of a large upload: frees its last pieces too (nothing for an upload under RELEASE_EVERY). */
	finish(): void;
	/** How many collections it ran (for tests). */
	readonly runs: number;
};

/** Frees an upload's pieces as it arrives, by young-generation collections (see the head of this file). */
export function releaser(): Releaser {
	let since = 0;
	let total = 0;
	let runs = 0;
	const release = () => {
		since = 0;
		const run = collector();
		if (!run) return;
		run({ type: 'minor' });
		runs++;
	};
	return {
		received(bytes) {
			since += bytes;
			total += bytes;
			if (since >= RELEASE_EVERY) release();
		},
		finish() {
			if (total >= RELEASE_EVERY && since > 0) release();
		},
		get runs() {
			return runs;
		}
	};
}
