/**
 * The safe shutdown of the production server. adapter-node, on SIGTERM or SIGINT, stops accepting
 * connections, lets the requests in flight finish (for at most SHUTDOWN_TIMEOUT seconds, default 30,
 * after which it closes their connections) and then emits `sveltekit:shutdown`. What is left to do
 * here: an import whose request was cut off may still be running in its worker — wait for it (again
 * for at most SHUTDOWN_TIMEOUT), stop it if it does not finish (its transaction never commits, so
 * nothing of it is written), close the database, and log one `shutdown` line. Nothing else then
 * keeps the event loop alive, so the process exits by itself with code 0.
 */
import { closeDb } from '../db';
import { waitForImports, type ImportsAtShutdown } from '../intake/run';
import { log } from './log';

/** How long to wait for imports in progress: SHUTDOWN_TIMEOUT seconds (adapter-node's own knob), default 30. */
export function importWaitMs(): number {
	const seconds = Number(process.env.SHUTDOWN_TIMEOUT ?? 30);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 30_000;
}

/** What the shutdown uses; tests pass their own. */
export type ShutdownDeps = {
	waitForImports: (ms: number) => Promise<ImportsAtShutdown>;
	closeDb: () => void;
	waitMs: number;
};

/** Waits for (or stops) the imports in progress, closes the database and logs one `shutdown` line. */
export async function shutdown(reason: string, deps: Partial<ShutdownDeps> = {}): Promise<void> {
	const started = performance.now();
	const waitMs = deps.waitMs ?? importWaitMs();
	const imports = await (deps.waitForImports ?? waitForImports)(waitMs);
	let closed = true;
	try {
		(deps.closeDb ?? closeDb)();
	} catch (e) {
		closed = false;
		log('error', { during: 'shutdown', error: e instanceof Error ? e.message : String(e) });
	}
	log('shutdown', { reason, ...imports, dbClosed: closed, ms: Math.round(performance.now() - started) });
}

let isRegistered = false;

/**
 * Listens (once per process, whatever the number of calls) for adapter-node's `sveltekit:shutdown`.
 * Outside adapter-node (vite dev, tests) the event never comes and this does nothing.
 */
export function registerShutdown(): void {
	if (isRegistered) return;
	isRegistered = true;
	process.once('sveltekit:shutdown', (reason: unknown) => {
		shutdown(String(reason)).catch((e: unknown) => {
			log('error', { during: 'shutdown', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
			process.exitCode = 1;
		});
	});
}
