/**
 * A minimal ZIP writer for the exports: every entry STOREd (no compression: the content is small text and SVG, and
 * STORE keeps the writer short and dependency-free), with its CRC-32, and names flagged as UTF-8 so that Chinese file
 * names survive every unzip tool. No ZIP64, hence at most 65,535 entries and 4 GiB, which the exports never approach.
 */

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** The CRC-32 (IEEE, as ZIP and PNG use it) of the bytes. */
export function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/**
 * The MS-DOS time and date of an instant, in China time: DOS times carry no zone and unzip shows them as they are, so
 * they are written in the zone the export's dates are stated in. DOS dates start in 1980.
 */
function dosDateTime(ms: number): { time: number; date: number } {
	const d = new Date(Math.max(ms, Date.UTC(1980, 0, 1)) + 8 * 3600_000);
	return {
		time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
		date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate()
	};
}

const UTF8_NAMES = 0x0800;
const VERSION = 20; // 2.0: the lowest version that reads STOREd entries in folders
const MADE_BY_UNIX = (3 << 8) | VERSION; // so that unzip applies the permissions in the external attributes
const FILE_MODE = 0o100644 << 16; // a regular file, rw-r--r--

/** A ZIP archive of the files (path → content; strings are written as UTF-8), each dated `at`, in the map's order. */
export function zip(files: Map<string, Uint8Array | string>, at = Date.now()): Uint8Array<ArrayBuffer> {
	if (files.size > 0xffff) throw new Error(`too many files for a ZIP without ZIP64: ${files.size}`);
	const encoder = new TextEncoder();
	const { time, date } = dosDateTime(at);
	const locals: Uint8Array[] = [];
	const centrals: Uint8Array[] = [];
	let offset = 0;
	for (const [path, content] of files) {
		const name = encoder.encode(path);
		const data = typeof content === 'string' ? encoder.encode(content) : content;
		const crc = crc32(data);
		if (offset + 30 + name.length + data.length > 0xffffffff)
			throw new Error('archive too large for a ZIP without ZIP64');

		const local = new Uint8Array(30 + name.length + data.length);
		const l = new DataView(local.buffer);
		l.setUint32(0, 0x04034b50, true);
		l.setUint16(4, VERSION, true);
		l.setUint16(6, UTF8_NAMES, true);
		l.setUint16(8, 0, true); // method: STORE
		l.setUint16(10, time, true);
		l.setUint16(12, date, true);
		l.setUint32(14, crc, true);
		l.setUint32(18, data.length, true); // compressed size = size when STOREd
		l.setUint32(22, data.length, true);
		l.setUint16(26, name.length, true);
		l.setUint16(28, 0, true);
		local.set(name, 30);
		local.set(data, 30 + name.length);

		const central = new Uint8Array(46 + name.length);
		const c = new DataView(central.buffer);
		c.setUint32(0, 0x02014b50, true);
		c.setUint16(4, MADE_BY_UNIX, true);
		c.setUint16(6, VERSION, true);
		c.setUint16(8, UTF8_NAMES, true);
		c.setUint16(10, 0, true);
		c.setUint16(12, time, true);
		c.setUint16(14, date, true);
		c.setUint32(16, crc, true);
		c.setUint32(20, data.length, true);
		c.setUint32(24, data.length, true);
		c.setUint16(28, name.length, true);
		// extra and comment lengths, disk number and internal attributes stay 0
		c.setUint32(38, FILE_MODE, true);
		c.setUint32(42, offset, true);
		central.set(name, 46);

		locals.push(local);
		centrals.push(central);
		offset += local.length;
	}
	const directorySize = centrals.reduce((n, c) => n + c.length, 0);
	const end = new Uint8Array(22);
	const e = new DataView(end.buffer);
	e.setUint32(0, 0x06054b50, true);
	e.setUint16(8, files.size, true); // entries on this disk
	e.setUint16(10, files.size, true); // entries in all
	e.setUint32(12, directorySize, true);
	e.setUint32(16, offset, true);

	const out = new Uint8Array(offset + directorySize + end.length);
	let position = 0;
	for (const part of [...locals, ...centrals, end]) {
		out.set(part, position);
		position += part.length;
	}
	return out;
}
