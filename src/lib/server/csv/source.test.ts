/**
 * Encoding detection read piece by piece (64 KB at a time, from memory or from a file): characters cut at a piece
 * boundary, a bad byte far into the file, GB18030 past the first piece — the same answers as on the whole bytes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from './decode';
import { fileSource, memorySource, PIECE } from './source';

const onDisk = (bytes: Uint8Array) => {
	const path = join(mkdtempSync(join(tmpdir(), 'source-')), 'f.csv');
	writeFileSync(path, bytes);
	return fileSource(path);
};
const both = (bytes: Uint8Array) => [detectEncoding(memorySource(bytes)), detectEncoding(onDisk(bytes))];

/** ASCII lines up to `at` bytes, then the text: puts the text's first byte at offset `at`. */
function padded(at: number, text: Uint8Array): Uint8Array {
	const line = 'Q-1,E01,2025Q3,voc,1,kg,\n';
	const head = line.repeat(Math.floor(at / line.length)) + 'x'.repeat(at % line.length);
	const out = new Uint8Array(at + text.length);
	out.set(new TextEncoder().encode(head));
	out.set(text, at);
	return out;
}

describe('detecting the encoding piece by piece', () => {
	it('reads a character cut at any point of a piece boundary as UTF-8', () => {
		for (const ch of ['注', '𠀀', 'é'])
			for (let back = 0; back <= 4; back++) {
				const bytes = padded(PIECE - back, new TextEncoder().encode(`${ch},done\n`));
				expect(both(bytes)).toEqual([{ encoding: 'utf-8' }, { encoding: 'utf-8' }]);
			}
	});

	it('names the line of a bad byte three pieces in, read from disk as from memory', () => {
		const bytes = padded(3 * PIECE + 10, Uint8Array.from([0xff, 0x0a]));
		const line = new TextDecoder().decode(bytes.subarray(0, 3 * PIECE + 10)).split('\n').length;
		const [memory, disk] = both(bytes);
		expect(memory).toEqual({ encoding: null, bom: null, row: line });
		expect(disk).toEqual(memory);
	});

	it('judges a bad byte after UTF-8 Chinese text by UTF-8, and GB18030 text by GB18030', () => {
		const utf8 = new TextEncoder().encode('试点编号\n'.repeat(20_000));
		const bad = new Uint8Array(utf8.length + 2);
		bad.set(utf8);
		bad.set([0xc3, 0x0a], utf8.length); // a lead byte with no continuation
		expect(both(bad)[1]).toEqual({ encoding: null, bom: null, row: 20_001 });
		// GB18030 bytes for 试点 repeated past the first piece: not UTF-8, valid GB18030
		const gb = Uint8Array.from({ length: 40_000 }, (_, i) => [0xca, 0xd4, 0xb5, 0xe3, 0x0a][i % 5]);
		expect(both(gb)).toEqual([{ encoding: 'gb18030' }, { encoding: 'gb18030' }]);
	});

	it('reads the pieces again on each call, the same bytes as in memory', () => {
		const bytes = padded(2 * PIECE + 5, new TextEncoder().encode('end\n'));
		const source = onDisk(bytes);
		// a piece lives until the next one is read: keep copies
		const first = Array.from(source.pieces(), (p) => p.slice());
		const second = Array.from(source.pieces(), (p) => p.slice());
		expect(first.map((p) => p.length)).toEqual([PIECE, PIECE, 9]);
		expect(second).toEqual(first);
		expect(first).toEqual(Array.from(memorySource(bytes).pieces(), (p) => p.slice()));
		expect(source.head(3)).toEqual(new TextEncoder().encode('Q-1'));
	});
});
