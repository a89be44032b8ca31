/**
 * The dashboard's queries. They read the roll-ups (one row per pilot × quarter × indicator, kept by every import) and
 * the cached statuses and scores, never the raw observations, and hand plain rows to the pure arithmetic of
 * src/lib/domain/analytics.ts. The pilots are chosen in SQL under the caller's scope and filter, always afresh.
 *
 * The roll-ups, baselines, industries and enterprise counts are held in memory as a read model, keyed by the data's
 * version: the last revision (every import makes one, in the transaction that writes its roll-ups), the last audit
 * entry (every registry change is audited) and the number of pilots. A request whose key differs reloads the model, so
 * a figure is never older than the request; requests in between aggregate in memory (about 80,000 roll-ups at
 * national scale) instead of re-reading them from SQLite.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { batches, pilots, pilotScores } from '../db/schema';
import type { Scope } from '../auth/access';
import { conditions } from '../registry/pilots';
import type { DashboardFilter } from '../../analytics/dashboard-filter';
import type { Fact, Facts, PeriodRow, PilotRow } from '../../domain/analytics';

type Quarter = { period: string; value: number };
type PilotData = {
	industries: string[];
	enterprises: number;
	/** Per indicator, its quarters in period order. */
	quarters: Map<string, Quarter[]>;
	baselines: Map<string, number>;
	/** Per indicator, the fact over the whole term (what every view without a quarter range reads). */
	termFacts: Map<string, Fact>;
	/** The quarters a province has approved. */
	approved: Set<string>;
};
type Model = { key: string; byPilot: Map<number, PilotData> };

const models = new WeakMap<object, Model>();

function versionOf(db: Db): string {
	const row = db.get<{ r: number | null; a: number | null; p: number }>(
		sql`SELECT (SELECT MAX(id) FROM revisions) AS r, (SELECT MAX(id) FROM audit_log) AS a, (SELECT COUNT(*) FROM pilots) AS p`
	);
	return `${row.r}:${row.a}:${row.p}`;
}

function load(db: Db, key: string): Model {
	const byPilot = new Map<number, PilotData>();
	const of = (id: number) => {
		let data = byPilot.get(id);
		if (!data)
			byPilot.set(
				id,
				(data = {
					industries: [],
					enterprises: 0,
					quarters: new Map(),
					baselines: new Map(),
					termFacts: new Map(),
					approved: new Set()
				})
			);
		return data;
	};
	for (const [id, period, code, value] of db.values<[number, string, string, number]>(
		sql`SELECT pilot_id, period, indicator_code, value FROM rollups ORDER BY pilot_id, indicator_code, period`
	)) {
		const quarters = of(id).quarters;
		const list = quarters.get(code);
		if (list) list.push({ period, value });
		else quarters.set(code, [{ period, value }]);
	}
	for (const [id, code, baseline] of db.values<[number, string, number]>(
		sql`SELECT pilot_id, indicator_code, baseline FROM pilot_indicators WHERE baseline IS NOT NULL`
	))
		of(id).baselines.set(code, baseline);
	for (const [id, industry] of db.values<[number, string]>(sql`SELECT pilot_id, industry FROM pilot_industries`))
		of(id).industries.push(industry);
	for (const [id, n] of db.values<[number, number]>(sql`SELECT pilot_id, COUNT(*) FROM enterprises GROUP BY pilot_id`))
		of(id).enterprises = n;
	for (const [id, period] of db.values<[number, string]>(
		sql`SELECT pilot_id, period FROM quarter_reviews WHERE state = 'approved'`
	))
		of(id).approved.add(period);
	for (const [id, data] of byPilot) data.termFacts = factsOf(id, data, () => true);
	return { key, byPilot };
}

/** The read model for the database's current data, reloaded when the data changed since it was last read. */
export function model(db: Db): Model {
	const key = versionOf(db);
	let current = models.get(db.$client);
	if (!current || current.key !== key) models.set(db.$client, (current = load(db, key)));
	return current;
}

const EMPTY = { industries: [], enterprises: 0 };

