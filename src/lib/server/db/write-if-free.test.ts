import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, writeIfFree } from './index';

describe('writeIfFree', () => {
	it('skips a write at once while another connection holds the write lock, and writes when it is free', () => {
		const url = `file:${join(mkdtempSync(join(tmpdir(), 'write-if-free-')), 'db.sqlite')}`;
		const server = openDb(url);
		const worker = openDb(url);
		const timeouts: unknown[] = [];
		const write = () => {
			timeouts.push(server.sqlite.pragma('busy_timeout', { simple: true }));
			server.sqlite.prepare("INSERT INTO sign_in_failures (key, at) VALUES ('k', 1)").run();
		};
		worker.sqlite.prepare('BEGIN IMMEDIATE').run();
		expect(writeIfFree(server.db, write)).toBe(false);
		// the write ran without a busy wait, and the connection's own 5 s timeout is back afterwards
		expect(timeouts).toEqual([0]);
		expect(server.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
		worker.sqlite.prepare('COMMIT').run();
		expect(writeIfFree(server.db, write)).toBe(true);
		expect(server.sqlite.prepare('SELECT COUNT(*) AS n FROM sign_in_failures').get()).toEqual({ n: 1 });
		server.sqlite.close();
		worker.sqlite.close();
	});
});
