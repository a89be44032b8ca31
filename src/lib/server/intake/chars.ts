/**
 * Naming the characters the intake refuses, so that a person can find an invisible one: controls (C0, DEL, C1),
 * the spaces that look like ASCII spaces (no-break, ideographic, zero-width) and look-alikes, by code point and,
 * where it has one people know, by name.
 */

const NAMES: Record<number, [zh: string, en: string]> = {
	0x00: ['空字符 NUL', 'NUL'],
	0x07: ['响铃符 BEL', 'BEL, bell'],
	0x08: ['退格符 BS', 'BS, backspace'],
	0x09: ['制表符', 'TAB'],
	0x0a: ['换行符 LF', 'LF, line feed'],
	0x0b: ['垂直制表符 VT', 'VT, vertical tab'],
	0x0c: ['换页符 FF', 'FF, form feed'],
	0x0d: ['回车符 CR', 'CR, carriage return'],
	0x1b: ['转义符 ESC', 'ESC, escape'],
	0x20: ['空格', 'space'],
	0x7f: ['删除符 DEL', 'DEL, delete'],
	0x85: ['下一行 NEL', 'NEL, next line'],
	0xa0: ['不间断空格', 'no-break space'],
	0x2007: ['数字空格', 'figure space'],
	0x200b: ['零宽空格', 'zero-width space'],
	0x200c: ['零宽不连字', 'zero-width non-joiner'],
	0x200d: ['零宽连字', 'zero-width joiner'],
	0x202f: ['窄不间断空格', 'narrow no-break space'],
	0x2060: ['词连接符', 'word joiner'],
	0x3000: ['全角空格（表意空格）', 'ideographic (full-width) space'],
	0xfeff: ['字节顺序标记 BOM', 'byte-order mark (zero-width no-break space)']
};

/** Controls a cell may not hold: C0 but tab, LF and CR, DEL, and C1. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Controls a cell other than a note may not hold: every C0, DEL and C1. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_STRICT = /[\u0000-\u001F\u007F-\u009F]/;

/** U+XXXX and the names of a character, for messages. */
export function describeChar(char: string): { hex: string; nameZh: string; nameEn: string } {
	const code = char.codePointAt(0)!;
	const hex = code.toString(16).toUpperCase().padStart(4, '0');
	const known = NAMES[code];
	if (known) return { hex, nameZh: known[0], nameEn: known[1] };
	if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return { hex, nameZh: '控制字符', nameEn: 'control character' };
	if (/\s/u.test(char)) return { hex, nameZh: '空白字符', nameEn: 'white-space character' };
	return { hex, nameZh: `“${char}”`, nameEn: `"${char}"` };
}

/** The first character `pattern` matches in `text`, with its 1-based position, or null. */
export function firstMatch(text: string, pattern: RegExp): { position: number; char: string } | null {
	const m = pattern.exec(text);
	if (!m) return null;
	return { position: [...text.slice(0, m.index)].length + 1, char: m[0] };
}
