/**
 * The imports in progress, as their senders follow them: each upload from the web page carries an id the page
 * made up, under which this process keeps the upload's phase, how far it has gone and an estimate, and hears a
 * cancel. Only the person who sent an upload may follow or cancel it. Held in memory: a restart forgets them (and
 * stops the imports themselves).
 */
import { estimateMs, paced, type IntakePhase, type IntakeProgress, type ServerPhase } from '../../intake/progress';

/** How long a finished job stays to be read by a watcher that came late. */
const KEPT_MS = 60_000;

export const JOB_ID = /^[A-Za-z0-9_-]{8,64}$/;

type Listener = (progress: IntakeProgress) => void;

type Job = {
	userId: number;
	progress: IntakeProgress;
	listeners: Set<Listener>;
	controller: AbortController;
};

const jobs = new Map<string, Job>();
/** Watchers that came before their job did (the page starts following as it starts sending). */
const early = new Map<string, { userId: number; listener: Listener }[]>();

/** What the intake hears from a tracked job: where to report, and the signal of a cancel. */
export type Tracker = {
	onProgress: (phase: ServerPhase, done: number, total: number, rows: number) => void;
	/** Reports a phase the intake itself does not measure: the bytes arriving, the place in line. */
	report: (phase: IntakePhase, done: number, total: number) => void;
	signal: AbortSignal;
	/** Marks the job done (whatever the outcome) and lets it go after a while. */
	finish: () => void;
};

/**
 * Starts keeping a job under `id` for the user. Null when the id is malformed or already taken (the upload then
 * runs untracked: nobody else's job can be taken over by naming its id).
 */
export function track(id: string | null | undefined, userId: number): Tracker | null {
	if (!id || !JOB_ID.test(id) || jobs.has(id)) return null;
	const job: Job = {
		userId,
		progress: { phase: 'receive', done: 0, total: 0, rows: 0, elapsedMs: 0, etaMs: null, isCancellable: true },
		listeners: new Set(),
		controller: new AbortController()
	};
	jobs.set(id, job);
	for (const w of early.get(id) ?? []) if (w.userId === userId) job.listeners.add(w.listener);
	early.delete(id);
	// at most every 100 ms, always at a new phase (so the phase a cancel is judged by is never stale) and at an end
	const update = paced<IntakePhase>((phase, done, total, rows, elapsedMs) => {
		job.progress = {
			phase,
			done,
			total,
			rows,
			elapsedMs,
			etaMs: phase === 'queue' || phase === 'done' ? null : estimateMs(done, total, elapsedMs),
			isCancellable: phase === 'receive' || phase === 'queue' || phase === 'parse' || phase === 'check'
		};
		for (const listener of job.listeners) listener(job.progress);
	});
	return {
		onProgress: update,
		report: (phase, done, total) => update(phase, done, total, job.progress.rows),
		signal: job.controller.signal,
		finish: () => {
			update('done', 1, 1, job.progress.rows);
			job.listeners.clear();
			setTimeout(() => jobs.delete(id), KEPT_MS).unref();
		}
	};
}

/**
 * Follows the user's job `id`: the listener hears its progress now (when it has begun) and at every step until it
 * is done. Returns the function that stops following. A job of someone else's is never heard.
 */
export function watch(id: string, userId: number, listener: Listener): () => void {
	const job = jobs.get(id);
	if (job) {
		if (job.userId !== userId) return () => {};
		listener(job.progress);
		if (job.progress.phase === 'done') return () => {};
		job.listeners.add(listener);
		return () => job.listeners.delete(listener);
	}
	const waiting = early.get(id) ?? [];
	const entry = { userId, listener };
	waiting.push(entry);
	early.set(id, waiting);
	return () => {
		const left = (early.get(id) ?? []).filter((w) => w !== entry);
		if (left.length) early.set(id, left);
		else early.delete(id);
		jobs.get(id)?.listeners.delete(listener);
	};
}

/** Asks the user's job to stop: 'requested' before the write began (its summary says whether it stopped in time), 'too-late' once it has, 'unknown' otherwise. */
export function cancel(id: string, userId: number): 'requested' | 'too-late' | 'unknown' {
	const job = jobs.get(id);
	if (!job || job.userId !== userId) return 'unknown';
	if (!job.progress.isCancellable) return 'too-late';
	job.controller.abort();
	return 'requested';
}
