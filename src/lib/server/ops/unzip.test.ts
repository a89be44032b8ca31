import { describe, expect, it } from 'vitest';
import { zip } from './zip';
import { unzip, ZipError } from './unzip';

describe('unzip', () => {
	it('reads back what our writer wrote, Chinese names and empty files included', () => {
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

	it('refuses what it cannot vouch for', () => {
		const archive = zip(new Map([['a.txt', 'hello']]));
		const deflated = archive.slice();
		new DataView(deflated.buffer).setUint16(8, 8, true); // the local header claims DEFLATE
		expect(() => unzip(deflated)).toThrow(/local header disagrees/);
		expect(() => unzip(archive.subarray(0, 10))).toThrow(ZipError);
		const flipped = archive.slice();
		flipped[30 + 'a.txt'.length] ^= 1;
		expect(() => unzip(flipped)).toThrow(/CRC-32 mismatch/);
	});
});
