/** The receive's collections: one every RELEASE_EVERY bytes, and the pieces handled before it freed. */
import { describe, expect, it } from 'vitest';
import { RELEASE_EVERY, releaser, type Releaser } from './release';

const PIECE = 64 * 1024;

/** Receives `total` bytes in socket-sized pieces (each touched, as a hash and a write would); the peak of memory held in ArrayBuffers. */
function receive(total: number, release?: Releaser): number {
	let peak = 0;
	for (let size = 0; size < total; size += PIECE) {
		const piece = Buffer.alloc(PIECE, size & 0xff);
		release?.received(piece.length);
		if (size % (1024 * 1024) === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers);
	}
	return peak;
}

describe('releasing an upload’s pieces while it arrives', () => {
	it('collects once per RELEASE_EVERY bytes received, and not before', () => {
		const release = releaser();
		release.received(RELEASE_EVERY - 1);
		expect(release.runs).toBe(0);
		release.received(1);
		expect(release.runs).toBe(1);
		release.received(RELEASE_EVERY / 2);
		expect(release.runs).toBe(1);
		release.received(RELEASE_EVERY / 2);
		expect(release.runs).toBe(2);
	});

	it('collects once more at the end of a large upload, never for a small one', () => {
		const large = releaser();
		large.received(RELEASE_EVERY);
		large.received(10);
		large.finish();
		expect(large.runs).toBe(2);
		const exact = releaser();
		exact.received(RELEASE_EVERY);
		exact.finish(); // nothing arrived since its collection
		expect(exact.runs).toBe(1);
		const small = releaser();
		small.received(RELEASE_EVERY - 1);
		small.finish();
		expect(small.runs).toBe(0);
	});

	it('keeps the pieces of a 48 MiB upload from piling up outside the heap', () => {
		const before = process.memoryUsage().arrayBuffers;
		const peak = receive(48 * 1024 * 1024, releaser());
		// at most the pieces since the last collection, plus what the test runner holds
		expect(peak - before).toBeLessThan(RELEASE_EVERY + 8 * 1024 * 1024);
	});
});
