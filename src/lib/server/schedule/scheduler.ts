/**
 * Scheduled work inside the server process (no outside cron). Every tick (20 s) it looks at each job: a daily job is
 * due once China time has reached its hour, for that China day — so a server started later the same day still runs
 * it — and the mail job once a minute. A due job runs only if this process claims its slot (lease.ts): with two
 * processes on one database, each slot still runs once. The CLI's commands stay for manual runs.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { log } from '../ops/log';
import { claimRun, finishRun, pruneRuns } from './lease';
import type { Job, JobName } from './jobs';

const LEASE_MS = 10 * 60_000;
const TICK_MS = 20_000;

/** China time's date and minute for an instant. */
export function chinaClock(now: number): { date: string; time: string; minute: string } {
	const iso = new Date(now + 8 * 3600_000).toISOString();
	return { date: iso.slice(0, 10), time: iso.slice(11, 16), minute: iso.slice(0, 16) };
}

/** The slot a job is due in now, or null when it is not due (a daily job before its hour). */
export function dueSlot(job: Job, now: number): string | null {
	const clock = chinaClock(now);
	if ('everyMinute' in job.when) return clock.minute;
	return clock.time >= job.when.daily ? clock.date : null;
}

export type RunRecord = {
	job: string;
	slot: string;
	holder: string;
	startedAt: number;
	finishedAt: number | null;
	ok: boolean | null;
	result: string | null;
};

export type Scheduler = {
	/** Runs every due job this process can claim; resolves with the names of those it ran. */
	tick: () => Promise<JobName[]>;
	/** Runs one job now, outside its schedule (an admin's button); false when another run of it holds its lease. */
	runNow: (name: JobName) => Promise<boolean>;
	start: () => void;
	stop: () => void;
	holder: string;
};

export function createScheduler(
	sqlite: Database.Database,
	jobs: Job[],
	options: { clock?: () => number; holder?: string } = {}
): Scheduler {
	const clock = options.clock ?? Date.now;
	const holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
	const running = new Set<JobName>();
	let timer: ReturnType<typeof setInterval> | null = null;

	async function runClaimed(job: Job, slot: string): Promise<boolean> {
		const now = clock();
		const claim = { job: job.name, slot, holder };
		if (!claimRun(sqlite, claim, { now, leaseMs: LEASE_MS, exclusive: job.exclusive })) return false;
		running.add(job.name);
		try {
			const result = await job.run(now);
			finishRun(sqlite, claim, { ok: true, result, now: clock() });
			if (job.name !== 'mail' || hasWork(result)) log('schedule', { job: job.name, slot, ok: true, result });
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			finishRun(sqlite, claim, { ok: false, result: { error: message }, now: clock() });
			log('schedule', { job: job.name, slot, ok: false, error: message });
		} finally {
			running.delete(job.name);
		}
		if ('everyMinute' in job.when) pruneRuns(sqlite, job.name, now - 2 * 86_400_000);
		return true;
	}

	return {
		holder,
		async tick() {
			const ran: JobName[] = [];
			for (const job of jobs) {
				if (running.has(job.name)) continue;
				const slot = dueSlot(job, clock());
				if (slot && (await runClaimed(job, slot))) ran.push(job.name);
			}
			return ran;
		},
		async runNow(name) {
			const job = jobs.find((j) => j.name === name);
			if (!job || running.has(name)) return false;
			return runClaimed(job, `manual ${new Date(clock()).toISOString()}`);
		},
		start() {
			if (timer) return;
			const tick = () => void this.tick().catch((e) => log('schedule', { ok: false, error: String(e) }));
			tick();
			timer = setInterval(tick, TICK_MS);
			timer.unref();
		},
		stop() {
			if (timer) clearInterval(timer);
			timer = null;
		}
	};
}

/** A mail round worth a log line: it composed, sent or failed something. */
function hasWork(result: Record<string, unknown>): boolean {
	const json = JSON.stringify(result);
	return /"(mails|notices|sent|retried|dead|cancelled)":[1-9]/.test(json);
}

/** Each job's latest run (by start), and its latest successful one. */
export function lastRuns(
	sqlite: Database.Database
): Record<string, { last: RunRecord | null; lastOk: RunRecord | null }> {
	const out: Record<string, { last: RunRecord | null; lastOk: RunRecord | null }> = {};
	const cols = 'job, slot, holder, started_at AS startedAt, finished_at AS finishedAt, ok, result';
	for (const job of ['reminders', 'digest', 'mail']) {
		const fix = (r: RunRecord | undefined) => (r ? { ...r, ok: r.ok === null ? null : Boolean(r.ok) } : null);
		out[job] = {
			last: fix(
				sqlite.prepare(`SELECT ${cols} FROM schedule_runs WHERE job = ? ORDER BY started_at DESC LIMIT 1`).get(job) as
					RunRecord | undefined
			),
			lastOk: fix(
				sqlite
					.prepare(`SELECT ${cols} FROM schedule_runs WHERE job = ? AND ok = 1 ORDER BY started_at DESC LIMIT 1`)
					.get(job) as RunRecord | undefined
			)
		};
	}
	return out;
}
