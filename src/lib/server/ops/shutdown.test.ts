import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importIndicators } from '../intake';
import { importsInProgress, resumeImports, runIntake, ShuttingDownError, waitForImports } from '../intake/run';
import { intakeTestDb, TEST_TODAY } from '../testing/registry';
import { shutdown } from './shutdown';

/** Captures the JSON lines `log` writes while `run` goes on. */
async function captureLogs(run: () => Promise<void>): Promise<Record<string, unknown>[]> {
	const lines: string[] = [];
	const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
		lines.push(String(chunk));
		return true;
	});
	try {
		await run();
	} finally {
		spy.mockRestore();
	}
	return lines
		.join('')
		.split('\n')
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('shutdown', () => {
	afterEach(() => resumeImports());

	it('waits for the imports in progress, closes the database and logs one line', async () => {
		const order: string[] = [];
		const records = await captureLogs(() =>
			shutdown('SIGTERM', {
				waitMs: 5,
				waitForImports: async (ms) => {
					order.push(`wait ${ms}`);
					return { finished: 1, stopped: 0, unstoppable: 0 };
				},
				closeDb: () => order.push('close')
			})
		);
		expect(order).toEqual(['wait 5', 'close']);
		expect(records).toHaveLength(1);
		expect(records[0]).toMatchObject({ kind: 'shutdown', reason: 'SIGTERM', finished: 1, stopped: 0, dbClosed: true });
	});

	it('lets an import in progress finish, then refuses new ones', async () => {
		// no bundled worker here (INTAKE_WORKER points nowhere): the import runs in this process
		vi.stubEnv('INTAKE_WORKER', '/nonexistent/intake-worker.mjs');
		const { db, users } = intakeTestDb();
		const csv = new TextEncoder().encode(
			'pilot_code,enterprise_code,period,indicator_code,value,unit,note\nQ-1,E01,2025Q4,voc,10,t,\n'
		);
		const options = {
			user: users.imp1,
			dryRun: false,
			fileName: 'q.csv',
			channel: 'web' as const,
			today: TEST_TODAY,
			dataDir: mkdtempSync(join(tmpdir(), 'shutdown-'))
		};
		let result: Awaited<ReturnType<typeof runIntake>> | null = null;
		const records = await captureLogs(async () => {
			const pending = runIntake(db, csv, options).then((s) => (result = s));
			expect(importsInProgress()).toBe(1);
			expect(await waitForImports(10_000)).toEqual({ finished: 1, stopped: 0, unstoppable: 0 });
			await pending;
		});
		expect(result!.isWritten).toBe(true);
		expect(importsInProgress()).toBe(0);
		const line = records.find((r) => r.kind === 'import');
		expect(line).toMatchObject({
			user: users.imp1.username,
			channel: 'web',
			file: 'q.csv',
			rows: 1,
			new: 1,
			errors: 0
		});
		expect(JSON.stringify(line)).not.toContain('Q-1,E01');
		await expect(runIntake(db, csv, options)).rejects.toBeInstanceOf(ShuttingDownError);
		// the same import straight through the intake still works: only the server refuses new ones
		expect((await importIndicators(db, csv, { ...options, dryRun: true })).errorCount).toBe(0);
		vi.unstubAllEnvs();
	});
});
