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
	/** The quarters with any roll-up, each once. */
	periods: string[];
};
/** The read model and the data version it holds: the last revision, the last audit entry, the number of pilots. */
type Model = { key: string; revision: number; audit: number; pilots: number; byPilot: Map<number, PilotData> };
type Version = { revision: number; audit: number; pilots: number; key: string };

const models = new WeakMap<object, Model>();

function versionOf(db: Db): Version {
	const row = db.get<{ r: number | null; a: number | null; p: number }>(
		sql`SELECT (SELECT MAX(id) FROM revisions) AS r, (SELECT MAX(id) FROM audit_log) AS a, (SELECT COUNT(*) FROM pilots) AS p`
	);
	const [revision, audit, pilots] = [row.r ?? 0, row.a ?? 0, row.p];
	return { revision, audit, pilots, key: `${revision}:${audit}:${pilots}` };
}

const emptyData = (): PilotData => ({
	industries: [],
	enterprises: 0,
	quarters: new Map(),
	baselines: new Map(),
	termFacts: new Map(),
	approved: new Set(),
	periods: []
});

/** Reads the model's data of the given pilots (all of them: null) from the tables. */
function read(db: Db, ids: readonly number[] | null): Map<number, PilotData> {
	const byPilot = new Map<number, PilotData>();
	for (const id of ids ?? []) byPilot.set(id, emptyData());
	const of = (id: number) => {
		let data = byPilot.get(id);
		if (!data) byPilot.set(id, (data = emptyData()));
		return data;
	};
	const only =
		ids === null
			? sql`1 = 1`
			: sql`pilot_id IN (${sql.join(
					ids.map((id) => sql`${id}`),
					sql`, `
				)})`;
	for (const [id, period, code, value] of db.values<[number, string, string, number]>(
		sql`SELECT pilot_id, period, indicator_code, value FROM rollups WHERE ${only} ORDER BY pilot_id, indicator_code, period`
	)) {
		const quarters = of(id).quarters;
		const list = quarters.get(code);
		if (list) list.push({ period, value });
		else quarters.set(code, [{ period, value }]);
	}
	for (const [id, code, baseline] of db.values<[number, string, number]>(
		sql`SELECT pilot_id, indicator_code, baseline FROM pilot_indicators WHERE baseline IS NOT NULL AND ${only}`
	))
		of(id).baselines.set(code, baseline);
	for (const [id, industry] of db.values<[number, string]>(
		sql`SELECT pilot_id, industry FROM pilot_industries WHERE ${only}`
	))
		of(id).industries.push(industry);
	for (const [id, n] of db.values<[number, number]>(
		sql`SELECT pilot_id, COUNT(*) FROM enterprises WHERE ${only} GROUP BY pilot_id`
	))
		of(id).enterprises = n;
	for (const [id, period] of db.values<[number, string]>(
		sql`SELECT pilot_id, period FROM quarter_reviews WHERE state = 'approved' AND ${only}`
	))
		of(id).approved.add(period);
	for (const [id, data] of byPilot) {
		data.termFacts = factsOf(id, data, () => true);
		data.periods = [...new Set([...data.quarters.values()].flatMap((quarters) => quarters.map((q) => q.period)))];
	}
	return byPilot;
}

/** Audit actions that change nothing the model holds (imports are followed through their revisions instead). */
const OUTSIDE_THE_MODEL =
	/^(import|summary|evaluation|passlist|deliverable|case|user|token|session|narrative|period|recommendation\.(create|save|attach|submit|withdraw|decline))\b/;

/**
 * The pilots whose model data changed since `since` — those with a new revision or a review step — or null when a
 * change reaches beyond single pilots (a registry edit, a new pilot, anything not known to be harmless), which calls
 * for reading the model whole.
 */
function changedSince(db: Db, since: Model, now: Version): number[] | null {
	if (now.pilots !== since.pilots || now.revision < since.revision || now.audit < since.audit) return null;
	const ids = new Set(
		db.values<[number]>(sql`SELECT DISTINCT pilot_id FROM revisions WHERE id > ${since.revision}`).map(([id]) => id)
	);
	for (const [action, entityId] of db.values<[string, string | null]>(
		sql`SELECT action, entity_id FROM audit_log WHERE id > ${since.audit}`
	)) {
		if (action.startsWith('review.')) {
			const id = Number((entityId ?? '').split('/')[0]);
			if (!Number.isInteger(id) || id <= 0) return null;
			ids.add(id);
		} else if (!OUTSIDE_THE_MODEL.test(action)) return null;
	}
	return [...ids];
}

