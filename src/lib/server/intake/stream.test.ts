/**
 * The streaming intake: uploads received to disk as they arrive (hashed on the way, refused past the limit), the
 * web form's multipart body read without buffering, the intake reading a file piece by piece with the same outcome
 * as from memory, its progress by phase, and a cancel that stops it before the write and never after.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importIndicators } from './index';
import { receiveFormFile } from './form';
import { discardUpload, fileUpload, rawFilePath, receiveUpload, sweepIncoming } from './store';
import { intakeFile, intakeTestDb, TEST_TODAY } from '../testing';
import type { ServerPhase } from '../../intake/progress';

const ROWS = Array.from({ length: 4000 }, (_, i) => `Q-1,E0${1 + (i % 3)},2025Q${3 + (i % 2)},voc,${i + 1},kg,注${i}`);
// each enterprise × quarter once: the rows above repeat keys, so keep the distinct ones for files that must pass
const VALID = ['Q-1,E01,2025Q3,voc,10,kg,', 'Q-1,E02,2025Q3,voc,20,kg,', 'Q-1,E01,2025Q4,voc,30,kg,"长备注，含逗号"'];

/** The bytes in pieces of `size`, as a request body arrives. */
async function* inPieces(bytes: Uint8Array, size: number) {
	for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const dir = () => mkdtempSync(join(tmpdir(), 'stream-'));
const count = (t: ReturnType<typeof intakeTestDb>, table: string) =>
	(t.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('receiving an upload', () => {
	it('writes the bytes to a temporary file as they arrive and hashes them on the way', async () => {
		const bytes = intakeFile(ROWS);
		const folder = dir();
		const received = await receiveUpload(inPieces(bytes, 7_001), { maxBytes: 1 << 20, dir: folder });
		if ('tooLarge' in received) throw new Error('refused');
		expect(received.size).toBe(bytes.length);
		expect(received.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
		expect(received.path.startsWith(join(folder, 'uploads', 'incoming'))).toBe(true);
		expect(new Uint8Array(readFileSync(received.path))).toEqual(bytes);
		discardUpload(received);
		expect(existsSync(received.path)).toBe(false);
	});

	it('stops past the limit and keeps nothing of it', async () => {
		const folder = dir();
		const sizes: number[] = [];
		const received = await receiveUpload(inPieces(intakeFile(ROWS), 10_000), {
			maxBytes: 25_000,
			dir: folder,
			onBytes: (n) => sizes.push(n)
		});
		expect(received).toEqual({ tooLarge: true, size: 30_000 });
		expect(sizes).toEqual([10_000, 20_000]);
		expect(readdirSync(join(folder, 'uploads', 'incoming'))).toEqual([]);
	});

	it('reads the web form’s file part as it arrives, skipping other fields; no file or not multipart: noFile', async () => {
		const folder = dir();
		const form = new FormData();
		form.append('note', 'x');
		form.append('file', new Blob([intakeFile(VALID) as Uint8Array<ArrayBuffer>]), '季度数据.csv');
		const request = new Request('http://localhost/imports?/check', { method: 'POST', body: form });
		const received = await receiveFormFile(request, { maxBytes: 1 << 20, dir: folder });
		if (!('upload' in received)) throw new Error(`not received: ${JSON.stringify(received)}`);
		expect(received.fileName).toBe('季度数据.csv');
		expect(new Uint8Array(readFileSync(received.upload.path))).toEqual(intakeFile(VALID));

		const empty = new FormData();
		empty.append('file', new Blob([]), '');
		expect(
			await receiveFormFile(new Request('http://localhost/', { method: 'POST', body: empty }), {
				maxBytes: 100,
				dir: folder
			})
		).toEqual({ noFile: true });
		expect(
			await receiveFormFile(
				new Request('http://localhost/', { method: 'POST', body: 'a,b', headers: { 'content-type': 'text/csv' } }),
				{ maxBytes: 100, dir: folder }
			)
		).toEqual({ noFile: true });
		const big = new FormData();
		big.append('file', new Blob([intakeFile(ROWS) as Uint8Array<ArrayBuffer>]), 'big.csv');
		expect(
			await receiveFormFile(new Request('http://localhost/', { method: 'POST', body: big }), {
				maxBytes: 1000,
				dir: folder
			})
		).toMatchObject({ tooLarge: true });
		// only the one file that was taken remains, waiting for its intake
		expect(readdirSync(join(folder, 'uploads', 'incoming'))).toEqual([received.upload.path.split('/').pop()]);
	});
});

describe('half-received uploads', () => {
	it('are swept once they are an hour old; younger ones may still be arriving and stay', async () => {
		const folder = dir();
		async function* never() {
			yield intakeFile(VALID);
			throw new Error('the connection dropped');
		}
		await expect(receiveUpload(never(), { maxBytes: 1 << 20, dir: folder })).rejects.toThrow('dropped');
		const incoming = join(folder, 'uploads', 'incoming');
		expect(readdirSync(incoming)).toEqual([]); // a failed receive removes its own file
		writeFileSync(join(incoming, 'old.part'), 'x');
		writeFileSync(join(incoming, 'new.part'), 'x');
		writeFileSync(join(incoming, 'other.txt'), 'x');
		const hourAgo = Date.now() / 1000 - 3601;
		utimesSync(join(incoming, 'old.part'), hourAgo, hourAgo);
		expect(sweepIncoming(folder)).toBe(1);
		expect(readdirSync(incoming).sort()).toEqual(['new.part', 'other.txt']);
		expect(sweepIncoming(join(folder, 'nowhere'))).toBe(0);
	});
});

describe('the intake from a file on disk', () => {
	it('gives the same summary as from memory, and keeps the file by moving it, once', async () => {
		const bytes = intakeFile(VALID);
		const fromMemory = intakeTestDb();
		const memoryDir = dir();
		const options = { dryRun: false, fileName: 'q.csv', channel: 'web' as const, today: TEST_TODAY };
		const a = await importIndicators(fromMemory.db, bytes, {
			...options,
			user: fromMemory.users.imp1,
			dataDir: memoryDir
		});

		const fromDisk = intakeTestDb();
		const folder = dir();
		const received = await receiveUpload(inPieces(bytes, 5), { maxBytes: 1 << 20, dir: folder });
		if ('tooLarge' in received) throw new Error('refused');
		const b = await importIndicators(fromDisk.db, received, { ...options, user: fromDisk.users.imp1, dataDir: folder });
		expect(b.errorCount).toBe(0);
		expect(b.isWritten).toBe(true);
		expect({ ...b, uploadId: 0 }).toEqual({ ...a, uploadId: 0 });
		expect(readFileSync(rawFilePath(b.sha256, folder))).toEqual(readFileSync(rawFilePath(a.sha256, memoryDir)));
		expect(existsSync(received.path)).toBe(false); // renamed into place, not copied
	});

	it('leaves the CLI’s own file where it is and keeps a copy', async () => {
		const t = intakeTestDb();
		const folder = dir();
		const path = join(folder, 'mine.csv');
		writeFileSync(path, intakeFile(VALID));
		const summary = await importIndicators(t.db, fileUpload(path), {
			user: t.users.imp1,
			dryRun: false,
			fileName: 'mine.csv',
			channel: 'cli',
			today: TEST_TODAY,
			dataDir: folder
		});
		expect(summary.isWritten).toBe(true);
		expect(existsSync(path)).toBe(true);
		expect(readFileSync(rawFilePath(summary.sha256, folder))).toEqual(readFileSync(path));
	});

	it('reports each server phase in order, each ending done', async () => {
		const t = intakeTestDb();
		const heard: { phase: ServerPhase; done: number; total: number; rows: number }[] = [];
		const summary = await importIndicators(t.db, intakeFile(VALID), {
			user: t.users.imp1,
			dryRun: false,
			fileName: 'q.csv',
			channel: 'web',
			today: TEST_TODAY,
			dataDir: dir(),
			onProgress: (phase, done, total, rows) => heard.push({ phase, done, total, rows })
		});
		expect(summary.isWritten).toBe(true);
		const phases = [...new Set(heard.map((h) => h.phase))];
		expect(phases).toEqual(['parse', 'check', 'write']);
		for (const phase of phases) {
			const last = heard.filter((h) => h.phase === phase).pop()!;
			expect(last.done).toBe(last.total);
		}
		expect(heard.at(-1)).toEqual({ phase: 'write', done: 3, total: 3, rows: 3 });
	});
});

describe('cancelling an import', () => {
	const cancelAt = async (at: ServerPhase, dryRun = false) => {
		const t = intakeTestDb();
		const controller = new AbortController();
		const summary = await importIndicators(t.db, intakeFile(VALID), {
			user: t.users.imp1,
			dryRun,
			fileName: 'q.csv',
			channel: 'web',
			today: TEST_TODAY,
			dataDir: dir(),
			signal: controller.signal,
			onProgress: (phase) => {
				if (phase === at) controller.abort();
			}
		});
		return { t, summary };
	};

	it('stops while reading or comparing: refused as cancelled, nothing written, the refusal audited', async () => {
		for (const phase of ['parse', 'check'] as const) {
			const { t, summary } = await cancelAt(phase);
			expect(summary.isWritten).toBe(false);
			expect(summary.problems.map((p) => p.code)).toEqual(['E_CANCELLED']);
			expect(summary.problems[0].en).toMatch(/cancelled before writing/);
			expect(count(t, 'observations')).toBe(0);
			expect(count(t, 'uploads')).toBe(0);
			const audit = t.sqlite.prepare("SELECT after FROM audit_log WHERE action = 'import.refuse'").get() as {
				after: string;
			};
			expect(JSON.parse(audit.after).codes).toEqual({ E_CANCELLED: 1 });
		}
	});

	it('cannot stop a write that has begun: the import is whole', async () => {
		const { t, summary } = await cancelAt('write');
		expect(summary.isWritten).toBe(true);
		expect(summary.errorCount).toBe(0);
		expect(count(t, 'observations')).toBe(3);
	});
});
