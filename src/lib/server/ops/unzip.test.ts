import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { zip } from './zip';
import { unzip, ZipError } from './unzip';

describe('unzip', () => {
	it('reads back what our writer wrote, Chinese names and empty files included, in order', () => {
		const files = new Map<string, Uint8Array | string>([
			['manifest.json', '{}'],
			['报告/季度.csv', '试点,值\r\n'],
			['empty', new Uint8Array(0)]
		]);
		const entries = unzip(zip(files));
		expect([...entries.keys()]).toEqual([...files.keys()]);
		expect(new TextDecoder().decode(entries.get('报告/季度.csv'))).toBe('试点,值\r\n');
		expect(entries.get('empty')?.length).toBe(0);
	});

	it('reads DEFLATEd entries written by another tool', () => {
		const archive = zipSync({ 'a.txt': [strToU8('hello '.repeat(100)), { level: 9 }] });
		expect(new TextDecoder().decode(unzip(archive).get('a.txt'))).toBe('hello '.repeat(100));
	});

	it('refuses a truncated or damaged archive, and a name that appears twice, with a ZipError saying which', () => {
		const archive = zip(new Map([['a.txt', 'hello']]));
		expect(() => unzip(archive.subarray(0, 10))).toThrow(ZipError);
		expect(() => unzip(archive.subarray(0, archive.length - 5))).toThrow(/not a ZIP archive/);
		const twice = zip(
			new Map([
				['a.txt', 'one'],
				['b.txt', 'two']
			])
		);
		// rename b.txt to a.txt in its local header and the central directory: same length, same CRCs
		const renamed = Buffer.from(twice);
		let at = renamed.indexOf('b.txt');
		while (at >= 0) {
			renamed.write('a', at);
			at = renamed.indexOf('b.txt', at + 1);
		}
		expect(() => unzip(renamed)).toThrow(/a.txt: duplicate entry/);
		const unknownMethod = Buffer.from(archive);
		unknownMethod.writeUInt16LE(99, unknownMethod.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
		expect(() => unzip(unknownMethod)).toThrow(/cannot be read.*compression/);
	});
});
