/**
 * At most INTAKE_CONCURRENCY intakes run at once in the server (default 2); up to INTAKE_QUEUE_MAX more wait their
 * turn in arrival order (default 8), and past that an upload is refused at once (503 with Retry-After) instead of
 * piling up in memory. Each waiting upload knows its place in the line, which the page and the API show.
 */
import { readConfig } from '../ops/config';

/** Thrown when the line is full: the caller answers 503 with `retryAfterSeconds`. */
export class QueueFullError extends Error {
	constructor(
		readonly waiting: number,
		readonly retryAfterSeconds = 30
	) {
		super(`the intake queue is full (${waiting} uploads waiting)`);
	}
}

/** The refusal of a full line, in both languages. */
export function queueFullMessage(e: QueueFullError): { zh: string; en: string } {
	return {
		zh: `服务器正在处理其他导入，另有 ${e.waiting} 个文件在排队；请 ${e.retryAfterSeconds} 秒后重试`,
		en: `The server is busy with other imports and ${e.waiting} more files are waiting; try again in ${e.retryAfterSeconds} s`
	};
}

export type Ticket = {
	/** How many uploads were ahead of this one when it arrived (0: it started at once). */
	position: number;
	/** Milliseconds it waited for its turn. */
	waitedMs: number;
	release: () => void;
};

/** A first-come, first-served gate for `limit` concurrent holders with at most `maxWaiting` in line. */
export class Gate {
	private active = 0;
	private line: (() => void)[] = [];

	constructor(
		readonly limit: number,
		readonly maxWaiting: number
	) {}

	/** Waits for a place (`onWait` hears the place in line when there is a wait); throws QueueFullError when the line is already full. */
	async enter(onWait?: (position: number) => void): Promise<Ticket> {
		const started = performance.now();
		let position = 0;
		if (this.active >= this.limit) {
			if (this.line.length >= this.maxWaiting) throw new QueueFullError(this.line.length);
			position = this.line.length + 1;
			onWait?.(position);
			await new Promise<void>((resolve) => this.line.push(resolve));
		} else this.active++;
		let isReleased = false;
		return {
			position,
			waitedMs: Math.round(performance.now() - started),
			release: () => {
				if (isReleased) return;
				isReleased = true;
				const next = this.line.shift();
				// the place passes straight to the next in line; only with nobody waiting does it free up
				if (next) next();
				else this.active--;
			}
		};
	}

	/** Running and waiting now. */
	stats(): { active: number; waiting: number } {
		return { active: this.active, waiting: this.line.length };
	}
}

let gate: Gate | null = null;

/** The server's gate, sized from INTAKE_CONCURRENCY and INTAKE_QUEUE_MAX (checked at start by config.ts) on first use. */
export function intakeGate(): Gate {
	if (!gate) {
		const { config } = readConfig();
		gate = new Gate(config.intakeConcurrency, config.intakeQueueMax);
	}
	return gate;
}

/** Forgets the gate so that the next use reads the settings again (tests only). */
export function resetIntakeGate(): void {
	gate = null;
}
