import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, zip } from './zip';

const dir = mkdtempSync(join(tmpdir(), 'zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Python's zipfile reads the archive back independently of this writer: names, flags, dates, CRCs and contents.
const READ_BACK = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    print(json.dumps({
        'bad': z.testzip(),
        'entries': [{'name': i.filename, 'method': i.compress_type, 'utf8': bool(i.flag_bits & 0x800),
                     'date': list(i.date_time), 'mode': i.external_attr >> 16,
                     'content': z.read(i).hex()} for i in z.infolist()]
    }))
`;

describe('zip', () => {
	it('computes the standard CRC-32', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
		expect(crc32(new Uint8Array())).toBe(0);
	});

	it('writes an archive that another reader opens: UTF-8 names, STOREd content, valid CRCs, China-time dates', () => {
		const binary = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) % 256);
		const files = new Map<string, Uint8Array | string>([
			['index.html', '<!doctype html><p>典型案例</p>'],
			['cases/q-1/案例.json', '{"a":1}'],
			['data/empty.txt', ''],
			['data/bytes.bin', binary]
		]);
		const archive = zip(files, Date.parse('2026-11-29T09:30:10+08:00'));
		const path = join(dir, 't.zip');
		writeFileSync(path, archive);
		const read = JSON.parse(execFileSync('python3', ['-c', READ_BACK, path], { encoding: 'utf8' })) as {
			bad: string | null;
			entries: { name: string; method: number; utf8: boolean; date: number[]; mode: number; content: string }[];
		};
		expect(read.bad).toBeNull();
		expect(read.entries.map((e) => e.name)).toEqual([...files.keys()]);
		for (const e of read.entries) {
			const content = files.get(e.name)!;
			expect(Buffer.from(e.content, 'hex')).toEqual(
				Buffer.from(typeof content === 'string' ? new TextEncoder().encode(content) : content)
			);
			expect(e).toMatchObject({ method: 0, utf8: true, date: [2026, 11, 29, 9, 30, 10], mode: 0o100644 });
		}
	});

	it('writes a valid empty archive', () => {
		const archive = zip(new Map());
		expect(archive.length).toBe(22);
		expect(Buffer.from(archive.subarray(0, 4)).readUInt32LE(0)).toBe(0x06054b50);
	});
});
