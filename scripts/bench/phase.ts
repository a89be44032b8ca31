/**
 * Runs ONE measured phase of the import benchmark in this (fresh) process and prints one JSON line:
 *   {"phase", "rows", "ms", "peakRssMb", "sampledPeakRssMb", "baselineRssMb"}
 * so that one phase's heap cannot inflate the next one's peak RSS. Started by import.ts as
 *
 *   node --import tsx scripts/bench/phase.ts floor-a  FILE DB
 *   node --import tsx scripts/bench/phase.ts floor-b  FILE DB
 *   node --import tsx scripts/bench/phase.ts dry-run  FILE DB MODULE REGISTRY_JSON
 *   node --import tsx scripts/bench/phase.ts commit   FILE DB MODULE REGISTRY_JSON
 *
 * For dry-run/commit, MODULE (a path or specifier) must export
 * `runAppPipeline(file, registry, mode, { dbPath }) => Promise<{ rows: number; ms?: number }>` (see AppPipeline in import.ts),
 * and REGISTRY_JSON is a file holding the registry writeImportFile returned.
 *
 * peakRssMb is `process.resourceUsage().maxRSS` of this process at the end (exact, includes the ~baseline of
 * node + tsx); for floor-b it is the sqlite3 child's peak from `/usr/bin/time -v` (null when unavailable).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { floorPapaToSqlite, floorSqliteCli, lastCliPeakRssMb, measure } from './floors';
import type { ImportRegistry } from './import-file';

export type Phase = 'floor-a' | 'floor-b' | 'dry-run' | 'commit';

export interface PhaseResult {
	phase: Phase;
	/** Rows written, or null when the phase was skipped (floor-b without sqlite3). */
	rows: number | null;
	ms: number;
	peakRssMb: number | null;
	sampledPeakRssMb: number;
	baselineRssMb: number;
	skipped?: string;
}

async function run(phase: Phase, file: string, dbPath: string, rest: string[]): Promise<PhaseResult> {
	const baselineRssMb = process.memoryUsage.rss() / (1024 * 1024);
	if (phase === 'floor-a') {
		const m = await measure(phase, () => floorPapaToSqlite(file, dbPath));
		const peakRssMb = process.resourceUsage().maxRSS / 1024;
		return { phase, rows: m.result, ms: m.ms, peakRssMb, sampledPeakRssMb: m.peakRssMb, baselineRssMb };
	}
	if (phase === 'floor-b') {
		const m = await measure(phase, () => floorSqliteCli(file, dbPath));
		return {
			phase,
			rows: m.result,
			ms: m.ms,
			peakRssMb: lastCliPeakRssMb,
			sampledPeakRssMb: m.peakRssMb,
			baselineRssMb,
			...(m.result === null ? { skipped: 'sqlite3 not installed' } : {})
		};
	}
	if (phase === 'dry-run' || phase === 'commit') {
		const [moduleSpec, registryPath] = rest;
		if (!moduleSpec || !registryPath) throw new Error(`${phase}: MODULE and REGISTRY_JSON arguments are required`);
		const url =
			isAbsolute(moduleSpec) || moduleSpec.startsWith('.') ? pathToFileURL(resolve(moduleSpec)).href : moduleSpec;
		const mod = (await import(url)) as { runAppPipeline?: unknown };
		if (typeof mod.runAppPipeline !== 'function') throw new Error(`${moduleSpec} does not export runAppPipeline`);
		const pipeline = mod.runAppPipeline as (
			file: string,
			registry: ImportRegistry,
			mode: 'dry-run' | 'commit',
			ctx: { dbPath: string }
		) => Promise<{ rows: number; ms?: number }>;
		const registry = JSON.parse(readFileSync(registryPath, 'utf8')) as ImportRegistry;
		const m = await measure(phase, () => pipeline(file, registry, phase, { dbPath }));
		const peakRssMb = process.resourceUsage().maxRSS / 1024;
		return {
			phase,
			rows: m.result.rows,
			ms: m.result.ms ?? m.ms,
			peakRssMb,
			sampledPeakRssMb: m.peakRssMb,
			baselineRssMb
		};
	}
	throw new Error(`unknown phase ${phase as string}`);
}

const [phase, file, dbPath, ...rest] = process.argv.slice(2);
if (!phase || !file || !dbPath) {
	console.error('usage: node --import tsx scripts/bench/phase.ts PHASE FILE DB [MODULE REGISTRY_JSON]');
	process.exit(2);
}
run(phase as Phase, file, dbPath, rest).then(
	(r) => {
		process.stdout.write(JSON.stringify(r) + '\n');
	},
	(err: unknown) => {
		console.error(err);
		process.exit(1);
	}
);
