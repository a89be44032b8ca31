/**
 * Decoding of uploaded bytes: UTF-16 with BOM, UTF-8 (BOM removed) and GB18030 (Excel's "CSV" on
 * zh-CN Windows). Decoding is strict: bytes valid in no supported encoding refuse the file and
 * name the row where the first bad byte sits.
 */
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

/** Decodes the bytes or returns the problem that refuses them. */
export function decode(bytes: Uint8Array): Decoded | Problem {
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
		const text = strict('utf-16le', bytes);
		if (text !== null) return { text, encoding: 'utf-16le' };
		return fileError(
			'文件以 UTF-16 LE 标记开头，但内容不是有效的 UTF-16',
			'The file starts with a UTF-16 LE mark but is not valid UTF-16'
		);
	}
	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		const text = strict('utf-16be', bytes);
		if (text !== null) return { text, encoding: 'utf-16be' };
		return fileError(
			'文件以 UTF-16 BE 标记开头，但内容不是有效的 UTF-16',
			'The file starts with a UTF-16 BE mark but is not valid UTF-16'
		);
	}
	const utf8 = strict('utf-8', bytes);
	if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
	const gb = strict('gb18030', bytes);
	if (gb !== null) return { text: gb, encoding: 'gb18030' };
	const line = firstBadByteLine(bytes);
	return {
		row: line,
		column: null,
		value: null,
		zh: `第 ${line} 行含有既非 UTF-8 也非 GB18030 的字节，请以 UTF-8 或 GB18030 另存后重试`,
		en: `Row ${line} holds bytes that are neither UTF-8 nor GB18030; save the file as UTF-8 or GB18030 and try again`,
		severity: 'error'
	};
}
