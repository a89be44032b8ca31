/**
 * Dashboard benchmark (`npm run bench -- dashboard [--pilots N] [--enterprises-per-pilot M] [--route ID]`):
 * fills a throwaway SQLite file (WAL, as in production) with a national-scale programme — by default 1,000 pilots ×
 * 40 enterprises over two batches (terms in 2024 and in 2025: 8 quarters), 20 indicators, one value per enterprise ×
 * quarter × indicator (3.2 M observations) and the roll-ups the intake keeps — then prints, in one run:
 *   the time of `dashboard.prepare` (cached statuses and scores of every pilot);
 *   median and p95 of each dashboard view, with and without filters, beside the bare roll-up GROUP BYs and the
 *   same GROUP BY over the raw observations;
 *   the gzipped JS the dashboard route loads, from the client build manifest (`npm run build` first);
 *   a summary against the goals (p50 ≤ 50 ms per view, route JS ≤ 200 KB gzipped, the on-demand chart chunk reported beside it).
 * `--route` measures another page's JS instead (a route id such as `/(app)/pilots/[code]`, or its +page.svelte).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openDb } from '../../src/lib/server/db';
import { seedReference } from '../../src/lib/server/seed';
import { mulberry32 } from '../../src/lib/server/seed/random';
import { PER_ENTERPRISE } from '../../src/lib/server/seed/demo-names';
import * as dashboard from '../../src/lib/server/analytics/dashboard';
import { cachedView } from '../../src/lib/server/analytics/view-cache';
import { refreshStale } from '../../src/lib/server/progress/statuses';
import { chinaToday } from '../../src/lib/server/ops/clock';
import type { Scope } from '../../src/lib/server/auth/access';
import type { DashboardFilter } from '../../src/lib/analytics/dashboard-filter';
import { shortlistView } from '../../src/lib/analytics/shortlist';
import { INDICATORS } from '../../src/lib/domain/indicators';
import { periodKey, termEndFor, termQuarters } from '../../src/lib/domain/periods';
import { AIR_REGIONS, BASINS, INDUSTRIES } from '../../src/lib/domain/taxonomy';
import { PROVINCES } from '../../src/lib/domain/provinces';

const ROUTE_FILE = 'src/routes/(app)/dashboard/+page.svelte';
const RUNS = 30;
const WARMUPS = 3;
const RAW_RUNS = 3;
const GOAL_P50_MS = 50;
/** Issue 16: the JS a dashboard page loads before its charts (the chart library follows on demand). */
const GOAL_JS_KB = 200;
const GZIP_LEVEL = 9;
/** A day on which every quarter of both batches is due (2025Q4 was due on 2026-01-15). */
const ALL_DUE = '2026-06-30';
const CHUNK_PILOTS = 50;
const KB = 1024;

type Options = { pilots: number; enterprisesPerPilot: number; route: string };

function parseArgs(argv: string[]): Options {
	const args = [...argv];
	if (args[0] === 'dashboard') args.shift();
	const options: Options = { pilots: 1000, enterprisesPerPilot: 40, route: routeIdOf(ROUTE_FILE) };
	const count = (v: string | undefined) => Number(String(v).replaceAll(/[_,]/g, ''));
	for (let i = 0; i < args.length; i++) {
		const [flag, inline] = args[i].split('=', 2) as [string, string | undefined];
		const value = () => inline ?? args[++i];
		if (flag === '--pilots') options.pilots = count(value());
		else if (flag === '--enterprises-per-pilot') options.enterprisesPerPilot = count(value());
		else if (flag === '--route') options.route = routeIdOf(value() ?? '');
		else
			throw new Error(
				`unknown argument ${args[i]} (usage: dashboard [--pilots N] [--enterprises-per-pilot M] [--route ID])`
			);
	}
	for (const [name, n] of [
		['--pilots', options.pilots],
		['--enterprises-per-pilot', options.enterprisesPerPilot]
	] as const)
		if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
	return options;
}

