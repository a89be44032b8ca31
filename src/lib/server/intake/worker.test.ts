/**
 * The intake in its worker thread, as the built server runs it: the worker is bundled for the test (as `npm run
 * build` does), reads an upload from disk, reports its phases by message and hears a cancel.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb } from '../db';
import { runIntake } from './run';
import { resetIntakeGate } from './queue';
import { receiveUpload } from './store';
import { intakeFile, intakeTestDb, TEST_TODAY } from '../testing';
import type { ServerPhase } from '../../intake/progress';

// inside the repository, so that the bundle finds better-sqlite3 in node_modules
const bundle = resolve('node_modules/.cache/tracker-test/intake-worker.mjs');

beforeAll(() => {
	const built = spawnSync(process.execPath, ['scripts/build-worker.mjs', bundle], { encoding: 'utf8' });
	if (built.status !== 0) throw new Error(`worker bundle failed: ${built.stderr}`);
}, 60_000);

afterEach(() => {
	vi.unstubAllEnvs();
	resetIntakeGate();
});

async function setUp() {
	const dir = mkdtempSync(join(tmpdir(), 'worker-'));
	const url = `file:${join(dir, 'tracker.db')}`;
	vi.stubEnv('INTAKE_WORKER', bundle);
	vi.stubEnv('DATABASE_URL', url);
	resetIntakeGate();
	const t = intakeTestDb(openDb(url));
	const rows = ['Q-1,E01,2025Q3,voc,10,kg,', 'Q-1,E02,2025Q3,voc,20,kg,', 'Q-1,E01,2025Q4,voc,30,kg,'];
	async function* pieces() {
		yield intakeFile(rows);
	}
	const upload = await receiveUpload(pieces(), { maxBytes: 1 << 20, dir });
	if ('tooLarge' in upload) throw new Error('refused');
	const options = { user: t.users.imp1, fileName: 'q.csv', channel: 'web' as const, today: TEST_TODAY, dataDir: dir };
	return { t, upload, options };
}

describe('the intake worker', () => {
	it('imports a file from disk and reports each phase by message, ending done', async () => {
		const { t, upload, options } = await setUp();
		const heard: { phase: ServerPhase; done: number; total: number }[] = [];
		const summary = await runIntake(t.db, upload, {
			...options,
			dryRun: false,
			onProgress: (phase, done, total) => heard.push({ phase, done, total })
		});
		expect(summary.errorCount).toBe(0);
		expect(summary.isWritten).toBe(true);
		expect((t.sqlite.prepare('SELECT COUNT(*) AS n FROM observations').get() as { n: number }).n).toBe(3);
		expect([...new Set(heard.map((h) => h.phase))]).toEqual(['parse', 'check', 'write']);
		expect(heard.at(-1)).toEqual({ phase: 'write', done: 3, total: 3 });
	}, 30_000);

	it('hears a cancel sent before it started: refused as cancelled, nothing written', async () => {
		const { t, upload, options } = await setUp();
		const controller = new AbortController();
		controller.abort();
		const summary = await runIntake(t.db, upload, { ...options, dryRun: false, signal: controller.signal });
		expect(summary.problems.map((p) => p.code)).toEqual(['E_CANCELLED']);
		expect((t.sqlite.prepare('SELECT COUNT(*) AS n FROM observations').get() as { n: number }).n).toBe(0);
	}, 30_000);
});
