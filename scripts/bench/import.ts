/**
 * Import benchmark (`npm run bench -- import`, or `npx tsx scripts/bench/import.ts [--rows N] [--keep]`):
 * generates a long-format indicator CSV (default 1,000,000 rows, ~50 MB) in a temp dir and measures, each in a
 * fresh child process (scripts/bench/phase.ts) so that RSS numbers are comparable:
 *   floor (a)  PapaParse streaming → prepared better-sqlite3 upsert, one transaction, no checks;
 *   floor (b)  sqlite3 CLI `.import --csv` (skipped when sqlite3 is not installed);
 *   the app's pipeline, dry run and commit — when one is plugged in (see AppPipeline / runImportBench).
 * Prints rows/s, peak RSS and throughput as a percentage of floor (a); then uploads the file to the built app through
 * the API and the upload form (scripts/bench/upload-rss.ts) and reads the server's peak RSS. With `--runs N` it repeats
 * all of it N times and judges issue 16's goals (PASS/FAIL) on the medians.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatHeader, formatRow, measure } from './floors';
import { writeImportFile, type ImportRegistry } from './import-file';
import type { Phase, PhaseResult } from './phase';
import { measureUploadRss, type UploadRss } from './upload-rss';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const phaseScript = join(here, 'phase.ts');

/**
 * ── APP PIPELINE HOOK ──────────────────────────────────────────────────────────────────────────────────────
 * The app's import pipeline, run once with 'dry-run' and once with 'commit' on the generated file.
 * `registry` lists the pilots/enterprises/periods/indicators the file refers to: create them in the app DB
 * first (outside what you want timed, or inside if that is part of the pipeline). `ctx.dbPath` is a fresh,
 * phase-specific path in the bench's temp dir the pipeline may use for its database.
 * Must resolve to the number of rows it accepted (dry run) or wrote (commit).
 */
export type AppPipeline = (
	file: string,
	registry: ImportRegistry,
	mode: 'dry-run' | 'commit',
	ctx: { dbPath: string }
) => Promise<{ rows: number; ms?: number }>;

export interface ImportBenchOptions {
	rows: number;
	/**
	 * The app's pipeline. Preferably a module path (absolute, or relative to the repo root) exporting
	 * `runAppPipeline: AppPipeline`: each mode then runs in a fresh child process like the floors, so its
	 * peak RSS is comparable. A function is run in this process (peak RSS sampled, less exact: labelled so).
	 */
	pipeline?: AppPipeline | string;
	/** Keep the temp dir (file and databases) instead of deleting it. */
	keep?: boolean;
	/** How many runs (each with its own floor beside the app's phases); the goals are judged on the median. */
	runs?: number;
	/** Skip the uploads to the built server (which need `npm run build`). */
	skipUpload?: boolean;
	seed?: number;
}

export interface ImportBenchResult {
	file: string;
	bytes: number;
	rows: number;
	phases: PhaseResult[];
	uploads: UploadRss[];
}

const MB = 1024 * 1024;

function runPhase(phase: Phase, file: string, dbPath: string, extra: string[] = []): PhaseResult {
	const r = spawnSync(process.execPath, ['--import', 'tsx', phaseScript, phase, file, dbPath, ...extra], {
		cwd: repoRoot,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		maxBuffer: 64 * MB
	});
	if (r.error) throw r.error;
	if (r.status !== 0) throw new Error(`phase ${phase} failed (exit ${r.status})`);
	// The child prints exactly one JSON result line; anything else on stdout is passed through.
	const lines = r.stdout.split('\n').filter((l) => l.trim());
	const last = lines.pop();
	for (const l of lines) console.log(`  [${phase}] ${l}`);
	if (!last) throw new Error(`phase ${phase} printed no result`);
	return JSON.parse(last) as PhaseResult;
}

const LABELS: Record<Phase, string> = {
	'floor-a': 'floor (a) papaparse→sqlite',
	'floor-b': 'floor (b) sqlite3 .import',
	'dry-run': 'app pipeline dry-run',
	commit: 'app pipeline commit'
};

function line(r: PhaseResult, floorA?: number, label = LABELS[r.phase]): string {
	if (r.rows === null) return `${label.padEnd(32)} skipped (${r.skipped ?? 'n/a'})`;
	return formatRow(label, r.rows, r.ms, r.peakRssMb, floorA);
}

