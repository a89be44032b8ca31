/**
 * ZIP archives through libraries, never by hand: fflate writes the small in-memory archives of the exports (the
 * gallery), yazl streams the backups to disk. fflate writes no ZIP64 (at most 65,535 entries and 4 GiB, which the
 * exports never approach); yazl switches to ZIP64 by itself past either limit, so that a backup of any size is one
 * archive. Every entry is STOREd (the content is text, SVG, a SQLite file and raw uploads: STORE keeps a backup fast
 * and an entry readable in place), its name flagged UTF-8 where it is not ASCII (yazl flags every name), its date in
 * China time, its mode a regular rw-r--r-- file.
 */
import { createWriteStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { zipSync, type Zippable } from 'fflate';
import yazl from 'yazl';

const FILE_MODE = 0o100644; // a regular file, rw-r--r--
const UNIX = 3;

/**
 * The Date whose local fields (which both libraries write as the DOS date and time, a format without a zone) are the
 * China time of the instant `ms`: unzip shows the dates in the zone the exports state theirs in. DOS dates start in
 * 1980.
 */
export function chinaFieldsDate(ms: number): Date {
	const d = new Date(Math.max(ms, Date.UTC(1980, 0, 1)) + 8 * 3600_000);
	return new Date(
		d.getUTCFullYear(),
		d.getUTCMonth(),
		d.getUTCDate(),
		d.getUTCHours(),
		d.getUTCMinutes(),
		d.getUTCSeconds()
	);
}

/** A ZIP archive of the files (path → content; strings are written as UTF-8), each dated `at`, in the map's order. */
export function zip(files: Map<string, Uint8Array | string>, at = Date.now()): Uint8Array<ArrayBuffer> {
	if (files.size > 0xffff) throw new Error(`too many files for an in-memory ZIP (no ZIP64): ${files.size}`);
	const encoder = new TextEncoder();
	const mtime = chinaFieldsDate(at);
	const tree: Zippable = {};
	for (const [path, content] of files)
		tree[path] = [
			typeof content === 'string' ? encoder.encode(content) : content,
			{ level: 0, mtime, os: UNIX, attrs: FILE_MODE << 16 }
		];
	return zipSync(tree);
}

/** An entry of a streamed archive: a file on disk (read as the archive is written) or bytes. */
export type ZipEntry = { name: string; path: string } | { name: string; data: Uint8Array | string };

/**
 * Writes an archive of the entries to `out` as a stream (a file entry is never held whole), ZIP64 where its size or
 * count needs it (or everywhere with `forceZip64`, which tests use). Resolves with the archive's size in bytes.
 */
export async function writeZip(
	out: string,
	entries: ZipEntry[],
	options: { at?: number; forceZip64?: boolean } = {}
): Promise<number> {
	const archive = new yazl.ZipFile();
	const common = {
		mtime: chinaFieldsDate(options.at ?? Date.now()),
		mode: FILE_MODE,
		compress: false,
		// only the DOS date and time, in China time; yazl would add a UTC stamp that unzip prefers and shows in the
		// machine's zone
		forceDosTimestamp: true,
		forceZip64Format: options.forceZip64 === true
	};
	for (const entry of entries) {
		if ('path' in entry) archive.addFile(entry.path, entry.name, common);
		else
			archive.addBuffer(
				Buffer.from(typeof entry.data === 'string' ? new TextEncoder().encode(entry.data) : entry.data),
				entry.name,
				common
			);
	}
	archive.end({ forceZip64Format: options.forceZip64 === true, comment: '' });
	await pipeline(archive.outputStream, createWriteStream(out, { flush: true }));
	return statSync(out).size;
}
