/**
 * Where an upload's bytes are read from: a file on disk, read in pieces so that it is never held whole (the web
 * page, the API and the CLI), or bytes already in memory (tests, the demo seed, the registry's small files).
 * Every reader — encoding detection, the streaming parse — goes through `pieces()`, which may be called again
 * to read the bytes a second time.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export const PIECE = 1 << 16;

export type ByteSource = {
	/** Total length in bytes. */
	size: number;
	/** The first `n` bytes (fewer when the source is shorter). */
	head: (n: number) => Uint8Array;
	/**
	 * The bytes from the start, in pieces of at most `PIECE` bytes (a fresh read each call). A piece is valid until the
	 * next one is asked for: a reader that keeps bytes must copy them.
	 */
	pieces: () => Generator<Uint8Array>;
};

/** Bytes in memory as a source: the pieces are views, not copies. */
export function memorySource(bytes: Uint8Array): ByteSource {
	return {
		size: bytes.length,
		head: (n) => bytes.subarray(0, n),
		*pieces() {
			for (let i = 0; i < bytes.length; i += PIECE) yield bytes.subarray(i, Math.min(i + PIECE, bytes.length));
		}
	};
}

/** A file as a source, read piece by piece into one buffer that each piece reuses. */
export function fileSource(path: string): ByteSource {
	const fd = openSync(path, 'r');
	let size: number;
	try {
		size = fstatSync(fd).size;
	} finally {
		closeSync(fd);
	}
	return {
		size,
		head(n) {
			const fd = openSync(path, 'r');
			try {
				const buffer = new Uint8Array(Math.min(n, size));
				const read = readSync(fd, buffer, 0, buffer.length, 0);
				return buffer.subarray(0, read);
			} finally {
				closeSync(fd);
			}
		},
		*pieces() {
			const fd = openSync(path, 'r');
			// one buffer for the whole read: a fresh one per piece would leave 50 MB of garbage outside the heap, which
			// V8 collects only late (the server's peak memory during a large upload)
			const buffer = new Uint8Array(Math.min(PIECE, size));
			try {
				for (let at = 0; at < size;) {
					const read = readSync(fd, buffer, 0, Math.min(PIECE, size - at), at);
					if (read === 0) return; // the file shrank under us: what is left is what there is
					at += read;
					yield buffer.subarray(0, read);
				}
			} finally {
				closeSync(fd);
			}
		}
	};
}
