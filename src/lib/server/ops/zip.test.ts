import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeZip, zip } from './zip';
import { unzipSync } from 'fflate';

const dir = mkdtempSync(join(tmpdir(), 'zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Python's zipfile reads the archive back independently of the libraries: names, flags, dates, CRCs and contents.
const READ_BACK = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    infos = z.infolist()
    print(json.dumps({
        'bad': z.testzip(),
        'count': len(infos),
        'entries': [{'name': i.filename, 'method': i.compress_type, 'utf8': bool(i.flag_bits & 0x800),
                     'date': list(i.date_time), 'mode': i.external_attr >> 16, 'version': i.extract_version,
                     'content': z.read(i).hex()} for i in infos[:5]]
    }))
`;

type ReadBack = {
	bad: string | null;
	count: number;
	entries: {
		name: string;
		method: number;
		utf8: boolean;
		date: number[];
		mode: number;
		version: number;
		content: string;
	}[];
};

function readBack(path: string): ReadBack {
	return JSON.parse(execFileSync('python3', ['-c', READ_BACK, path], { encoding: 'utf8' })) as ReadBack;
}

const AT = Date.parse('2026-11-29T09:30:10+08:00');
const bytesOf = (content: Uint8Array | string) =>
	Buffer.from(typeof content === 'string' ? new TextEncoder().encode(content) : content);

describe('zip (fflate, in memory)', () => {
	it('writes an archive that another reader opens: UTF-8 names, STOREd content, valid CRCs, China-time dates', () => {
		const binary = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) % 256);
		const files = new Map<string, Uint8Array | string>([
			['index.html', '<!doctype html><p>典型案例</p>'],
			['cases/q-1/案例.json', '{"a":1}'],
			['data/empty.txt', ''],
			['data/bytes.bin', binary]
		]);
		const path = join(dir, 't.zip');
		writeFileSync(path, zip(files, AT));
		const read = readBack(path);
		expect(read.bad).toBeNull();
		expect(read.entries.map((e) => e.name)).toEqual([...files.keys()]);
		for (const e of read.entries) {
			expect(Buffer.from(e.content, 'hex')).toEqual(bytesOf(files.get(e.name)!));
			// fflate flags a name UTF-8 only where it is not ASCII (an ASCII name reads the same either way)
			expect(e).toMatchObject({
				method: 0,
				utf8: /[^\x20-\x7e]/.test(e.name),
				date: [2026, 11, 29, 9, 30, 10],
				mode: 0o100644
			});
		}
	});

	it('writes China time whatever the process’s zone', () => {
		const zone = process.env.TZ;
		process.env.TZ = 'America/New_York';
		try {
			const path = join(dir, 'zone.zip');
			writeFileSync(path, zip(new Map([['a.txt', 'x']]), AT));
			expect(readBack(path).entries[0].date).toEqual([2026, 11, 29, 9, 30, 10]);
		} finally {
			if (zone === undefined) delete process.env.TZ;
			else process.env.TZ = zone;
		}
	});

	it('writes a valid empty archive', () => {
		const archive = zip(new Map());
		expect(archive.length).toBe(22);
		expect(Buffer.from(archive.subarray(0, 4)).readUInt32LE(0)).toBe(0x06054b50);
	});
});

describe('writeZip (yazl, streamed to disk)', () => {
	it('streams files from disk and bytes: every name flagged UTF-8, STOREd, China-time dates, rw-r--r--', async () => {
		const onDisk = join(dir, 'raw.csv');
		writeFileSync(onDisk, '试点编号,数值\r\nQ-1,1\r\n');
		const path = join(dir, 'streamed.zip');
		const size = await writeZip(
			path,
			[
				{ name: 'manifest.json', data: '{}' },
				{ name: 'uploads/ab/上传.csv', path: onDisk }
			],
			{ at: AT }
		);
		expect(size).toBe(readFileSync(path).length);
		const read = readBack(path);
		expect(read.bad).toBeNull();
		expect(read.entries.map((e) => [e.name, Buffer.from(e.content, 'hex').toString('utf8')])).toEqual([
			['manifest.json', '{}'],
			['uploads/ab/上传.csv', '试点编号,数值\r\nQ-1,1\r\n']
		]);
		for (const e of read.entries)
			expect(e).toMatchObject({ method: 0, utf8: true, date: [2026, 11, 29, 9, 30, 10], mode: 0o100644 });
	});

	it('writes ZIP64 past 65,535 entries, which both fflate and Python read back', async () => {
		const count = 70_000;
		const path = join(dir, 'many.zip');
		const entries = Array.from({ length: count }, (_, i) => ({ name: `uploads/${i % 256}/${i}`, data: String(i) }));
		await writeZip(path, entries, { at: AT });
		const archive = readFileSync(path);
		expect(archive.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true); // the ZIP64 end of central directory
		expect(readBack(path)).toMatchObject({ bad: null, count });
		const read = unzipSync(archive);
		expect(Object.keys(read)).toHaveLength(count);
		expect(new TextDecoder().decode(read['uploads/111/69999'])).toBe('69999');
	}, 60_000);

	it('writes every entry as ZIP64 when forced, and reads it back', async () => {
		const path = join(dir, 'forced.zip');
		await writeZip(path, [{ name: '报告.txt', data: '季度' }], { at: AT, forceZip64: true });
		const read = readBack(path);
		expect(read.entries[0]).toMatchObject({ name: '报告.txt', version: 45 }); // 4.5: ZIP64 extensions
		expect(new TextDecoder().decode(unzipSync(readFileSync(path))['报告.txt'])).toBe('季度');
	});
});
