/**
 * Decoding of uploaded bytes: UTF-16 with BOM, UTF-8 (BOM removed) and GB18030 (Excel's "CSV" on
 * zh-CN Windows). Decoding is strict: bytes valid in no supported encoding refuse the file and
 * name the row where the first bad byte sits.
 */
import { fileError, type Problem } from './problems';

export type Decoded = { text: string; encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' };

function strict(encoding: string, bytes: Uint8Array): string | null {
	try {
		return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		return null;
	}
}

/** The 1-based line of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstBadUtf8Line(bytes: Uint8Array): number {
	let line = 1;
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i];
		const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
		if (length === 0 || strict('utf-8', bytes.subarray(i, i + length)) === null) return line;
		if (b === 0x0a) line++;
		i += length;
	}
	return line;
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
	const line = firstBadUtf8Line(bytes);
	return {
		row: line,
		column: null,
		value: null,
		zh: `第 ${line} 行含有既非 UTF-8 也非 GB18030 的字节，请以 UTF-8 或 GB18030 另存后重试`,
		en: `Row ${line} holds bytes that are neither UTF-8 nor GB18030; save the file as UTF-8 or GB18030 and try again`,
		severity: 'error'
	};
}
