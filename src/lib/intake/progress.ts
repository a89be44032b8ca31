/**
 * An import's progress as the upload page shows it and the CLI prints it: which phase it is in, how far that
 * phase has gone, and an estimate of the time left. Shared by the server (which measures) and the page.
 */

/** The phases measured on the server: reading and checking each row, duplicates and comparison, writing. */
export type ServerPhase = 'parse' | 'check' | 'write';

/** Every phase an upload passes through, in order: arriving, waiting its turn, then the server phases. */
export type IntakePhase = 'receive' | 'queue' | ServerPhase | 'done';

export const PHASES: readonly IntakePhase[] = ['receive', 'queue', 'parse', 'check', 'write'];

export type IntakeProgress = {
	phase: IntakePhase;
	/** Done and total in the phase's unit: bytes (receive, parse), rows (check, write), place in line (queue). */
	done: number;
	total: number;
	/** Data rows read so far. */
	rows: number;
	/** Milliseconds since the phase began, and the estimate of those left (null until it can be made). */
	elapsedMs: number;
	etaMs: number | null;
	/** Whether a cancel can still stop it: until the write begins. */
	isCancellable: boolean;
};

/** The share of the phase done, 0–1 (a phase with nothing to do counts as done). */
export function fractionOf(p: Pick<IntakeProgress, 'done' | 'total'>): number {
	return p.total > 0 ? Math.min(1, p.done / p.total) : 1;
}

/** The time left in a phase at a steady rate, or null before a tenth of a second or 1 % of it has passed. */
export function estimateMs(done: number, total: number, elapsedMs: number): number | null {
	if (total <= 0 || done <= 0 || elapsedMs < 100 || done / total < 0.01) return null;
	return Math.max(0, Math.round((elapsedMs * (total - done)) / done));
}

/**
 * Passes a phase's figures on at most once every `everyMs`, and always at a new phase and at a phase's end, with the
 * milliseconds since the phase began: the one pacing of the worker's messages, the jobs' events and the CLI's line.
 */
export function paced<P extends string>(
	pass: (phase: P, done: number, total: number, rows: number, elapsedMs: number) => void,
	everyMs = 100
): (phase: P, done: number, total: number, rows: number) => void {
	let current: P | null = null;
	let started = 0;
	let passed = 0;
	return (phase, done, total, rows) => {
		const at = performance.now();
		if (phase !== current) {
			current = phase;
			started = at;
		} else if (done < total && at - passed < everyMs) return;
		passed = at;
		pass(phase, done, total, rows, Math.round(at - started));
	};
}
