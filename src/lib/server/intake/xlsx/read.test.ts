/** readSheet on its own: what it hands on, and that it lets go of the file however the read ends. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSheet } from './read';
import { HEADER_ZH, workbookBytes } from './sheets';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'xlsx-read-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** How many files this process holds open. */
const openFiles = () => readdirSync('/proc/self/fd').length;

describe('readSheet', () => {
	it('stops where the caller says, tells the bytes read as they grow, and closes the file', async () => {
		const rows = [HEADER_ZH, ...Array.from({ length: 20_000 }, (_, i) => ['Q-1', `E${i}`, '2025Q3', 'voc', i, 't'])];
		const file = join(dir, 'q.xlsx');
		writeFileSync(file, await workbookBytes([{ name: 'S', rows }]));
		const before = openFiles();
		const seen: number[] = [];
		const bytes: number[] = [];
		const outcome = await readSheet(file, null, {
			header: (header) => expect(header).toEqual(HEADER_ZH),
			row: (record, row, _findings, bytesRead) => {
				seen.push(row);
				bytes.push(bytesRead);
				expect(record[1]).toBe(`E${row - 2}`);
				return row < 10_000;
			}
		});
		expect(outcome).toEqual({ kind: 'read', sheet: 'S', sheets: ['S'], merges: [] });
		expect(seen).toEqual(Array.from({ length: 9_999 }, (_, i) => i + 2));
		expect(bytes[bytes.length - 1]).toBeGreaterThan(bytes[0]);
		expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
		await expect.poll(openFiles).toBe(before); // the descriptor is closed asynchronously
	});

	it('says why a file cannot be read, and closes it', async () => {
		const file = join(dir, 'broken.xlsx');
		const book = await workbookBytes([{ name: 'S', rows: [HEADER_ZH] }]);
		writeFileSync(file, book.subarray(0, book.length - 30));
		const before = openFiles();
		const outcome = await readSheet(file, null, { header: () => {}, row: () => {} });
		expect(outcome.kind).toBe('unreadable');
		await expect.poll(openFiles).toBe(before); // the descriptor is closed asynchronously
	});
});