/** `src/routes/(app)/dashboard/+page.svelte` → `/(app)/dashboard`; a route id stays as it is. */
function routeIdOf(input: string): string {
	const m = /^(?:\.\/)?src\/routes(.*?)\/\+page\.svelte$/.exec(input);
	if (m) return m[1] || '/';
	return input.startsWith('/') ? input : `/${input}`;
}

const percentile = (xs: number[], p: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = (t0: number) => performance.now() - t0;
const fmtInt = (n: number) => n.toLocaleString('en-US');
const round3 = (x: number) => Math.round(x * 1000) / 1000;

type Timing = { name: string; median: number; p95: number; runs: number; note: string; goal: boolean };

function time(name: string, fn: () => unknown, opts: { runs?: number; warmups?: number; goal?: boolean } = {}) {
	const { runs = RUNS, warmups = WARMUPS, goal = false } = opts;
	let result: unknown;
	for (let w = 0; w < warmups; w++) result = fn();
	const times: number[] = [];
	for (let r = 0; r < runs; r++) {
		const t0 = performance.now();
		result = fn();
		times.push(ms(t0));
	}
	const t: Timing = {
		name,
		median: percentile(times, 0.5),
		p95: percentile(times, 0.95),
		runs,
		note: describe(result),
		goal
	};
	console.log(
		name.padEnd(48) +
			t.median.toFixed(1).padStart(9) +
			t.p95.toFixed(1).padStart(9) +
			String(runs).padStart(6) +
			'  ' +
			t.note
	);
	return t;
}

/** What a case returned: row count for SQL, payload size (JSON, as the page data is sent) for a view. */
function describe(result: unknown): string {
	if (Array.isArray(result) && result.length > 0 && Array.isArray(result[0])) return `${fmtInt(result.length)} rows`;
	if (result === undefined) return '';
	const bytes = Buffer.byteLength(JSON.stringify(result));
	const rows = Array.isArray(result) ? `${fmtInt(result.length)} items, ` : '';
	return `${rows}${(bytes / KB).toFixed(1)} KB JSON`;
}

// ── data set ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Annual per-enterprise range of an indicator (the demo's where it has one). */
const RANGES: Record<string, readonly [number, number]> = {
	...PER_ENTERPRISE,
	co2: [5000, 500_000],
	wastewater: [10_000, 1_000_000],
	tn: [1, 30],
	investment: [50, 5000],
	benefit: [20, 500],
	enterprises_covered: [1, 1],
	low_cost_options: [4, 20],
	high_cost_options: [1, 5],
	audit_cost: [8, 15],
	audit_days: [90, 180]
};

/**
 * Fills a freshly seeded database (`seedReference`) with `o.pilots` pilots × `o.enterprisesPerPilot` enterprises, 20
 * indicators and one value per enterprise × quarter × indicator (codes `P-00001`…, ids from 1), deterministic for a
 * given `rand`; returns the number of indicators. The roll-ups are left to `fillRollups`.
 */
export function fill(
	sqlite: ReturnType<typeof openDb>['sqlite'],
	o: Pick<Options, 'pilots' | 'enterprisesPerPilot'>,
	rand: () => number
) {
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
	const logUniform = ([min, max]: readonly [number, number]) =>
		Math.exp(Math.log(min) + rand() * (Math.log(max) - Math.log(min)));
	const indicators = INDICATORS.slice(0, 20);
	const batchIds = new Map(
		(sqlite.prepare('SELECT number, id FROM batches').all() as { number: number; id: number }[]).map((b) => [
			b.number,
			b.id
		])
	);
	const now = Date.now();
	const uploadAt = Date.UTC(2024, 3, 10);
	const E = o.enterprisesPerPilot;

	const insertPilot = sqlite.prepare(
		`INSERT INTO pilots (id, code, batch_id, name_zh, category, province_code, air_region, basin, status, term_start,
			term_end, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?, ?)`
	);
	const insertIndustry = sqlite.prepare('INSERT INTO pilot_industries (pilot_id, industry) VALUES (?, ?)');
	const insertEnterprise = sqlite.prepare(
		'INSERT INTO enterprises (id, pilot_id, code, name_zh, industry) VALUES (?, ?, ?, ?, ?)'
	);
	const insertTarget = sqlite.prepare(
		`INSERT INTO pilot_indicators (pilot_id, indicator_code, base_year, baseline, target_kind, target_value)
			VALUES (?, ?, ?, ?, 'percent', ?)`
	);
	const insertRevision = sqlite.prepare(
		`INSERT INTO revisions (id, pilot_id, period, number, upload_id, created_at, added, changed, removed, unchanged)
			VALUES (?, ?, ?, 1, 1, ?, ?, 0, 0, 0)`
	);
	// one enterprise × quarter per statement: all its indicators at once
	const insertValues = sqlite.prepare(
		'INSERT INTO observations (pilot_id, period, enterprise_id, indicator_code, value, revision_id) VALUES ' +
			indicators.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')
	);
	sqlite
		.prepare(
			`INSERT INTO uploads (id, user_id, uploader, at, file_name, sha256, size, encoding, delimiter, rows, channel)
				VALUES (1, NULL, 'bench', ?, 'bench.csv', 'bench', 0, 'utf-8', ',', ?, 'cli')`
		)
		.run(uploadAt, o.pilots * E * 4 * indicators.length);

	let revisionId = 0;
	const params: (string | number)[] = new Array(indicators.length * 6);
	const chunk = sqlite.transaction((first: number, last: number) => {
		for (let i = first; i <= last; i++) {
			const batch = 1 + (i % 2);
			const year = batch === 1 ? 2024 : 2025;
			const termStart = `${year}-0${1 + Math.floor(rand() * 3)}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
			const industries: string[] = [pick(INDUSTRIES)];
			const second = pick(INDUSTRIES);
			if (rand() < 0.5 && !industries.includes(second)) industries.push(second);
			insertPilot.run(
				i,
				`P-${String(i).padStart(5, '0')}`,
				batchIds.get(batch)!,
				`基准测试试点${i}`,
				1 + Math.floor(rand() * 4),
				pick(PROVINCES).code,
				rand() < 0.4 ? pick(AIR_REGIONS) : null,
				rand() < 0.4 ? pick(BASINS) : null,
				termStart,
				termEndFor(termStart, 12),
				now,
				now
			);
			for (const industry of industries) insertIndustry.run(i, industry);
			const firstEnterprise = (i - 1) * E + 1;
			const shares: number[] = [];
			for (let e = 0; e < E; e++) {
				insertEnterprise.run(firstEnterprise + e, i, `E${e + 1}`, `企业${e + 1}`, industries[0]);
				shares.push(0.5 + rand());
			}
			// per indicator: the typical annual amount per enterprise, and the pilot's yearly change
			const perFirm = indicators.map((ind) => logUniform(RANGES[ind.code] ?? [1, 100]));
			const trend = indicators.map((ind) => (ind.direction === 'higher' ? 1 : -1) * (0.02 + rand() * 0.13));
			indicators.forEach((ind, k) =>
				insertTarget.run(
					i,
					ind.code,
					year - 1,
					round3(perFirm[k] * E * (0.95 + rand() * 0.1)),
					3 + Math.floor(rand() * 13)
				)
			);
			termQuarters(termStart).forEach((quarter, q) => {
				const period = periodKey(quarter);
				insertRevision.run(++revisionId, i, period, now, E * indicators.length);
				for (let e = 0; e < E; e++) {
					indicators.forEach((ind, k) => {
						const quarterly = (perFirm[k] / 4) * shares[e];
						const value =
							ind.kind === 'cumulative'
								? quarterly * (q + 1)
								: quarterly * (1 + (trend[k] * (q + 1)) / 4) * (0.9 + rand() * 0.2);
						const at = k * 6;
						params[at] = i;
						params[at + 1] = period;
						params[at + 2] = firstEnterprise + e;
						params[at + 3] = ind.code;
						params[at + 4] = round3(value);
						params[at + 5] = revisionId;
					});
					insertValues.run(params);
				}
			});
		}
	});
	for (let first = 1; first <= o.pilots; first += CHUNK_PILOTS)
		chunk(first, Math.min(o.pilots, first + CHUNK_PILOTS - 1));
	return indicators.length;
}

/** Writes the roll-ups the intake keeps (one per pilot × quarter × indicator) for everything `fill` wrote. */
export function fillRollups(sqlite: ReturnType<typeof openDb>['sqlite']): void {
	sqlite.transaction(() =>
		sqlite
			.prepare(
				`INSERT INTO rollups (pilot_id, period, indicator_code, value, enterprise_sum, enterprises, revision_id)
					SELECT pilot_id, period, indicator_code, SUM(value), SUM(value), COUNT(*), MAX(revision_id)
					FROM observations WHERE superseded_by IS NULL GROUP BY 1, 2, 3`
			)
			.run()
	)();
}

// ── the route's JS ──────────────────────────────────────────────────────────────────────────────────────────────

type ManifestChunk = {
	file: string;
	name?: string;
	src?: string;
	isEntry?: boolean;
	imports?: string[];
	dynamicImports?: string[];
};

/** The gzipped size of every JS chunk the route loads (node entries of its layouts and page, the client entries). */
function routeJs(routeId: string): { lines: string[]; totalKb: number | null; lazyKb?: number } {
	const out = '.svelte-kit/output';
	const manifestPath = `${out}/client/.vite/manifest.json`;
	const serverManifestPath = `${out}/server/manifest-full.js`;
	if (!existsSync(manifestPath) || !existsSync(serverManifestPath))
		return {
			lines: [`no client build manifest (${manifestPath}): run \`npm run build\` first; skipped`],
			totalKb: null
		};
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
	const serverManifest = readFileSync(serverManifestPath, 'utf8');
	// the route table of the same build: which nodes (layouts, then the page) a route renders
	const escaped = routeId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const route = new RegExp(
		`id: "${escaped}",(?:(?!id: ")[\\s\\S])*?page: \\{ layouts: \\[([\\d,]*)\\], errors: \\[[\\d,]*\\], leaf: (\\d+) \\}`
	).exec(serverManifest);
	if (!route) {
		const inSrc = existsSync(`src/routes${routeId === '/' ? '' : routeId}/+page.svelte`);
		return {
			lines: [
				`route ${routeId} not found in the build` +
					(inSrc
						? ' (it exists in src/: the build is older; rerun `npm run build`)'
						: ' (no such page in src/ either)') +
					'; skipped'
			],
			totalKb: null
		};
	}
	const layouts = route[1]
		.split(',')
		.filter((s) => s !== '')
		.map(Number);
	const nodes = [...layouts, Number(route[2])];
	const nodeLabel = (n: number) => {
		const path = `${out}/server/nodes/${n}.js`;
		const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
		const component = /entries\/(pages|fallbacks)\/([^']*?)\.svelte\.js'/.exec(text);
		if (!component) return `node ${n}`;
		return component[1] === 'fallbacks'
			? `node ${n} (implicit ${component[2]}, for a +layout.server.ts)`
			: `node ${n} (src/routes/${component[2].replace(/_([^/]+)_/g, '[$1]').replace(/_(page|layout)$/, '+$1')}.svelte)`;
	};
	const startKey = Object.keys(manifest).find(
		(k) => manifest[k].name === 'entry/start' || k.endsWith('@sveltejs/kit/src/runtime/client/entry.js')
	);
	const appKey = Object.keys(manifest).find(
		(k) => k === '.svelte-kit/generated/client-optimized/app.js' || manifest[k].name === 'entry/app'
	);
	const roots = [
		...(startKey ? [startKey] : []),
		...(appKey ? [appKey] : []),
		...nodes.map((n) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`)
	];
	const missing = roots.filter((k) => !manifest[k]);
	if (missing.length > 0 || !startKey || !appKey)
		return {
			lines: [
				`manifest lacks ${[...missing, ...(startKey ? [] : ['start']), ...(appKey ? [] : ['app'])].join(', ')}; skipped`
			],
			totalKb: null
		};
	const seen = new Set<string>();
	const visit = (key: string) => {
		if (seen.has(key)) return;
		seen.add(key);
		for (const k of manifest[key].imports ?? []) visit(k);
	};
	roots.forEach(visit);
	const files = [...new Set([...seen].map((k) => manifest[k].file))].filter((f) => f.endsWith('.js'));
	const nameOf = new Map([...seen].map((k) => [manifest[k].file, manifest[k].name ?? '']));
	const sized = files
		.map((file) => {
			const bytes = readFileSync(join(out, 'client', file));
			return { file, raw: bytes.length, gz: gzipSync(bytes, { level: GZIP_LEVEL }).length };
		})
		.sort((a, b) => b.gz - a.gz);
	const gz = sized.reduce((s, x) => s + x.gz, 0);
	const raw = sized.reduce((s, x) => s + x.raw, 0);
	// cross-check with SvelteKit's own preload list for the same nodes
	const preload = new Set<string>();
	const client = /client: \{[^}]*?imports:\[([^\]]*)\]/.exec(serverManifest);
	for (const f of client?.[1].match(/"[^"]+"/g) ?? []) preload.add(f.slice(1, -1).replace(/^_app\/immutable\//, ''));
	for (const n of nodes) {
		const text = readFileSync(`${out}/server/nodes/${n}.js`, 'utf8');
		const imports = /export const imports = \[([^\]]*)\]/.exec(text);
		for (const f of imports?.[1].match(/"[^"]+"/g) ?? []) preload.add(f.slice(1, -1).replace(/^_app\/immutable\//, ''));
	}
	// what the route's code imports on demand (the chart library, when the first chart mounts), beyond the above
	const lazy = new Set<string>();
	const visitLazy = (key: string) => {
		if (seen.has(key) || lazy.has(key)) return;
		lazy.add(key);
		for (const k of manifest[key].imports ?? []) visitLazy(k);
	};
	// (not the router's: app.js imports every route's node on demand)
	for (const key of seen)
		if (key !== appKey && key !== startKey) for (const k of manifest[key].dynamicImports ?? []) visitLazy(k);
	const lazyFiles = [...new Set([...lazy].map((k) => manifest[k].file))].filter((f) => f.endsWith('.js'));
	const lazyGz = lazyFiles.reduce(
		(n, f) => n + gzipSync(readFileSync(join(out, 'client', f)), { level: GZIP_LEVEL }).length,
		0
	);
	const ours = new Set(files.map((f) => f.replace(/^_app\/immutable\//, '')));
	const same = preload.size === ours.size && [...ours].every((f) => preload.has(f));
	const builtAt = statSync(manifestPath).mtimeMs;
	const newer = readdirSync('src', { recursive: true, withFileTypes: true }).filter(
		(d) => d.isFile() && statSync(join(d.parentPath, d.name)).mtimeMs > builtAt
	).length;
	const lines = [
		`build of ${new Date(builtAt).toISOString().slice(0, 16).replace('T', ' ')} UTC` +
			(newer > 0 ? ` — ${newer} files under src/ are newer: rerun \`npm run build\` for current figures` : ''),
		`route ${routeId}: ${nodes.map(nodeLabel).join(', ')}, plus the client entries`,
		`  (${startKey}, ${appKey}); static imports followed, each file once, dynamic imports not counted`,
		`${files.length} JS files: ${(raw / KB).toFixed(1)} KB raw, ${(gz / KB).toFixed(1)} KB gzipped (node:zlib gzipSync, level ${GZIP_LEVEL})` +
			(same ? ' — same file set as SvelteKit’s preload list' : ` — SvelteKit’s preload list has ${preload.size} files`),
		'largest:',
		...sized
			.slice(0, 5)
			.map(
				(x) =>
					`  ${x.file.padEnd(48)}${(x.gz / KB).toFixed(1).padStart(8)} KB gz${(x.raw / KB).toFixed(1).padStart(9)} KB raw  ${nameOf.get(x.file)}`
			),
		`on demand (the chart library when the first chart mounts; the English table on English pages): ${lazyFiles.length} JS files, ${(lazyGz / KB).toFixed(1)} KB gzipped`
	];
	return { lines, totalKb: gz / KB, lazyKb: lazyGz / KB };
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function main(argv = process.argv.slice(2)): Promise<void> {
	const started = performance.now();
	const o = parseArgs(argv);
	const dir = mkdtempSync(join(tmpdir(), 'tracker-bench-dashboard-'));
	try {
		const { db, sqlite } = openDb(`file:${join(dir, 'bench.db')}`);
		seedReference(db);
		const rand = mulberry32(20261129);

		let t0 = performance.now();
		const indicatorCount = fill(sqlite, o, rand);
		const fillMs = ms(t0);
		t0 = performance.now();
		fillRollups(sqlite);
		const rollupMs = ms(t0);
		sqlite.pragma('wal_checkpoint(TRUNCATE)');
		const n = (table: string) => (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
		const periods = sqlite.prepare('SELECT DISTINCT period FROM revisions ORDER BY 1').pluck().all() as string[];
		console.log(
			`filled ${fmtInt(n('pilots'))} pilots, ${fmtInt(n('enterprises'))} enterprises, ${indicatorCount} indicators, ` +
				`${periods.length} quarters (${periods[0]}–${periods[periods.length - 1]}) in ${(fillMs / 1000).toFixed(1)} s; ` +
				`roll-ups in ${(rollupMs / 1000).toFixed(1)} s`
		);
		console.log(
			`rows: observations ${fmtInt(n('observations'))}, rollups ${fmtInt(n('rollups'))}, revisions ${fmtInt(n('revisions'))}, ` +
				`uploads ${n('uploads')}, pilot_indicators ${fmtInt(n('pilot_indicators'))}, pilot_industries ${fmtInt(n('pilot_industries'))}`
		);
		const violations = sqlite.pragma('foreign_key_check') as unknown[];
		console.log(
			`PRAGMA foreign_keys = ${sqlite.pragma('foreign_keys', { simple: true })}, foreign_key_check: ${violations.length} violations; ` +
				`file ${(((sqlite.pragma('page_count', { simple: true }) as number) * (sqlite.pragma('page_size', { simple: true }) as number)) / KB / KB).toFixed(0)} MB`
		);
		if (violations.length > 0) throw new Error(`foreign key violations: ${JSON.stringify(violations.slice(0, 5))}`);

		// statuses and scores of every pilot, as the first dashboard load of the day does
		t0 = performance.now();
		const today = chinaToday();
		let prepared: string;
		if (today >= ALL_DUE) {
			dashboard.prepare(db);
			prepared = `dashboard.prepare(db) (today ${today})`;
		} else {
			refreshStale(db, ALL_DUE);
			prepared = `refreshStale(db, '${ALL_DUE}') (today ${today} is too early for every quarter to be due)`;
		}
		const prepareMs = ms(t0);
		const statuses = sqlite
			.prepare('SELECT progress_status AS s, COUNT(*) AS n FROM pilots GROUP BY 1 ORDER BY 2 DESC')
			.all() as { s: string | null; n: number }[];
		console.log(
			`\n${prepared}: ${(prepareMs / 1000).toFixed(2)} s for ${fmtInt(n('pilots'))} pilots; ` +
				`${fmtInt(n('pilot_scores'))} scores; statuses ${statuses.map((s) => `${s.s ?? 'NULL'} ${s.n}`).join(', ')}`
		);

		const all: Scope = { kind: 'all' };
		const jiangsu: Scope = { kind: 'province', provinceCode: '320000' };
		const view = { by: 'industry', metric: 'pilots', mapMetric: 'pilots' } as const;
		const basinIndustry: DashboardFilter = { basin: 'yangtze', industry: 'dyeing' };
		const provinceRange: DashboardFilter = { province: '320000', from: '2024Q2', to: '2025Q1', group: 'carbon' };

		console.log(`\n${RUNS} runs each after ${WARMUPS} warm-ups (raw: ${RAW_RUNS} runs, none), ms`);
		console.log('case'.padEnd(48) + 'median'.padStart(9) + 'p95'.padStart(9) + 'runs'.padStart(6) + '  result');
		const goal = { goal: true };
		// what the dashboard layout loads on every dashboard page, beside the page's own view
		const layoutData = (scope: Scope) => dashboard.layoutData(db, scope);
		const candidates = shortlistView(new URLSearchParams());
		// what an import of one pilot's quarter writes: a revision, its roll-ups, the audit entry, the pilot marked stale;
		// the read model then reads that pilot again, not the whole programme (issue 16: the next view ≤ 50 ms)
		const importOne = () =>
			db.transaction(() => {
				const { id, pilotId, period } = sqlite
					.prepare(
						'SELECT MAX(id) + 1 AS id, (SELECT pilot_id FROM revisions ORDER BY random() LIMIT 1) AS pilotId, MAX(period) AS period FROM revisions'
					)
					.get() as { id: number; pilotId: number; period: string };
				sqlite
					.prepare(
						`INSERT INTO revisions (id, pilot_id, period, number, upload_id, created_at, added, changed, removed, unchanged)
						 VALUES (?, ?, ?, ?, 1, ?, 0, 1, 0, 0)`
					)
					.run(id, pilotId, period, id, Date.now());
				sqlite
					.prepare('UPDATE rollups SET value = value * 0.99 WHERE pilot_id = ? AND period = ?')
					.run(pilotId, period);
				sqlite
					.prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES (?, 'bench', 'import.commit', 'upload')")
					.run(Date.now());
				sqlite.prepare('UPDATE pilots SET status_computed_on = NULL WHERE id = ?').run(pilotId);
			});
		// what the dashboard routes compute for /dashboard, here in one go (the server runs it as steps of their own
		// event-loop turns, the same work): the caches brought up to date, the layout's data, the page's view
		const routeLoad = () => {
			dashboard.prepare(db);
			return {
				...cachedView(db, { name: 'layout', scope: all, filter: {} }, () => dashboard.layoutData(db, all)),
				...cachedView(db, { name: 'overview', scope: all, filter: {}, params: view }, () =>
					dashboard.overview(db, all, {}, view)
				)
			};
		};
		const timings: Timing[] = [
			time('prepare, nothing stale', () => dashboard.prepare(db)),
			time('layout data (batches, periods, facets)', () => layoutData(all)),
			time('overview, no filter', () => dashboard.overview(db, all, {}, view), goal),
			// the first view after data changed (an import, a registry edit) reloads the read model of the roll-ups;
			// a new audit entry stands in for the change
			time('overview, no filter, first after a registry change', () => {
				sqlite
					.prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES (?, 'bench', 'pilot.update', 'pilot')")
					.run(Date.now());
				return dashboard.overview(db, all, {}, view);
			}),
			// a one-pilot import, then what the next /dashboard request does: bring statuses and scores up to date (the
			// scores ranked again from kept inputs, that pilot's derived again), then the view
			time(
				'first /dashboard after a one-pilot import (prepare + overview)',
				() => {
					importOne();
					dashboard.prepare(db);
					return dashboard.overview(db, all, {}, view);
				},
				goal
			),
			// the same change, then everything the dashboard routes load: the layout's and the page's data, kept until
			// the database changes (view-cache.ts), so this computes them all again
			time(
				'first /dashboard after a one-pilot import, as the routes load it',
				() => {
					importOne();
					return routeLoad();
				},
				goal
			),
			// and the requests after it, while nothing changes
			time('next /dashboard, nothing changed (views kept)', routeLoad, goal),
			time(
				'range only (2024Q3–2025Q2), no pilot filter',
				() => dashboard.overview(db, all, { from: '2024Q3', to: '2025Q2' }, view),
				goal
			),
			time('overview, basin + industry', () => dashboard.overview(db, all, basinIndustry, view), goal),
			time('overview, province + quarters + group', () => dashboard.overview(db, all, provinceRange, view), goal),
			time('overview, province scope', () => dashboard.overview(db, jiangsu, {}, view), goal),
			time('air, no filter', () => dashboard.air(db, all, {}), goal),
			time('water, no filter', () => dashboard.water(db, all, {}), goal),
			time('energy, no filter', () => dashboard.energy(db, all, {}), goal),
			time('effects, no filter', () => dashboard.effects(db, all, {}), goal),
			time('cases (shortlist, candidates), no filter', () => dashboard.shortlist(db, all, {}, candidates), goal),
			time(
				'whole /dashboard load, no filter',
				() => {
					dashboard.prepare(db);
					return { ...layoutData(all), ...dashboard.overview(db, all, {}, view) };
				},
				goal
			)
		];
		const sqlCase = (name: string, sql: string, runs = RUNS, warmups = WARMUPS) => {
			const stmt = sqlite.prepare(sql).raw();
			return time(name, () => stmt.all(), { runs, warmups });
		};
		timings.push(
			sqlCase(
				'SQL: rollups by pilot × indicator',
				'SELECT pilot_id, indicator_code, COUNT(*), SUM(value) FROM rollups GROUP BY 1, 2'
			),
			sqlCase(
				'SQL: rollups by quarter × indicator',
				'SELECT period, indicator_code, COUNT(*), SUM(value) FROM rollups GROUP BY period, indicator_code'
			),
			sqlCase(
				'SQL: observations by pilot × indicator (raw)',
				'SELECT pilot_id, indicator_code, SUM(value) FROM observations WHERE superseded_by IS NULL GROUP BY 1, 2',
				RAW_RUNS,
				0
			)
		);

		console.log('\nJS of the dashboard route (client build):');
		let js: ReturnType<typeof routeJs>;
		try {
			js = routeJs(o.route);
		} catch (err) {
			js = { lines: [`could not read the build output (${String(err)}); a build running? skipped`], totalKb: null };
		}
		for (const line of js.lines) console.log(`  ${line}`);

		sqlite.close();
		const totalS = ms(started) / 1000;
		console.log(`\nsummary (${fmtInt(o.pilots)} pilots × ${o.enterprisesPerPilot} enterprises):`);
		console.log('figure'.padEnd(48) + 'value'.padStart(12) + 'goal'.padStart(12) + '  verdict');
		const row = (name: string, value: string, goalText: string, verdict: string) =>
			console.log(name.padEnd(48) + value.padStart(12) + goalText.padStart(12) + '  ' + verdict);
		row('prepare (statuses + scores, all pilots)', `${prepareMs.toFixed(0)} ms`, '—', '');
		for (const t of timings)
			row(
				`${t.name} p50`,
				`${t.median.toFixed(1)} ms`,
				t.goal ? `≤ ${GOAL_P50_MS} ms` : '—',
				t.goal ? (t.median <= GOAL_P50_MS ? 'PASS' : 'MISS') : ''
			);
		row(
			`route JS ${o.route}`,
			js.totalKb === null ? 'n/a' : `${js.totalKb.toFixed(1)} KB gz`,
			`≤ ${GOAL_JS_KB} KB`,
			js.totalKb === null ? 'not measured' : js.totalKb <= GOAL_JS_KB ? 'PASS' : 'MISS'
		);
		if (js.totalKb !== null && js.lazyKb !== undefined)
			row(`  … with its on-demand chunks (charts)`, `${(js.totalKb + js.lazyKb).toFixed(1)} KB gz`, '—', '');
		console.log(`\ntotal run time ${totalS.toFixed(1)} s`);
	} finally {
		// BENCH_KEEP=1 keeps the database for a closer look (EXPLAIN, sqlite3)
		if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
		else rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