/**
 * The read model for the database's current data. When the data changed since it was last read, only the pilots an
 * import or a review step touched are read again (the rest is kept); any other change reads the model whole.
 */
export function model(db: Db): Model {
	const now = versionOf(db);
	const current = models.get(db.$client);
	if (current && current.key === now.key) return current;
	const changed = current ? changedSince(db, current, now) : null;
	let byPilot: Map<number, PilotData>;
	if (current && changed !== null) {
		byPilot = new Map(current.byPilot);
		for (const [id, data] of read(db, changed)) byPilot.set(id, data);
	} else byPilot = read(db, null);
	const next: Model = { ...now, byPilot };
	models.set(db.$client, next);
	return next;
}

/** Pilots the read model reads in one step of refreshModel (about 10 ms at 40 enterprises and 8 quarters each). */
export const MODEL_SLICE = 100;

/**
 * Brings the read model up to date as model() does, but when more than `slice` pilots are to be read (a large
 * import, a registry change), reads them `slice` at a time, each slice a step run by `step` (one event-loop turn
 * each: see view-cache.ts inTurn). What it publishes is at least as new as the version it names; a model published
 * meanwhile by model() is newer and is kept instead.
 */
export async function refreshModel(db: Db, step: <T>(fn: () => T) => Promise<T>, slice = MODEL_SLICE): Promise<void> {
	const now = versionOf(db);
	const current = models.get(db.$client);
	if (current && current.key === now.key) return;
	const changed = current ? changedSince(db, current, now) : null;
	const ids = changed ?? db.values<[number]>(sql`SELECT id FROM pilots ORDER BY id`).map(([id]) => id);
	if (ids.length <= slice) {
		model(db);
		return;
	}
	const byPilot = current && changed !== null ? new Map(current.byPilot) : new Map<number, PilotData>();
	for (let i = 0; i < ids.length; i += slice) {
		const some = ids.slice(i, i + slice);
		await step(() => {
			for (const [id, data] of read(db, some)) byPilot.set(id, data);
		});
	}
	if (models.get(db.$client) === current) models.set(db.$client, { ...now, byPilot });
}

const EMPTY = { industries: [], enterprises: 0 };

type PilotColumns = [
	id: number,
	code: string,
	nameZh: string,
	nameEn: string | null,
	batch: number,
	category: number | null,
	provinceCode: string | null,
	airRegion: string | null,
	basin: string | null,
	progressStatus: string | null,
	attainment: number | null,
	reportsDue: number | null,
	reportsOnTime: number | null,
	reportsLate: number | null,
	score: number | null,
	isCandidate: number | null
];

/**
 * The pilots matching the filter within the scope, with what the dashboard groups and colours them by. Read as plain
 * rows (every view starts here, for up to every pilot: mapping them column by column would cost more than the query).
 */
export function pilotRows(db: Db, scope: Scope, filter: DashboardFilter): PilotRow[] {
	const { byPilot } = model(db);
	const where = conditions(scope, filter) ?? sql`1 = 1`;
	return db
		.values<PilotColumns>(
			sql`SELECT ${pilots.id}, ${pilots.code}, ${pilots.nameZh}, ${pilots.nameEn}, ${batches.number}, ${pilots.category},
				${pilots.provinceCode}, ${pilots.airRegion}, ${pilots.basin}, ${pilots.progressStatus}, ${pilots.attainment},
				${pilots.reportsDue}, ${pilots.reportsOnTime}, ${pilots.reportsLate}, ${pilotScores.score}, ${pilotScores.isCandidate}
			FROM ${pilots}
			INNER JOIN ${batches} ON ${batches.id} = ${pilots.batchId}
			LEFT JOIN ${pilotScores} ON ${pilotScores.pilotId} = ${pilots.id}
			WHERE ${where}
			ORDER BY ${pilots.code}`
		)
		.map(
			([
				id,
				code,
				nameZh,
				nameEn,
				batch,
				category,
				provinceCode,
				airRegion,
				basin,
				progressStatus,
				attainment,
				reportsDue,
				reportsOnTime,
				reportsLate,
				score,
				isCandidate
			]) => {
				const data = byPilot.get(id) ?? EMPTY;
				return {
					id,
					code,
					nameZh,
					nameEn,
					batch,
					category,
					provinceCode,
					airRegion,
					basin,
					progressStatus,
					attainment,
					reportsDue,
					reportsOnTime,
					reportsLate,
					score,
					isCandidate: isCandidate === 1,
					industries: data.industries,
					enterprises: data.enterprises
				};
			}
		);
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
	for (const pilot of chosen) for (const period of byPilot.get(pilot.id)?.periods ?? []) periods.add(period);
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
