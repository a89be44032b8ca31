/**
 * The scheduler: daily jobs due from their China-time hour for that China day, the mail job every minute, each slot
 * run once however many processes (two connections to one database file stand for two servers), a run left by a
 * stopped process taken over after its lease, and a failing job recorded as such.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../db';
import { claimRun, finishRun } from './lease';
import { chinaClock, createScheduler, dueSlot, lastRuns } from './scheduler';
import { scheduledJobs, type Job } from './jobs';
import { scheduleHealth } from './health';
import { intakeTestDb } from '../testing/registry';

let dir: string;
let dbs: ReturnType<typeof openDb>[];

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'schedule-'));
	dbs = [];
});
afterEach(() => {
	for (const d of dbs) d.sqlite.close();
	rmSync(dir, { recursive: true, force: true });
});

/** A connection to the shared test database (each one stands for a server process). */
function connect() {
	const d = openDb(`file:${join(dir, 'tracker.db')}`);
	dbs.push(d);
	return d.sqlite;
}

const at = (iso: string) => Date.parse(iso);

function counting(name: Job['name'], when: Job['when'], runs: string[], fail = false): Job {
	return {
		name,
		when,
		exclusive: true,
		run: async (now) => {
			runs.push(`${name}@${chinaClock(now).minute}`);
			if (fail) throw new Error('boom');
			return { ran: true };
		}
	};
}

describe('the scheduler', () => {
	it('knows China time: 23:59 UTC is the next morning in China', () => {
		expect(chinaClock(at('2026-12-06T23:59:00Z'))).toEqual({
			date: '2026-12-07',
			time: '07:59',
			minute: '2026-12-07T07:59'
		});
		const daily = counting('reminders', { daily: '08:00' }, []);
		expect(dueSlot(daily, at('2026-12-06T23:59:00Z'))).toBeNull();
		expect(dueSlot(daily, at('2026-12-07T00:00:00Z'))).toBe('2026-12-07');
		expect(dueSlot(daily, at('2026-12-07T15:59:00Z'))).toBe('2026-12-07'); // 23:59 China: still that day's slot
		expect(dueSlot(daily, at('2026-12-07T16:00:00Z'))).toBeNull(); // 00:00 on the 8th, before its hour
		expect(dueSlot(counting('mail', { everyMinute: true }, []), at('2026-12-07T01:02:30Z'))).toBe('2026-12-07T09:02');
	});

	it('runs a daily job once a day, from its hour on (a server started later that day still runs it)', async () => {
		const runs: string[] = [];
		let now = at('2026-12-06T23:00:00Z'); // 07:00 China
		const s = createScheduler(connect(), [counting('reminders', { daily: '08:00' }, runs)], { clock: () => now });
		expect(await s.tick()).toEqual([]);
		now = at('2026-12-07T02:30:00Z'); // 10:30 China
		expect(await s.tick()).toEqual(['reminders']);
		now += 60_000;
		expect(await s.tick()).toEqual([]);
		now = at('2026-12-08T00:01:00Z'); // 08:01 next day
		expect(await s.tick()).toEqual(['reminders']);
		expect(runs).toEqual(['reminders@2026-12-07T10:30', 'reminders@2026-12-08T08:01']);
	});

	it('runs each slot once with two processes on one database', async () => {
		const runs: string[] = [];
		const now = at('2026-12-07T00:05:00Z');
		const jobs = () => [counting('reminders', { daily: '08:00' }, runs), counting('mail', { everyMinute: true }, runs)];
		const a = createScheduler(connect(), jobs(), { clock: () => now, holder: 'a' });
		const b = createScheduler(connect(), jobs(), { clock: () => now, holder: 'b' });
		const [ranA, ranB] = await Promise.all([a.tick(), b.tick()]);
		expect([...ranA, ...ranB].sort()).toEqual(['mail', 'reminders']);
		expect(runs.sort()).toEqual(['mail@2026-12-07T08:05', 'reminders@2026-12-07T08:05']);
		expect(await a.tick()).toEqual([]);
		expect(await b.tick()).toEqual([]);
	});

	it('takes over a run whose process stopped, once its lease has passed; an exclusive job waits for a live one', () => {
		const sqlite = connect();
		const now = at('2026-12-07T01:00:00Z');
		const claim = { job: 'reminders', slot: '2026-12-07', holder: 'crashed' };
		expect(claimRun(sqlite, claim, { now, leaseMs: 600_000 })).toBe(true);
		const other = { ...claim, holder: 'other' };
		expect(claimRun(sqlite, other, { now: now + 60_000, leaseMs: 600_000 })).toBe(false);
		expect(claimRun(sqlite, other, { now: now + 600_001, leaseMs: 600_000 })).toBe(true);
		// the mail job: a new minute is not claimed while the last round still holds its lease
		const round = { job: 'mail', slot: '2026-12-07T09:00', holder: 'a' };
		expect(claimRun(sqlite, round, { now, leaseMs: 600_000, exclusive: true })).toBe(true);
		const next = { job: 'mail', slot: '2026-12-07T09:01', holder: 'b' };
		expect(claimRun(sqlite, next, { now: now + 60_000, leaseMs: 600_000, exclusive: true })).toBe(false);
		finishRun(sqlite, round, { ok: true, result: {}, now: now + 61_000 });
		expect(claimRun(sqlite, next, { now: now + 62_000, leaseMs: 600_000, exclusive: true })).toBe(true);
	});

	it('records each run’s outcome: a failing job is not ok and says why; a manual run has its own slot', async () => {
		const runs: string[] = [];
		const sqlite = connect();
		const now = at('2026-12-07T01:00:00Z');
		const s = createScheduler(
			sqlite,
			[counting('reminders', { daily: '08:00' }, runs, true), counting('digest', { daily: '23:00' }, runs)],
			{
				clock: () => now
			}
		);
		await s.tick();
		const last = lastRuns(sqlite);
		expect(last.reminders.last).toMatchObject({
			slot: '2026-12-07',
			ok: false,
			result: JSON.stringify({ error: 'boom' })
		});
		expect(last.reminders.lastOk).toBeNull();
		expect(last.digest.last).toBeNull(); // 09:00 China: not yet 23:00
		expect(await s.runNow('digest')).toBe(true);
		expect(lastRuns(sqlite).digest.last).toMatchObject({ ok: true, slot: `manual ${new Date(now).toISOString()}` });
		// the day's slot is still to come
		expect(await s.tick()).toEqual([]);
	});
});

