/**
 * Reading a backup archive back, entry by entry from disk, through yauzl (ZIP64 included): each entry is streamed
 * into a staging folder with its sha256 and size computed on the way, so that an archive of any size is checked and
 * restored without being held in memory. Strict where it can be: a damaged or truncated archive, an entry compressed
 * in a way yauzl cannot read, an entry whose size is not what the archive says, an unsafe name and a name that appears
 * twice, and an entry whose CRC-32 is not the one the archive records (yauzl does not check it: it is computed on
 * the way) are refused with a ZipError naming what is wrong. A backup's manifest also holds the sha256 of every other
 * entry, which restore checks.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

/** An archive that is damaged, truncated or not one we can read. */
export class ZipError extends Error {}

/** An entry written to the staging folder: where, its sha256 and its size. */
export type StagedEntry = { path: string; sha256: string; size: number };

/**
 * Opens an archive (a file, or bytes) for reading entry by entry. With `autoClose` off it stays open until
 * `close()`, so that entries can be read in any order once the central directory has been listed (listEntries).
 */
export const openZip = (source: string | Buffer, autoClose = true) =>
	new Promise<yauzl.ZipFile>((resolve, reject) => {
		const options = { lazyEntries: true, validateEntrySizes: true, strictFileNames: true, autoClose };
		const done = (e: Error | null, zip: yauzl.ZipFile) => (e ? reject(e) : resolve(zip));
		if (typeof source === 'string') yauzl.open(source, options, done);
		else yauzl.fromBuffer(source, options, done);
	});

/** An entry's bytes, inflated. */
export const openEntry = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
	new Promise<Readable>((resolve, reject) =>
		zip.openReadStream(entry, (e, stream) => (e ? reject(e) : resolve(stream)))
	);

/** Every entry of an opened archive by its name, from the central directory (nothing is read or inflated). */
export const listEntries = (zip: yauzl.ZipFile) =>
	new Promise<Map<string, yauzl.Entry>>((resolve, reject) => {
		const entries = new Map<string, yauzl.Entry>();
		zip.on('error', reject);
		zip.on('end', () => resolve(entries));
		zip.on('entry', (entry: yauzl.Entry) => {
			entries.set(entry.fileName, entry);
			zip.readEntry();
		});
		zip.readEntry();
	});

/** yauzl's and the file system's complaints as a ZipError that says what is wrong. */
function zipError(e: unknown): ZipError {
	if (e instanceof ZipError) return e;
	const why = e instanceof Error ? e.message : String(e);
	return new ZipError(
		/end of central directory|signature|truncated|not enough|eof/i.test(why)
			? `not a ZIP archive, or a damaged one (${why})`
			: `the archive cannot be read (${why})`
	);
}

/**
 * Streams every file entry of the archive into `stage` (entry n as `stage/n`), in the archive's order; answers each
 * name with its staged file, sha256 and size. Directories are skipped.
 */
export async function extractArchive(file: string, stage: string): Promise<Map<string, StagedEntry>> {
	mkdirSync(stage, { recursive: true });
	const entries = new Map<string, StagedEntry>();
	let zip: yauzl.ZipFile;
	try {
		zip = await openZip(file);
	} catch (e) {
		throw zipError(e);
	}
	try {
		await new Promise<void>((resolve, reject) => {
			const fail = (e: unknown) => {
				zip.close();
				reject(zipError(e));
			};
			zip.on('error', fail);
			zip.on('end', () => resolve());
			zip.on('entry', (entry: yauzl.Entry) => {
				if (entry.fileName.endsWith('/')) return zip.readEntry();
				if (entries.has(entry.fileName)) return fail(new ZipError(`${entry.fileName}: duplicate entry`));
				const path = join(stage, String(entries.size));
				const hash = createHash('sha256');
				let size = 0;
				let crc = 0;
				const count = new Transform({
					transform(chunk: Buffer, _encoding, done) {
						hash.update(chunk);
						crc = crc32(chunk, crc);
						size += chunk.length;
						done(null, chunk);
					}
				});
				openEntry(zip, entry)
					.then((stream) => pipeline(stream, count, createWriteStream(path)))
					.then(() => {
						if (crc >>> 0 !== entry.crc32 >>> 0)
							throw new ZipError(`${entry.fileName}: its CRC-32 is not the one the archive records (damaged)`);
						entries.set(entry.fileName, { path, sha256: hash.digest('hex'), size });
						zip.readEntry();
					})
					.catch(fail);
			});
			zip.readEntry();
		});
	} catch (e) {
		throw zipError(e);
	}
	return entries;
}
