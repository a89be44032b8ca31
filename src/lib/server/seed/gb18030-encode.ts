/**
 * A small GB18030 encoder for the demo's legacy-encoded files. Node's TextEncoder only writes UTF-8 and Buffer
 * knows no GBK, so the reverse table is built once, lazily, from the WHATWG gb18030 decoder: every two-byte
 * sequence (lead 0x81–0xFE, trail 0x40–0x7E or 0x80–0xFE) is decoded and the first sequence for each
 * character kept. ASCII stays single-byte; characters that only have four-byte forms (e.g. ³, emoji) throw.
 */

let table: Map<string, number> | null = null;

const TRAILS = [
	...Array.from({ length: 0x3f }, (_, i) => 0x40 + i),
	...Array.from({ length: 0x7f }, (_, i) => 0x80 + i)
];

function reverseTable(): Map<string, number> {
	if (table) return table;
	const map = new Map<string, number>();
	const pairs: number[] = [];
	for (let lead = 0x81; lead <= 0xfe; lead++) for (const trail of TRAILS) pairs.push((lead << 8) | trail);
	const bytes = new Uint8Array(pairs.length * 2);
	pairs.forEach((pair, i) => {
		bytes[2 * i] = pair >> 8;
		bytes[2 * i + 1] = pair & 0xff;
	});
	const decoder = new TextDecoder('gb18030');
	const all = decoder.decode(bytes);
	// Every two-byte pointer maps to one BMP character, so the bulk decode lines up with `pairs`; if a
	// runtime ever disagrees, fall back to decoding pair by pair.
	const aligned = all.length === pairs.length;
	pairs.forEach((pair, i) => {
		const char = aligned ? all[i] : decoder.decode(bytes.subarray(2 * i, 2 * i + 2));
		if (char.length === 1 && char !== '\uFFFD' && !map.has(char)) map.set(char, pair);
	});
	table = map;
	return map;
}

/** The text as GB18030 bytes (no BOM); throws RangeError on a character without a one- or two-byte form. */
export function encodeGb18030(text: string): Uint8Array {
	const out = new Uint8Array(text.length * 2);
	let n = 0;
	let map: Map<string, number> | null = null;
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		if (code < 0x80) {
			out[n++] = code;
			continue;
		}
		map ??= reverseTable();
		const pair = map.get(char);
		if (pair === undefined) {
			throw new RangeError(`no two-byte GB18030 form for U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
		}
		out[n++] = pair >> 8;
		out[n++] = pair & 0xff;
	}
	return out.slice(0, n);
}
