/** Keeping uploaded files: the raw bytes under the data folder, named by their sha256. */
import { createHash, randomUUID } from 'node:crypto';
import {
	closeSync,
	copyFileSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	openSync,
	readdirSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSource } from '../csv/source';
import { releaser } from './release';

/** The data folder for raw uploads and exports (DATA_DIR, default `data`). */
export function dataDir(): string {
	return process.env.DATA_DIR || 'data';
}

/** The path of a kept raw file. */
export function rawFilePath(sha256: string, dir = dataDir()): string {
	return join(dir, 'uploads', sha256.slice(0, 2), sha256);
}

/** Writes the bytes once (content-addressed; a temp file renamed into place, so never half a file). */
export function keepRawFile(bytes: Uint8Array, sha256: string, dir = dataDir()): string {
	const path = rawFilePath(sha256, dir);
	if (existsSync(path)) return path;
	mkdirSync(join(dir, 'uploads', sha256.slice(0, 2)), { recursive: true });
	const temp = `${path}.${process.pid}.tmp`;
	writeFileSync(temp, bytes, { flush: true });
	renameSync(temp, path);
	return path;
}

/** Keeps an attachment's bytes once under their sha256 (as keepRawFile) and returns that sha256. */
export function keepFile(bytes: Uint8Array, dir = dataDir()): string {
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	keepRawFile(bytes, sha256, dir);
	return sha256;
}

/**
 * An upload on disk: received into a temporary file as it arrived (the web page, the API), or a file the CLI was
 * pointed at (never moved or deleted). Its sha256 and size were computed while it was read.
 */
export type StoredUpload = { path: string; sha256: string; size: number; isTemporary: boolean };

/** The refusal of an upload that went past the size limit while it arrived: nothing of it is kept. */
export type TooLarge = { tooLarge: true; size: number };

/**
 * Receives an upload's bytes as they arrive: each piece is hashed and appended to a temporary file under
 * `<dir>/uploads/incoming` (the same disk as the kept files, so keeping one is a rename), and never held whole in
 * memory. Past `maxBytes` the file is deleted at once and TooLarge answered. `onBytes` hears the running total.
 */
export async function receiveUpload(
	pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
	options: { maxBytes: number; dir?: string; onBytes?: (size: number) => void }
): Promise<StoredUpload | TooLarge> {
	const folder = join(options.dir ?? dataDir(), 'uploads', 'incoming');
	mkdirSync(folder, { recursive: true });
	const path = join(folder, `${randomUUID()}.part`);
	const hash = createHash('sha256');
	const handle = await open(path, 'wx');
	let size = 0;
	let isDone = false;
	const release = releaser();
	try {
		for await (const piece of pieces) {
			size += piece.length;
			if (size > options.maxBytes) return { tooLarge: true, size };
			hash.update(piece);
			await handle.write(piece);
			options.onBytes?.(size);
			release.received(piece.length); // the pieces written so far are freed, not left to pile up
		}
		isDone = true;
		release.finish();
		return { path, sha256: hash.digest('hex'), size, isTemporary: true };
	} finally {
		await handle.close();
		if (!isDone) rmSync(path, { force: true });
	}
}

/** The pieces of a request's body as they arrive (none when there is no body). */
export async function* bodyPieces(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
	if (!body) return;
	const reader = body.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			yield value;
		}
	} finally {
		// stops the body when the receiver stops early (past the size limit)
		await reader.cancel().catch(() => {});
	}
}

/**
 * Deletes the temporary files of uploads that never finished (a server stopped mid-upload leaves its `.part` file),
 * once they are older than `olderThanMs` — an upload still arriving into another server on the same data folder is
 * left alone. Returns how many were deleted. The server sweeps at start.
 */
export function sweepIncoming(dir = dataDir(), olderThanMs = 3_600_000, now = Date.now()): number {
	const folder = join(dir, 'uploads', 'incoming');
	if (!existsSync(folder)) return 0;
	let swept = 0;
	for (const name of readdirSync(folder)) {
		const path = join(folder, name);
		if (name.endsWith('.part') && now - statSync(path).mtimeMs > olderThanMs) {
			rmSync(path, { force: true });
			swept++;
		}
	}
	return swept;
}

/** A file already on disk (the CLI's): hashed piece by piece, left where it is. */
export function fileUpload(path: string): StoredUpload {
	const source = fileSource(path);
	const hash = createHash('sha256');
	let size = 0;
	for (const piece of source.pieces()) {
		hash.update(piece);
		size += piece.length;
	}
	return { path, sha256: hash.digest('hex'), size, isTemporary: false };
}

/**
 * Keeps an upload under its sha256, once: a received file is flushed to disk and renamed into place; a file of the
 * CLI's is copied (to a temp name, then renamed, so that a kept file is never half a file).
 */
export function keepUpload(upload: StoredUpload, dir = dataDir()): string {
	const path = rawFilePath(upload.sha256, dir);
	if (existsSync(path)) return path;
	mkdirSync(join(dir, 'uploads', upload.sha256.slice(0, 2)), { recursive: true });
	let from = upload.path;
	if (!upload.isTemporary) {
		from = `${path}.${process.pid}.tmp`;
		copyFileSync(upload.path, from);
	}
	const fd = openSync(from, 'r+');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	renameSync(from, path);
	return path;
}

/** Deletes a received upload's temporary file if it is still there (kept ones were renamed away); leaves the CLI's alone. */
export function discardUpload(upload: StoredUpload): void {
	if (upload.isTemporary) rmSync(upload.path, { force: true });
}

/** A file name safe to store and show: no path, no control characters, at most 120 characters. */
export function sanitiseFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	const clean = base
		.replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
		.trim()
		.slice(0, 120);
	return clean || 'upload.csv';
}
