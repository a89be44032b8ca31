// Starts the built app (adapter-node) with the product's defaults:
// - uploads up to 50 MB, so the request body limit sits just above that (multipart overhead) and
//   anything larger gets 413 early;
// - without ORIGIN, adapter-node would take every request for https, and sign-in on plain
//   http://localhost would fail its CSRF check: the local default is http://localhost:PORT.
//   Behind a proxy, set ORIGIN (or PROTOCOL_HEADER and HOST_HEADER) — see the README.
// - <DATA_DIR>/server.pid names this process while it runs, so that `cli restore` refuses to replace
//   the database under a live server. Removed on every exit Node sees (a `kill -9` leaves it behind;
//   restore then finds no live process under that pid and goes ahead).
// On SIGTERM/SIGINT adapter-node stops accepting and lets requests finish; the app then waits for a
// running import, closes the database and logs a `shutdown` line (src/lib/server/ops/shutdown.ts).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

process.env.BODY_SIZE_LIMIT ??= '54M';
process.env.PORT ??= '3000';
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) process.env.ORIGIN = `http://localhost:${process.env.PORT}`;
process.env.INTAKE_WORKER ??= new URL('../build/intake-worker.mjs', import.meta.url).pathname;

const dataDir = resolve(process.env.DATA_DIR || 'data');
const pidFile = join(dataDir, 'server.pid');

/** The pid a pid file names, if it names a process that is alive; null otherwise. */
function livePid(path) {
	try {
		const pid = Number(readFileSync(path, 'utf8').trim());
		if (!Number.isInteger(pid) || pid <= 0) return null;
		process.kill(pid, 0); // signal 0: only asks whether the process exists
		return pid;
	} catch (e) {
		// EPERM: it exists but belongs to someone else — still alive
		return e?.code === 'EPERM' ? Number(readFileSync(path, 'utf8').trim()) : null;
	}
}

const other = livePid(pidFile);
if (other !== null && other !== process.pid)
	// a warning, not a refusal: a pid left by a killed server may since belong to an unrelated process
	console.error(
		JSON.stringify({
			at: new Date().toISOString(),
			kind: 'warning',
			message: `${pidFile} names process ${other}, which is alive: is another server using this data folder?`
		})
	);
mkdirSync(dataDir, { recursive: true });
writeFileSync(pidFile, `${process.pid}\n`);
process.on('exit', () => {
	try {
		// only our own: a server started since may have written its pid here
		if (readFileSync(pidFile, 'utf8').trim() === String(process.pid)) rmSync(pidFile, { force: true });
	} catch {
		// already gone
	}
});

await import('../build/index.js');
