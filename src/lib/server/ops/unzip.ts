/**
 * A small ZIP reader for the archives our writer (src/lib/server/export/zip.ts) makes: STOREd entries, no ZIP64, no
 * encryption. It exists to check a backup before anything is restored from it, so it is strict: every size, offset,
 * name and CRC-32 is verified, and anything it does not understand is refused rather than skipped.
 */
import { crc32 } from './zip';

/** An archive that is damaged, truncated or not one we can read. */
export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ENCRYPTED = 0x0001;
const DATA_DESCRIPTOR = 0x0008;

/** The entries of the archive (path → bytes, views into `archive`, in the archive's order), every CRC checked. */
export function unzip(archive: Uint8Array): Map<string, Uint8Array> {
	const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
	const end = findEndOfDirectory(view);
	const count = view.getUint16(end + 10, true);
	const directorySize = view.getUint32(end + 12, true);
	const directoryOffset = view.getUint32(end + 16, true);
	if (view.getUint16(end + 8, true) !== count || directoryOffset + directorySize > end)
		throw new ZipError('central directory out of bounds');

	const decoder = new TextDecoder('utf-8', { fatal: true });
	const entries = new Map<string, Uint8Array>();
	let p = directoryOffset;
	for (let n = 0; n < count; n++) {
		if (p + 46 > end || view.getUint32(p, true) !== CENTRAL) throw new ZipError(`central directory entry ${n} damaged`);
		const flags = view.getUint16(p + 8, true);
		const method = view.getUint16(p + 10, true);
		const crc = view.getUint32(p + 16, true);
		const compressed = view.getUint32(p + 20, true);
		const size = view.getUint32(p + 24, true);
		const nameLength = view.getUint16(p + 28, true);
		const next = p + 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
		const localOffset = view.getUint32(p + 42, true);
		if (next > end) throw new ZipError(`central directory entry ${n} out of bounds`);
		const name = decodeName(decoder, archive.subarray(p + 46, p + 46 + nameLength), n);
		// Our writer never encrypts, compresses or defers sizes to a data descriptor: such an entry is not ours.
		if (flags & (ENCRYPTED | DATA_DESCRIPTOR) || method !== 0 || compressed !== size)
			throw new ZipError(`${name}: not a plain STOREd entry`);

		if (localOffset + 30 > directoryOffset || view.getUint32(localOffset, true) !== LOCAL)
			throw new ZipError(`${name}: local header damaged`);
		const localNameLength = view.getUint16(localOffset + 26, true);
		const start = localOffset + 30 + localNameLength + view.getUint16(localOffset + 28, true);
		if (
			view.getUint16(localOffset + 8, true) !== 0 ||
			view.getUint32(localOffset + 14, true) !== crc ||
			view.getUint32(localOffset + 18, true) !== size ||
			view.getUint32(localOffset + 22, true) !== size ||
			localNameLength !== nameLength ||
			!sameBytes(archive.subarray(localOffset + 30, localOffset + 30 + nameLength), archive.subarray(p + 46))
		)
			throw new ZipError(`${name}: local header disagrees with the central directory`);
		if (start + size > directoryOffset) throw new ZipError(`${name}: data out of bounds`);
		const data = archive.subarray(start, start + size);
		if (crc32(data) !== crc) throw new ZipError(`${name}: CRC-32 mismatch`);
		if (entries.has(name)) throw new ZipError(`${name}: duplicate entry`);
		entries.set(name, data);
		p = next;
	}
	return entries;
}

/** The end-of-central-directory record sits in the last 22 bytes plus at most a 65,535-byte comment. */
function findEndOfDirectory(view: DataView): number {
	const last = view.byteLength - 22;
	for (let p = last; p >= 0 && p >= last - 0xffff; p--)
		if (view.getUint32(p, true) === EOCD && p + 22 + view.getUint16(p + 20, true) === view.byteLength) return p;
	throw new ZipError('not a ZIP archive (no end of central directory)');
}

function decodeName(decoder: TextDecoder, bytes: Uint8Array, n: number): string {
	try {
		return decoder.decode(bytes);
	} catch {
		throw new ZipError(`entry ${n}: name is not UTF-8`);
	}
}

/** Whether `a` equals the first `a.length` bytes of `b`. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (b.length < a.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}
