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
	/** The bytes from the start, in pieces of at most `PIECE` bytes (a fresh read each call). */
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

/** A file as a source, read piece by piece with a fresh buffer for each piece (a piece may be kept by its reader). */
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
			try {
				for (let at = 0; at < size;) {
					const buffer = new Uint8Array(Math.min(PIECE, size - at));
					const read = readSync(fd, buffer, 0, buffer.length, at);
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
