/** Keeping uploaded files: the raw bytes under the data folder, named by their sha256. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** A file name safe to store and show: no path, no control characters, at most 120 characters. */
export function sanitiseFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	const clean = base
		.replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
		.trim()
		.slice(0, 120);
	return clean || 'upload.csv';
}
