/**
 * The first step of every upload, registry and quarterly alike: which encoding the bytes are in — UTF-16 with BOM,
 * UTF-8 (BOM removed) or GB18030 (Excel's "CSV" on zh-CN Windows) — and, for whole-file readers, the decoded text. Decoding is strict: bytes valid in no supported encoding refuse the file and
 * name the row where the first bad byte sits.
 */
import { isUtf8 } from 'node:buffer';
import { fileError, type Problem } from '../../csv/problems';
import { memorySource, type ByteSource } from './source';

export type Decoded = { text: string; encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' };

/** Judges one encoding line by line: whether each line (LF included) is valid in it, fed piece by piece. */
class LineJudge {
	private decoder: TextDecoder;
	private isBad = false;

	constructor(private encoding: string) {
		this.decoder = new TextDecoder(encoding, { fatal: true });
	}

	feed(bytes: Uint8Array): void {
		if (this.isBad) return;
		try {
			this.decoder.decode(bytes, { stream: true });
		} catch {
			this.isBad = true;
		}
	}

	/** Ends the line: true when it was valid. */
	end(): boolean {
		let isValid = !this.isBad;
		if (isValid)
			try {
				this.decoder.decode();
			} catch {
				isValid = false;
			}
		this.decoder = new TextDecoder(this.encoding, { fatal: true });
		this.isBad = false;
		return isValid;
	}
}

/**
 * The 1-based line of the first bad byte, judged in the encoding the file was meant to be in: UTF-8
 * when valid non-ASCII UTF-8 text comes before the first bad UTF-8 line, else GB18030 (whose text is
 * not valid UTF-8 from its first Chinese character on). Lines end after each LF (no multi-byte UTF-8
 * or GB18030 sequence contains 0x0A); read piece by piece, never whole.
 */
function firstBadByteLine(source: ByteSource): number {
	const utf8 = new LineJudge('utf-8');
	const gb = new LineJudge('gb18030');
	let line = 0;
	let utf8Bad = -1;
	let gbBad = -1;
	let looksUtf8 = false;
	let isHigh = false;
	const endLine = () => {
		const isUtf8Valid = utf8.end();
		const isGbValid = gb.end();
		if (utf8Bad < 0) {
			if (!isUtf8Valid) utf8Bad = line;
			else if (isHigh) looksUtf8 = true;
		}
		if (gbBad < 0 && !isGbValid) gbBad = line;
		line++;
		isHigh = false;
	};
	for (const piece of source.pieces()) {
		let start = 0;
		for (let i = 0; i < piece.length; i++) {
			const b = piece[i];
			if (b >= 0x80) isHigh = true;
			else if (b === 0x0a) {
				utf8.feed(piece.subarray(start, i + 1));
				gb.feed(piece.subarray(start, i + 1));
				endLine();
				start = i + 1;
			}
		}
		utf8.feed(piece.subarray(start));
		gb.feed(piece.subarray(start));
		// the answer is known once the UTF-8 line is found and, unless that settles it, the GB18030 one
		if (utf8Bad >= 0 && (looksUtf8 || gbBad >= 0)) break;
	}
	if (utf8Bad < 0 || (!looksUtf8 && gbBad < 0)) endLine(); // the last line, after the last LF
	const bad = looksUtf8 ? utf8Bad : gbBad;
	return (bad < 0 ? utf8Bad : bad) + 1;
}

export type Encoding = Decoded['encoding'];

/** Which encoding the bytes are in, or where they fail: a UTF-16 mark over bad UTF-16, or the row of the first bad byte. */
export type Detected =
	{ encoding: Encoding } | { encoding: null; bom: 'utf-16le' | 'utf-16be' | null; row: number | null };

/** Whether the bytes are valid in the encoding, checked piece by piece (no whole-text copy). */
function isStrictly(encoding: string, source: ByteSource): boolean {
	const decoder = new TextDecoder(encoding, { fatal: true });
	try {
		for (const piece of source.pieces()) decoder.decode(piece, { stream: true });
		decoder.decode();
		return true;
	} catch {
		return false;
	}
}

/**
 * Whether the bytes are valid UTF-8, checked piece by piece with Node's own validator: each piece is cut before the
 * lead byte of its last sequence (found past at most three continuation bytes), which is carried into the next.
 */
function isUtf8Source(source: ByteSource): boolean {
	let carry: Uint8Array = new Uint8Array(0);
	for (const piece of source.pieces()) {
		const bytes = carry.length ? concat(carry, piece) : piece;
		let cut = bytes.length;
		let k = bytes.length - 1;
		while (k > 0 && bytes.length - k < 4 && (bytes[k] & 0xc0) === 0x80) k--;
		if (k >= 0 && bytes[k] >= 0xc0) cut = k;
		if (!isUtf8(bytes.subarray(0, cut))) return false;
		carry = bytes.slice(cut);
	}
	return isUtf8(carry);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const out = new Uint8Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}

/**
 * The encoding of the bytes — UTF-16 by its mark, else UTF-8, else GB18030 — checked strictly without decoding the
 * whole text or holding it whole; or why none fits. The one place where every upload's encoding is decided.
 */
export function detectEncoding(input: Uint8Array | ByteSource): Detected {
	const source = input instanceof Uint8Array ? memorySource(input) : input;
	const mark = source.head(2);
	for (const [a, b, bom] of [
		[0xff, 0xfe, 'utf-16le'],
		[0xfe, 0xff, 'utf-16be']
	] as const)
		if (mark.length >= 2 && mark[0] === a && mark[1] === b)
			return isStrictly(bom, source) ? { encoding: bom } : { encoding: null, bom, row: null };
	if (isUtf8Source(source)) return { encoding: 'utf-8' };
	if (isStrictly('gb18030', source)) return { encoding: 'gb18030' };
	return { encoding: null, bom: null, row: firstBadByteLine(source) };
}

/** Decodes the bytes whole (the registry's files) or returns the problem that refuses them. */
export function decode(bytes: Uint8Array): Decoded | Problem {
	const found = detectEncoding(bytes);
	if (found.encoding) return { text: new TextDecoder(found.encoding).decode(bytes), encoding: found.encoding };
	if (found.bom === 'utf-16le')
		return fileError(
			'文件以 UTF-16 LE 标记开头，但内容不是有效的 UTF-16',
			'The file starts with a UTF-16 LE mark but is not valid UTF-16'
		);
	if (found.bom === 'utf-16be')
		return fileError(
			'文件以 UTF-16 BE 标记开头，但内容不是有效的 UTF-16',
			'The file starts with a UTF-16 BE mark but is not valid UTF-16'
		);
	const line = found.row ?? 1;
	return {
		row: line,
		column: null,
		value: null,
		zh: `第 ${line} 行含有既非 UTF-8 也非 GB18030 的字节，请以 UTF-8 或 GB18030 另存后重试`,
		en: `Row ${line} holds bytes that are neither UTF-8 nor GB18030; save the file as UTF-8 or GB18030 and try again`,
		severity: 'error'
	};
}
