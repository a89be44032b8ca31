/**
 * Benchmarks (`npm run bench`): the pilot list — facet counts, filters, sorting and paging — on a
 * registry of 10,000 pilots and 200,000 enterprises in a throwaway SQLite file (WAL, as in production).
 * Prints the median and the 95th percentile of repeated runs for each case.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../src/lib/server/db';
import { batches, enterprises, pilotIndustries, pilots } from '../src/lib/server/db/schema';
import { seedReference } from '../src/lib/server/seed';
import * as pilotQueries from '../src/lib/server/registry/pilots';
import { AIR_REGIONS, BASINS, INDUSTRIES } from '../src/lib/domain/taxonomy';
import { PROVINCES } from '../src/lib/domain/provinces';
import { mulberry32 } from '../src/lib/server/seed/demo';

const PILOTS = Number(process.env.BENCH_PILOTS ?? 10_000);
const ENTERPRISES_PER_PILOT = 20;
const RUNS = 30;

const dir = mkdtempSync(join(tmpdir(), 'tracker-bench-'));
const { db, sqlite } = openDb(`file:${join(dir, 'bench.db')}`);
seedReference(db);
const rand = mulberry32(20261129);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const fillStarted = performance.now();
db.transaction((tx) => {
	const batchId = tx.select({ id: batches.id }).from(batches).all()[0].id;
	const now = Date.now();
	for (let i = 1; i <= PILOTS; i++) {
		const id = tx
			.insert(pilots)
			.values({
				code: `P-${String(i).padStart(5, '0')}`,
				batchId,
				nameZh: `基准测试试点${i}`,
				category: 1 + (i % 4),
				provinceCode: pick(PROVINCES).code,
				airRegion: rand() < 0.4 ? pick(AIR_REGIONS) : null,
				basin: rand() < 0.4 ? pick(BASINS) : null,
				status: 'in_progress',
				termStart: `2025-${String(1 + (i % 12)).padStart(2, '0')}-01`,
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: pilots.id })
			.get().id;
		for (const industry of new Set([pick(INDUSTRIES), pick(INDUSTRIES)]))
			tx.insert(pilotIndustries).values({ pilotId: id, industry }).run();
		for (let e = 1; e <= ENTERPRISES_PER_PILOT; e++)
			tx.insert(enterprises)
				.values({ pilotId: id, code: `E${e}`, nameZh: `企业${e}` })
				.run();
	}
});
console.log(
	`filled ${PILOTS} pilots, ${PILOTS * ENTERPRISES_PER_PILOT} enterprises in ${Math.round(performance.now() - fillStarted)} ms`
);

const cases: [string, pilotQueries.PilotFilter][] = [
	['first page, no filter', {}],
	['page 100', { page: 100 }],
	['basin + industry', { basin: 'yangtze', industry: 'dyeing' }],
	['province + category + status', { province: '320000', category: '2', status: 'in_progress' }],
	['text search', { q: '试点99' }],
	['sort by enterprises, desc', { sort: 'enterprises', dir: 'desc' }],
	['sort by name, page 50', { sort: 'name', page: 50 }]
];

const percentile = (xs: number[], p: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
console.log(`\npilots.list (rows + total + counts for every facet), ${RUNS} runs each, ms`);
console.log('case'.padEnd(34) + 'median'.padStart(8) + 'p95'.padStart(8) + 'rows'.padStart(7));
for (const [name, filter] of cases) {
	const times: number[] = [];
	let rows = 0;
	for (let r = 0; r < RUNS; r++) {
		const t0 = performance.now();
		rows = pilotQueries.list(db, { kind: 'all' }, filter).total;
		times.push(performance.now() - t0);
	}
	console.log(
		name.padEnd(34) +
			percentile(times, 0.5).toFixed(1).padStart(8) +
			percentile(times, 0.95).toFixed(1).padStart(8) +
			String(rows).padStart(7)
	);
}
sqlite.close();
rmSync(dir, { recursive: true, force: true });