const median = (xs: number[]) => {
	const sorted = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Issue 16's goals for the intake. */
const GOALS = { commitPct: 85, dryRunPct: 100, peakRssMb: 150 };

export async function runImportBench(options: ImportBenchOptions): Promise<ImportBenchResult> {
	const dir = mkdtempSync(join(tmpdir(), 'tracker-import-bench-'));
	const runs = options.runs ?? 1;
	try {
		const file = join(dir, 'indicators.csv');
		const gen = await measure('generate', () => writeImportFile(file, options.rows, options.seed));
		const info = gen.result;
		console.log(
			`generated ${file}: ${info.rows.toLocaleString('en-US')} rows, ${(info.bytes / 1e6).toFixed(1)} MB ` +
				`(${(info.bytes / MB).toFixed(1)} MiB, ${info.bytes.toLocaleString('en-US')} bytes), ${info.pilots.length} pilots × 50 enterprises × ` +
				`${info.periods.length} periods × ${info.indicators.length} indicators, in ${(gen.ms / 1000).toFixed(1)} s`
		);
		const registryPath = join(dir, 'registry.json');
		const registry: ImportRegistry = { pilots: info.pilots, periods: info.periods, indicators: info.indicators };
		writeFileSync(registryPath, JSON.stringify(registry));

		const phases: PhaseResult[] = [];
		const ratios: { dryRun: number[]; commit: number[] } = { dryRun: [], commit: [] };
		const uploads: UploadRss[] = [];
		let uploadSkipped: string | null = null;
		const check = (r: PhaseResult) => {
			if (r.rows !== null && r.rows !== info.rows)
				console.warn(`  warning: ${r.phase} reported ${r.rows} rows, the file has ${info.rows}`);
		};
		const labels = new Map<PhaseResult, string>();

		for (let run = 1; run <= runs; run++) {
			// every run measures the floor beside the app's phases, so that each ratio is taken side by side
			console.log(
				`\nrun ${run}/${runs} (load average ${loadavg()
					.map((l) => l.toFixed(2))
					.join(' ')})`
			);
			console.log(formatHeader());
			const a = runPhase('floor-a', file, join(dir, `floor-a-${run}.db`));
			phases.push(a);
			check(a);
			const floorA = a.rows && a.ms > 0 ? a.rows / (a.ms / 1000) : undefined;
			console.log(line(a, floorA));

			const b = runPhase('floor-b', file, join(dir, `floor-b-${run}.db`));
			phases.push(b);
			check(b);
			console.log(line(b, floorA));

			// ── APP PIPELINE HOOK: runs only when a pipeline is provided ──
			if (options.pipeline) {
				for (const mode of ['dry-run', 'commit'] as const) {
					const dbPath = join(dir, `app-${mode}-${run}.db`);
					let r: PhaseResult;
					if (typeof options.pipeline === 'string') {
						r = runPhase(mode, file, dbPath, [resolve(repoRoot, options.pipeline), registryPath]);
					} else {
						const pipeline = options.pipeline;
						const m = await measure(mode, () => pipeline(file, registry, mode, { dbPath }));
						r = {
							phase: mode,
							rows: m.result.rows,
							ms: m.ms,
							peakRssMb: m.peakRssMb,
							sampledPeakRssMb: m.peakRssMb,
							baselineRssMb: 0
						};
						labels.set(r, `${LABELS[mode]} (in-proc)`);
					}
					phases.push(r);
					check(r);
					console.log(line(r, floorA, labels.get(r)));
					if (floorA && r.rows)
						(mode === 'dry-run' ? ratios.dryRun : ratios.commit).push((100 * r.rows) / (r.ms / 1000) / floorA);
				}
			} else {
				console.log(`${'app pipeline'.padEnd(32)} not wired (pass runImportBench({ pipeline }) or --pipeline MODULE)`);
			}

			// this run's databases are no longer needed: three runs of them would fill a small disk
			for (const name of readdirSync(dir)) if (name.includes(`-${run}.db`)) rmSync(join(dir, name), { force: true });

			if (!options.skipUpload && uploadSkipped === null) {
				const measured = await measureUploadRss(file, registry, dir);
				if ('skipped' in measured) uploadSkipped = measured.skipped;
				else
					for (const u of measured) {
						uploads.push(u);
						console.log(uploadLine(u));
					}
			}
		}

		console.log(
			`\nSummary — ${(info.bytes / 1e6).toFixed(1)} MB file, ${info.rows.toLocaleString('en-US')} rows, ${runs} run(s)`
		);
		const base = phases.find((r) => r.phase === 'floor-a')?.baselineRssMb;
		console.log(
			`Peak RSS of a phase is its child's maxRSS (node + tsx baseline ≈ ${base?.toFixed(0) ?? '?'} MB included); ` +
				`floor (b)'s is the sqlite3 process's, from /usr/bin/time -v; an upload's is the whole server process's ` +
				`(VmHWM: main thread and intake worker), from just before the upload (reset after the form's sign-in, whose ` +
				`scrypt holds 128 MiB) to its answer.`
		);
		const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
		const row = (name: string, value: string, goal: string, v: string) =>
			console.log(name.padEnd(52) + value.padStart(12) + goal.padStart(12) + '  ' + v);
		console.log(`\ngoals (issue 16), median of ${runs} run(s)`);
		row('figure', 'value', 'goal', 'verdict');
		if (ratios.dryRun.length) {
			const d = median(ratios.dryRun);
			row(
				'dry run, rows/s vs floor (a) in the same run',
				`${d.toFixed(1)} %`,
				`≥ ${GOALS.dryRunPct} %`,
				verdict(d >= GOALS.dryRunPct)
			);
		}
		if (ratios.commit.length) {
			const c = median(ratios.commit);
			row(
				'commit, rows/s vs floor (a) in the same run',
				`${c.toFixed(1)} %`,
				`≥ ${GOALS.commitPct} %`,
				verdict(c >= GOALS.commitPct)
			);
		}
		for (const channel of ['api', 'web form'] as const) {
			const mine = uploads.filter((u) => u.channel === channel);
			if (!mine.length) {
				row(
					`peak RSS, upload through the ${channel}`,
					'skipped',
					`≤ ${GOALS.peakRssMb} MB`,
					uploadSkipped ?? 'skipped'
				);
				continue;
			}
			const isWhole = mine.every((u) => u.status === 200 && u.rows === info.rows && u.errorCount === 0);
			const peak = median(mine.map((u) => u.peakMb));
			row(
				`peak RSS, upload through the ${channel} (server)`,
				`${peak.toFixed(1)} MB`,
				`≤ ${GOALS.peakRssMb} MB`,
				isWhole ? verdict(peak <= GOALS.peakRssMb) : 'FAIL (import not whole)'
			);
			row(`  of which the idle server before it`, `${median(mine.map((u) => u.idleMb)).toFixed(1)} MB`, '', '');
			const before = mine.map((u) => u.beforeMb).filter((b): b is number => b !== null);
			if (before.length < mine.length)
				console.log(`  (the peak could not be reset before the upload: it includes the server's start)`);
			else if (channel === 'web form')
				row(`  the server's peak before it (its sign-in)`, `${median(before).toFixed(1)} MB`, '', '');
		}
		return { file, bytes: info.bytes, rows: info.rows, phases, uploads };
	} finally {
		if (options.keep) console.log(`kept ${dir}`);
		else rmSync(dir, { recursive: true, force: true });
	}
}

function uploadLine(u: UploadRss): string {
	return (
		`upload through the ${u.channel}`.padEnd(32) +
		` HTTP ${u.status}, ${u.rows.toLocaleString('en-US')} rows, ${u.errorCount} errors, ${(u.ms / 1000).toFixed(2)} s; ` +
		`server RSS idle ${u.idleMb.toFixed(1)} MB, peak ${u.peakMb.toFixed(1)} MB` +
		(u.beforeMb === null ? ' (since start)' : `, ${u.beforeMb.toFixed(1)} MB before it`)
	);
}

function parseArgs(argv: string[]): ImportBenchOptions {
	const args = [...argv];
	if (args[0] === 'import') args.shift();
	const options: ImportBenchOptions = { rows: 1_000_000 };
	for (let i = 0; i < args.length; i++) {
		const [flag, inline] = args[i].split('=', 2) as [string, string | undefined];
		const value = () => inline ?? args[++i];
		if (flag === '--rows') options.rows = Number(String(value()).replaceAll(/[_,]/g, ''));
		else if (flag === '--seed') options.seed = Number(value());
		else if (flag === '--pipeline') options.pipeline = value();
		else if (flag === '--keep') options.keep = true;
		else if (flag === '--runs') options.runs = Number(value());
		else if (flag === '--no-upload') options.skipUpload = true;
		else
			throw new Error(
				`unknown argument ${args[i]} (usage: [import] [--rows N] [--runs N] [--seed N] [--pipeline MODULE] [--no-upload] [--keep])`
			);
	}
	if (!Number.isInteger(options.rows) || options.rows < 1) throw new Error('--rows must be a positive integer');
	if (options.runs !== undefined && (!Number.isInteger(options.runs) || options.runs < 1))
		throw new Error('--runs must be a positive integer');
	return options;
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
	// The app's intake pipeline, unless another module is named with --pipeline.
	await runImportBench({ pipeline: 'scripts/bench/app-pipeline.ts', ...parseArgs(argv) });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((err: unknown) => {
		console.error(err);
		process.exit(1);
	});
}
