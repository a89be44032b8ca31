/**
 * The first step of every upload, registry and quarterly alike: which encoding the bytes are in — UTF-16 with BOM,
 * UTF-8 (BOM removed) or GB18030 (Excel's "CSV" on zh-CN Windows) — and, for whole-file readers, the decoded text. Decoding is strict: bytes valid in no supported encoding refuse the file and
 * name the row where the first bad byte sits.
 */
import { isUtf8 } from 'node:buffer';
import { fileError, type Problem } from '../../csv/problems';

export type Decoded = { text: string; encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' };

function strict(encoding: string, bytes: Uint8Array): string | null {
	try {
		return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		return null;
	}
}

/** The lines of the bytes, split after each LF (no multi-byte UTF-8 or GB18030 sequence contains 0x0A). */
function lines(bytes: Uint8Array): Uint8Array[] {
	const out: Uint8Array[] = [];
	let start = 0;
	for (let i = 0; i < bytes.length; i++) {
		if (bytes[i] === 0x0a) {
			out.push(bytes.subarray(start, i + 1));
			start = i + 1;
		}
	}
	out.push(bytes.subarray(start));
	return out;
}

/** The 0-based index of the first line that is not valid in the encoding, or -1. */
function firstBadLine(parts: Uint8Array[], encoding: string): number {
	return parts.findIndex((part) => strict(encoding, part) === null);
}

/**
 * The 1-based line of the first bad byte, judged in the encoding the file was meant to be in: UTF-8
 * when valid non-ASCII UTF-8 text comes before the first bad UTF-8 line, else GB18030 (whose text is
 * not valid UTF-8 from its first Chinese character on).
 */
function firstBadByteLine(bytes: Uint8Array): number {
	const parts = lines(bytes);
	const utf8 = firstBadLine(parts, 'utf-8');
	const looksUtf8 = parts.slice(0, Math.max(utf8, 0)).some((part) => part.some((b) => b >= 0x80));
	const bad = looksUtf8 ? utf8 : firstBadLine(parts, 'gb18030');
	return (bad < 0 ? utf8 : bad) + 1;
}

export type Encoding = Decoded['encoding'];

/** Which encoding the bytes are in, or where they fail: a UTF-16 mark over bad UTF-16, or the row of the first bad byte. */
export type Detected =
	{ encoding: Encoding } | { encoding: null; bom: 'utf-16le' | 'utf-16be' | null; row: number | null };

const CHUNK = 1 << 16;

/** Whether the bytes are valid in the encoding, checked piece by piece (no whole-text copy). */
function isStrictly(encoding: string, bytes: Uint8Array): boolean {
	const decoder = new TextDecoder(encoding, { fatal: true });
	try {
		for (let i = 0; i < bytes.length; i += CHUNK) decoder.decode(bytes.subarray(i, i + CHUNK), { stream: true });
		decoder.decode();
		return true;
	} catch {
		return false;
	}
}

/**
 * The encoding of the bytes — UTF-16 by its mark, else UTF-8, else GB18030 — checked strictly without decoding the
 * whole text; or why none fits. The one place where every upload's encoding is decided.
 */
export function detectEncoding(bytes: Uint8Array): Detected {
	for (const [a, b, bom] of [
		[0xff, 0xfe, 'utf-16le'],
		[0xfe, 0xff, 'utf-16be']
	] as const)
		if (bytes.length >= 2 && bytes[0] === a && bytes[1] === b)
			return isStrictly(bom, bytes) ? { encoding: bom } : { encoding: null, bom, row: null };
	if (isUtf8(bytes)) return { encoding: 'utf-8' };
	if (isStrictly('gb18030', bytes)) return { encoding: 'gb18030' };
	return { encoding: null, bom: null, row: firstBadByteLine(bytes) };
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
