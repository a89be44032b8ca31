/** Reading archives back entry by entry from disk (yauzl): staged files, their sha256 and size, and the refusals. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { writeZip, zip } from './zip';
import { extractArchive, ZipError } from './unzip';

const dir = mkdtempSync(join(tmpdir(), 'tracker-unzip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Writes the archive to a file and extracts it into a fresh staging folder. */
function extract(archive: Uint8Array) {
	const file = join(dir, `a${++n}.zip`);
	writeFileSync(file, archive);
	return extractArchive(file, join(dir, `stage${n}`));
}

const text = (path: string) => readFileSync(path, 'utf8');

describe('extractArchive', () => {
	it('stages what our writer wrote, Chinese names and empty files included, in order, with sha256 and size', async () => {
		const files = new Map<string, Uint8Array | string>([
			['manifest.json', '{}'],
			['报告/季度.csv', '试点,值\r\n'],
			['empty', new Uint8Array(0)]
		]);
		const entries = await extract(zip(files));
		expect([...entries.keys()]).toEqual([...files.keys()]);
		const csv = entries.get('报告/季度.csv')!;
		expect(text(csv.path)).toBe('试点,值\r\n');
		expect(csv.size).toBe(Buffer.byteLength('试点,值\r\n'));
		expect(csv.sha256).toBe(createHash('sha256').update('试点,值\r\n').digest('hex'));
		expect(entries.get('empty')?.size).toBe(0);
	});

	it('reads DEFLATEd entries written by another tool, and ZIP64 archives', async () => {
		const deflated = await extract(zipSync({ 'a.txt': [strToU8('hello '.repeat(100)), { level: 9 }] }));
		expect(text(deflated.get('a.txt')!.path)).toBe('hello '.repeat(100));
		const forced = join(dir, 'forced.zip');
		await writeZip(forced, [{ name: '报告.txt', data: '季度' }], { forceZip64: true });
		const entries = await extractArchive(forced, join(dir, 'forced-stage'));
		expect(text(entries.get('报告.txt')!.path)).toBe('季度');
	});

	it('refuses a truncated or damaged archive, a climbing or repeated name, an unknown compression, a wrong CRC-32, with a ZipError', async () => {
		const archive = zip(new Map([['a.txt', 'hello']]));
		await expect(extract(archive.subarray(0, 10))).rejects.toThrow(ZipError);
		await expect(extract(archive.subarray(0, archive.length - 5))).rejects.toThrow(/not a ZIP archive/);
		await expect(extract(zip(new Map([['../a.txt', 'x']])))).rejects.toThrow(/invalid relative path/);
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
		await expect(extract(renamed)).rejects.toThrow(/a.txt: duplicate entry/);
		const unknownMethod = Buffer.from(archive);
		unknownMethod.writeUInt16LE(99, unknownMethod.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
		await expect(extract(unknownMethod)).rejects.toThrow(/cannot be read.*compression/);
		const stored = Buffer.from(zipSync({ 'a.txt': [strToU8('hello world'), { level: 0 }] }));
		expect((await extract(stored)).has('a.txt')).toBe(true);
		stored.write('W', stored.indexOf('world')); // the same length: only the CRC tells
		await expect(extract(stored)).rejects.toThrow(/a.txt: its CRC-32 is not the one the archive records/);
	});
});
