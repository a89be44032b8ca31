/**
 * Import benchmark (`npm run bench -- import`, or `npx tsx scripts/bench/import.ts [--rows N] [--keep]`):
 * generates a long-format indicator CSV (default 1,000,000 rows, ~50 MB) in a temp dir and measures, each in a
 * fresh child process (scripts/bench/phase.ts) so that RSS numbers are comparable:
 *   floor (a)  PapaParse streaming → prepared better-sqlite3 upsert, one transaction, no checks;
 *   floor (b)  sqlite3 CLI `.import --csv` (skipped when sqlite3 is not installed);
 *   the app's pipeline, dry run and commit — when one is plugged in (see AppPipeline / runImportBench).
 * Prints rows/s, peak RSS and throughput as a percentage of floor (a).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatHeader, formatRow, measure } from './floors';
import { writeImportFile, type ImportRegistry } from './import-file';
import type { Phase, PhaseResult } from './phase';

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
	seed?: number;
}

export interface ImportBenchResult {
	file: string;
	bytes: number;
	rows: number;
	phases: PhaseResult[];
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

export async function runImportBench(options: ImportBenchOptions): Promise<ImportBenchResult> {
	const dir = mkdtempSync(join(tmpdir(), 'tracker-import-bench-'));
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
		const check = (r: PhaseResult) => {
			if (r.rows !== null && r.rows !== info.rows)
				console.warn(`  warning: ${r.phase} reported ${r.rows} rows, the file has ${info.rows}`);
		};

		console.log('\n' + formatHeader());
		const a = runPhase('floor-a', file, join(dir, 'floor-a.db'));
		phases.push(a);
		check(a);
		const floorA = a.rows && a.ms > 0 ? a.rows / (a.ms / 1000) : undefined;
		console.log(line(a, floorA));

		const b = runPhase('floor-b', file, join(dir, 'floor-b.db'));
		phases.push(b);
		check(b);
		console.log(line(b, floorA));

		// ── APP PIPELINE HOOK: runs only when a pipeline is provided ──
		const labels = new Map<PhaseResult, string>();
		if (options.pipeline) {
			for (const mode of ['dry-run', 'commit'] as const) {
				const dbPath = join(dir, `app-${mode}.db`);
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
			}
		} else {
			console.log(`${'app pipeline'.padEnd(32)} not wired (pass runImportBench({ pipeline }) or --pipeline MODULE)`);
		}

		console.log(`\nSummary — ${(info.bytes / 1e6).toFixed(1)} MB file, ${info.rows.toLocaleString('en-US')} rows`);
		console.log(formatHeader());
		for (const r of phases) console.log(line(r, floorA, labels.get(r)));
		const base = phases.find((r) => r.phase === 'floor-a')?.baselineRssMb;
		console.log(
			`\nPeak RSS is the child's maxRSS (node + tsx baseline ≈ ${base?.toFixed(0) ?? '?'} MB included); ` +
				`floor (b)'s is the sqlite3 process's, from /usr/bin/time -v.`
		);
		return { file, bytes: info.bytes, rows: info.rows, phases };
	} finally {
		if (options.keep) console.log(`kept ${dir}`);
		else rmSync(dir, { recursive: true, force: true });
	}
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
		else
			throw new Error(
				`unknown argument ${args[i]} (usage: [import] [--rows N] [--seed N] [--pipeline MODULE] [--keep])`
			);
	}
	if (!Number.isInteger(options.rows) || options.rows < 1) throw new Error('--rows must be a positive integer');
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