/** The pilots matching the filter within the scope, with what the dashboard groups and colours them by. */
export function pilotRows(db: Db, scope: Scope, filter: DashboardFilter): PilotRow[] {
	const { byPilot } = model(db);
	return db
		.select({
			id: pilots.id,
			code: pilots.code,
			nameZh: pilots.nameZh,
			nameEn: pilots.nameEn,
			batch: batches.number,
			category: pilots.category,
			provinceCode: pilots.provinceCode,
			airRegion: pilots.airRegion,
			basin: pilots.basin,
			progressStatus: pilots.progressStatus,
			attainment: pilots.attainment,
			reportsDue: pilots.reportsDue,
			reportsOnTime: pilots.reportsOnTime,
			reportsLate: pilots.reportsLate,
			score: pilotScores.score,
			isCandidate: pilotScores.isCandidate
		})
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.leftJoin(pilotScores, eq(pilotScores.pilotId, pilots.id))
		.where(conditions(scope, filter))
		.orderBy(pilots.code)
		.all()
		.map((r) => {
			const data = byPilot.get(r.id) ?? EMPTY;
			return { ...r, industries: data.industries, enterprises: data.enterprises, isCandidate: r.isCandidate === true };
		});
}

/** Whether a quarter of the pilot counts under the filter: within the range, and approved when only those count. */
const inRange = (filter: DashboardFilter, data: PilotData) => (period: string) =>
	(!filter.from || period >= filter.from) &&
	(!filter.to || period <= filter.to) &&
	(!filter.approved || data.approved.has(period));

/** One pilot's facts over the quarters `isIn` keeps (quarters are in period order, so the last is the latest). */
function factsOf(pilotId: number, data: PilotData, isIn: (period: string) => boolean): Map<string, Fact> {
	const out = new Map<string, Fact>();
	for (const [code, quarters] of data.quarters) {
		let n = 0;
		let sum = 0;
		let latest = 0;
		for (const q of quarters) if (isIn(q.period)) [n, sum, latest] = [n + 1, sum + q.value, q.value];
		if (n > 0)
			out.set(code, {
				pilotId,
				indicatorCode: code,
				quarters: n,
				sum,
				latestValue: latest,
				baseline: data.baselines.get(code) ?? null
			});
	}
	return out;
}

/**
 * Per pilot, per indicator over the filter's quarters: quarters reported, their sum, the latest quarter's value and
 * the baseline — for the given pilots (as chosen by pilotRows). Without a quarter range, the model's term facts.
 */
export function facts(db: Db, chosen: readonly PilotRow[], filter: DashboardFilter): Facts {
	const { byPilot } = model(db);
	const isWholeTerm = !filter.from && !filter.to && !filter.approved;
	const out: Facts = new Map();
	for (const pilot of chosen) {
		const data = byPilot.get(pilot.id);
		if (data) out.set(pilot.id, isWholeTerm ? data.termFacts : factsOf(pilot.id, data, inRange(filter, data)));
	}
	return out;
}

/** Per quarter × indicator over the given pilots: Σ value, and Σ (baseline/4 − value) over pilots with a baseline. */
export function periodRows(
	db: Db,
	chosen: readonly PilotRow[],
	filter: DashboardFilter,
	codes: readonly string[]
): PeriodRow[] {
	const { byPilot } = model(db);
	const wanted = new Set(codes);
	const rows = new Map<string, PeriodRow>();
	for (const pilot of chosen) {
		const data = byPilot.get(pilot.id);
		if (!data) continue;
		const isIn = inRange(filter, data);
		for (const code of wanted) {
			const baseline = data.baselines.get(code);
			for (const q of data.quarters.get(code) ?? []) {
				if (!isIn(q.period)) continue;
				const key = `${q.period}|${code}`;
				let row = rows.get(key);
				if (!row) rows.set(key, (row = { period: q.period, indicatorCode: code, sum: 0, baselineDelta: null }));
				row.sum += q.value;
				if (baseline !== undefined) row.baselineDelta = (row.baselineDelta ?? 0) + baseline / 4 - q.value;
			}
		}
	}
	return [...rows.values()].sort(
		(a, b) => a.period.localeCompare(b.period) || a.indicatorCode.localeCompare(b.indicatorCode)
	);
}

/** The quarters that have any roll-up among the given pilots, for the period-range choices. */
export function periodsReported(db: Db, chosen: readonly { id: number }[]): string[] {
	const { byPilot } = model(db);
	const periods = new Set<string>();
	for (const pilot of chosen)
		for (const quarters of byPilot.get(pilot.id)?.quarters.values() ?? [])
			for (const q of quarters) periods.add(q.period);
	return [...periods].sort();
}

/** The ids of the pilots within a scope. */
export function scopeIds(db: Db, scope: Scope): { id: number }[] {
	return db
		.select({ id: pilots.id })
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.where(conditions(scope, {}))
		.all();
}
