/**
 * The import bench's server-side memory figure: the generated file uploaded to the built app (`npm run build`)
 * through the API and through the upload page's form, each to a fresh server on a fresh database holding the file's
 * pilots, and the server process's peak RSS (VmHWM in /proc, the main thread and the intake worker together) read
 * once its answer has come. Issue 16's goal: ≤ 150 MB for a 50 MB file.
 *
 * The form needs a signed-in session first, and a sign-in checks the password with scrypt at OWASP's cost, which holds
 * 128 MiB while it runs (src/lib/server/auth/password.ts): the process's peak is reset after the sign-in (writing 5 to
 * /proc/PID/clear_refs, Linux ≥ 4.0), so that the upload's figure is the upload's, and the sign-in's own peak is
 * reported beside it.
 */
import { request } from 'node:http';
import { copyFileSync, createReadStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportRegistry } from './import-file';
import { freePort, prepareDatabase, signIn, snapshotBuild, startServer, stopServer, type Server } from './http-server';

export type UploadRss = {
	channel: 'api' | 'web form';
	status: number;
	rows: number;
	errorCount: number;
	ms: number;
	idleMb: number;
	peakMb: number;
	/** The process's peak before the upload (after its sign-in, for the form), or null where it could not be reset. */
	beforeMb: number | null;
};

/** A process's resident set now and at its peak, in MB, from /proc. */
function residentMb(pid: number): { now: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
	return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Starts a new peak for the process (its VmHWM set to its RSS now); false where the kernel does not allow it. */
function resetPeak(pid: number): boolean {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** Posts the parts (strings, and the file streamed from disk) as one body; resolves with status and body text. */
function post(
	url: string,
	headers: Record<string, string>,
	parts: (string | { file: string })[]
): Promise<{ status: number; text: string }> {
	const length = parts.reduce((n, p) => n + (typeof p === 'string' ? Buffer.byteLength(p) : statSync(p.file).size), 0);
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(length) } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('error', reject);
		(async () => {
			for (const part of parts) {
				if (typeof part === 'string') req.write(part);
				else
					for await (const chunk of createReadStream(part.file))
						if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
			}
			req.end();
		})().catch(reject);
	});
}

/** The summary inside an API answer, or inside a form action's answer (devalue-encoded data: rows and errorCount read by pattern). */
function figures(text: string): { rows: number; errorCount: number } {
	try {
		const json = JSON.parse(text) as { rows?: number; errorCount?: number; type?: string; data?: string };
		if (json.rows !== undefined) return { rows: json.rows, errorCount: json.errorCount ?? -1 };
		if (json.data) {
			// the action's data is devalue's flat array: the summary object maps its keys to indexes in it
			const flat = JSON.parse(json.data) as unknown[];
			const summary = flat.find(
				(v): v is Record<string, number> => typeof v === 'object' && v !== null && 'rows' in v && 'errorCount' in v
			);
			if (summary) return { rows: flat[summary.rows] as number, errorCount: flat[summary.errorCount] as number };
		}
	} catch {
		// not JSON: the status says what happened
	}
	return { rows: 0, errorCount: -1 };
}

async function oneUpload(
	channel: UploadRss['channel'],
	serve: string,
	dir: string,
	template: string,
	file: string,
	creds: Awaited<ReturnType<typeof prepareDatabase>>
): Promise<UploadRss> {
	const here = join(dir, channel === 'api' ? 'api' : 'form');
	rmSync(here, { recursive: true, force: true });
	mkdirSync(here);
	const dbPath = join(here, 'tracker.db');
	copyFileSync(template, dbPath); // the template was checkpointed: the database is whole in its one file
	const server: Server = await startServer(
		serve,
		dbPath,
		join(here, 'data'),
		await freePort(),
		join(here, 'server.log')
	);
	try {
		const pid = server.child.pid!;
		const cookie = channel === 'web form' ? await signIn(server.origin, 'bench-implementer', creds.password) : '';
		const before = residentMb(pid).peak;
		const isReset = resetPeak(pid);
		const idleMb = residentMb(pid).now;
		const started = performance.now();
		let answer: { status: number; text: string };
		if (channel === 'api')
			answer = await post(
				`${server.origin}/api/v1/imports?fileName=bench.csv`,
				{ authorization: `Bearer ${creds.importToken}`, 'content-type': 'text/csv' },
				[{ file }]
			);
		else {
			const boundary = `----bench${Date.now()}`;
			answer = await post(
				`${server.origin}/imports?/commit`,
				{
					cookie,
					origin: server.origin,
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					'content-type': `multipart/form-data; boundary=${boundary}`
				},
				[
					`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.csv"\r\nContent-Type: text/csv\r\n\r\n`,
					{ file },
					`\r\n--${boundary}--\r\n`
				]
			);
		}
		const ms = performance.now() - started;
		const peakMb = residentMb(pid).peak;
		return {
			channel,
			status: answer.status,
			...figures(answer.text),
			ms,
			idleMb,
			peakMb,
			beforeMb: isReset ? before : null
		};
	} finally {
		await stopServer(server);
		rmSync(here, { recursive: true, force: true });
	}
}

/**
 * Measures both channels, each on its own fresh server; `{ skipped }` with the reason when there is no build.
 */
export async function measureUploadRss(
	file: string,
	registry: ImportRegistry,
	dir: string
): Promise<UploadRss[] | { skipped: string }> {
	let serve: string;
	const work = join(dir, 'upload-rss');
	rmSync(work, { recursive: true, force: true });
	mkdirSync(work);
	try {
		serve = snapshotBuild(join(work, 'app'));
	} catch (e) {
		return { skipped: e instanceof Error ? e.message : String(e) };
	}
	const template = join(work, 'template.db');
	const creds = await prepareDatabase(template, 0, registry);
	const out: UploadRss[] = [];
	for (const channel of ['api', 'web form'] as const)
		out.push(await oneUpload(channel, serve, work, template, file, creds));
	return out;
}
