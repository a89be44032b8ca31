import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intakeGate, QueueFullError, resetIntakeGate } from './queue';
import { runIntake } from './run';
import { intakeTestDb, TEST_TODAY } from '../testing/registry';

describe('concurrent uploads', () => {
	afterEach(() => {
		vi.unstubAllEnvs();
		resetIntakeGate();
	});

	it('runs at most INTAKE_CONCURRENCY intakes at once, queues the next with its place, refuses past the line', async () => {
		vi.stubEnv('INTAKE_WORKER', '/nonexistent/intake-worker.mjs'); // in this process
		vi.stubEnv('INTAKE_CONCURRENCY', '1');
		vi.stubEnv('INTAKE_QUEUE_MAX', '1');
		resetIntakeGate();
		const { db, users } = intakeTestDb();
		const rows = Array.from({ length: 3000 }, (_, i) => `Q-1,E0${1 + (i % 3)},2025Q4,voc,${i + 1},kg,n${i}`);
		const csv = () =>
			new TextEncoder().encode(
				['pilot_code,enterprise_code,period,indicator_code,value,unit,note', ...rows].join('\n')
			);
		const options = {
			user: users.imp1,
			dryRun: true,
			fileName: 'q.csv',
			channel: 'api' as const,
			today: TEST_TODAY,
			dataDir: mkdtempSync(join(tmpdir(), 'queue-'))
		};
		const first = runIntake(db, csv(), options);
		const second = runIntake(db, csv(), options);
		const third = runIntake(db, csv(), options);
		expect(intakeGate().stats()).toEqual({ active: 1, waiting: 1 });
		await expect(third).rejects.toBeInstanceOf(QueueFullError);
		const [a, b] = await Promise.all([first, second]);
		expect(a.queue).toBeNull();
		expect(b.queue).toMatchObject({ position: 1 });
		expect(intakeGate().stats()).toEqual({ active: 0, waiting: 0 });
		// the duplicates make both refusals; what matters is that each ran whole, one after the other
		expect(a.rows).toBe(3000);
		expect(b.rows).toBe(3000);
	});
});