describe('the server’s jobs', () => {
	it('the reminders job queues the day’s reminders once; the mail job waits without a mail server; /healthz says so', async () => {
		const t = intakeTestDb();
		try {
			const config = { remindersAt: '08:00', digestAt: '08:30', mailMaxAttempts: 3 };
			// 2026-05-16 09:00 China: Q-1's 2026Q1 report was due the day before and is not submitted
			const now = at('2026-05-16T01:00:00Z');
			const s = createScheduler(t.sqlite, scheduledJobs({ db: t.db, config, send: null }), { clock: () => now });
			expect((await s.tick()).sort()).toEqual(['digest', 'mail', 'reminders']);
			const runs = lastRuns(t.sqlite);
			const added = JSON.parse(runs.reminders.last!.result!).added as number;
			expect(added).toBeGreaterThan(0);
			expect((t.sqlite.prepare('SELECT COUNT(*) AS n FROM notices').get() as { n: number }).n).toBe(added);
			expect(JSON.parse(runs.mail.last!.result!)).toMatchObject({ delivered: null, smtp: 'not configured' });
			const health = scheduleHealth(t.sqlite, { isOn: true, hasSmtp: false });
			expect(health).toMatchObject({ scheduler: 'on', mail: { smtp: 'not configured', pending: 0, dead: 0 } });
			expect(health.jobs.reminders).toEqual({
				lastRunAt: new Date(now).toISOString(),
				ok: true,
				lastOkAt: new Date(now).toISOString()
			});
		} finally {
			t.sqlite.close();
		}
	});
});
