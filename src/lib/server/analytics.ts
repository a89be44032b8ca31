/**
 * The dashboard's queries. They read the roll-ups (one row per pilot × quarter × indicator, kept by every import) and
 * the cached statuses and scores, never the raw observations, and hand plain rows to the pure arithmetic of
 * src/lib/domain/analytics.ts. Every query is narrowed by the caller's scope first.
 */
import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from './db';
import { batches, pilotIndicators, pilots, pilotScores, rollups } from './db/schema';
import type { Scope } from './access';
import { conditions, enterpriseCount, industryList } from './pilots';
import type { DashboardFilter } from '../dashboard-filter';
import type { Fact, PeriodRow, PilotRow } from '../domain/analytics';

/** The pilots matching the filter within the scope, with what the dashboard groups and colours them by. */
export function pilotRows(db: DbOrTx, scope: Scope, filter: DashboardFilter): PilotRow[] {
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
			industries: industryList,
			progressStatus: pilots.progressStatus,
			attainment: pilots.attainment,
			reportsDue: pilots.reportsDue,
			reportsOnTime: pilots.reportsOnTime,
			reportsLate: pilots.reportsLate,
			enterprises: enterpriseCount,
			score: pilotScores.score,
			isCandidate: pilotScores.isCandidate
		})
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.leftJoin(pilotScores, eq(pilotScores.pilotId, pilots.id))
		.where(conditions(scope, filter))
		.orderBy(pilots.code)
		.all()
		.map((r) => ({
			...r,
			industries: r.industries ? r.industries.split(';') : [],
			isCandidate: r.isCandidate === true
		}));
}

function pilotIdsOf(db: DbOrTx, scope: Scope, filter: DashboardFilter) {
	return db
		.select({ id: pilots.id })
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.where(conditions(scope, filter));
}

function rangeOf(filter: DashboardFilter): (SQL | undefined)[] {
	return [
		filter.from ? gte(rollups.period, filter.from) : undefined,
		filter.to ? lte(rollups.period, filter.to) : undefined
	];
}

const baselineJoin = and(
	eq(pilotIndicators.pilotId, rollups.pilotId),
	eq(pilotIndicators.indicatorCode, rollups.indicatorCode)
);

/**
 * Per pilot × indicator over the filter's quarters: quarters reported, their sum, the latest quarter's value and the
 * baseline. `latestValue` is SQLite's bare column beside the single MAX(): the value of the row holding the max period.
 */
export function facts(db: DbOrTx, scope: Scope, filter: DashboardFilter): Fact[] {
	return db
		.select({
			pilotId: rollups.pilotId,
			indicatorCode: rollups.indicatorCode,
			quarters: sql<number>`COUNT(*)`,
			sum: sql<number>`SUM(${rollups.value})`,
			latestPeriod: sql<string>`MAX(${rollups.period})`,
			latestValue: rollups.value,
			baseline: pilotIndicators.baseline
		})
		.from(rollups)
		.leftJoin(pilotIndicators, baselineJoin)
		.where(and(inArray(rollups.pilotId, pilotIdsOf(db, scope, filter)), ...rangeOf(filter)))
		.groupBy(rollups.pilotId, rollups.indicatorCode)
		.all();
}

/** Per quarter × indicator over the chosen pilots: Σ value, and Σ (baseline/4 − value) over pilots with a baseline. */
export function periodRows(db: DbOrTx, scope: Scope, filter: DashboardFilter, codes: readonly string[]): PeriodRow[] {
	if (codes.length === 0) return [];
	return db
		.select({
			period: rollups.period,
			indicatorCode: rollups.indicatorCode,
			sum: sql<number>`SUM(${rollups.value})`,
			baselineDelta: sql<
				number | null
			>`SUM(CASE WHEN ${pilotIndicators.baseline} IS NOT NULL THEN ${pilotIndicators.baseline} / 4.0 - ${rollups.value} END)`
		})
		.from(rollups)
		.leftJoin(pilotIndicators, baselineJoin)
		.where(
			and(
				inArray(rollups.pilotId, pilotIdsOf(db, scope, filter)),
				inArray(rollups.indicatorCode, [...codes]),
				...rangeOf(filter)
			)
		)
		.groupBy(rollups.period, rollups.indicatorCode)
		.orderBy(rollups.period)
		.all();
}

/** The quarters that have any roll-up within the scope, for the period-range choices. */
export function periodsReported(db: DbOrTx, scope: Scope): string[] {
	return db
		.selectDistinct({ period: rollups.period })
		.from(rollups)
		.where(inArray(rollups.pilotId, pilotIdsOf(db, scope, {})))
		.orderBy(rollups.period)
		.all()
		.map((r) => r.period);
}
