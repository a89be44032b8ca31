/**
 * Pilot queries: the faceted list (filters, counts per facet, sorting, paging), one pilot with
 * everything the pilot page shows, and programme-level figures for the public landing page.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import {
	batches,
	enterprises,
	pilotIndicators,
	pilotIndustries,
	pilots,
	pilotScores,
	pilotStatusEvents
} from '../db/schema';
import { scopeCondition, type Scope } from '../auth/access';

import { FACETS, SORTS, type Facet, type Sort } from '../../registry/pilot-filter';

export { FACETS, SORTS, type Facet, type Sort };
export const PAGE_SIZE = 50;

export type PilotFilter = Partial<Record<Facet, string>> & {
	q?: string;
	sort?: Sort;
	dir?: 'asc' | 'desc';
	page?: number;
};

export const enterpriseCount = sql<number>`(SELECT COUNT(*) FROM ${enterprises} WHERE ${enterprises.pilotId} = ${pilots.id})`;
export const industryList = sql<
	string | null
>`(SELECT GROUP_CONCAT(${pilotIndustries.industry}, ';') FROM ${pilotIndustries} WHERE ${pilotIndustries.pilotId} = ${pilots.id})`;

function facetCondition(facet: Facet, value: string): SQL | undefined {
	// 'unknown' selects the pilots where nobody has stated the fact (NULL); 'none' is a stated absence.
	const isUnknown = value === 'unknown';
	switch (facet) {
		case 'batch':
			return eq(batches.number, Number(value));
		case 'category':
			return isUnknown ? isNull(pilots.category) : eq(pilots.category, Number(value));
		case 'industry':
			if (isUnknown)
				return sql`NOT EXISTS (SELECT 1 FROM ${pilotIndustries} WHERE ${pilotIndustries.pilotId} = ${pilots.id})`;
			return sql`EXISTS (SELECT 1 FROM ${pilotIndustries} WHERE ${pilotIndustries.pilotId} = ${pilots.id} AND ${value === 'other' ? sql`${pilotIndustries.industry} LIKE 'other:%'` : sql`${pilotIndustries.industry} = ${value}`})`;
		case 'province':
			return isUnknown ? isNull(pilots.provinceCode) : eq(pilots.provinceCode, value);
		case 'region':
			return isUnknown ? isNull(pilots.airRegion) : eq(pilots.airRegion, value);
		case 'basin':
			return isUnknown ? isNull(pilots.basin) : eq(pilots.basin, value);
		case 'status':
			return eq(pilots.status, value);
		case 'progress':
			return isUnknown ? isNull(pilots.progressStatus) : eq(pilots.progressStatus, value);
		case 'report':
			return isUnknown ? isNull(pilots.reportStatus) : eq(pilots.reportStatus, value);
	}
}

/** The WHERE condition (on pilots joined to batches) for a filter within a scope, leaving out one facet if asked. */
export function conditions(scope: Scope, filter: PilotFilter, except?: Facet): SQL | undefined {
	const parts: (SQL | undefined)[] = [scopeCondition(scope)];
	for (const facet of FACETS) {
		const value = filter[facet];
		if (value && facet !== except) parts.push(facetCondition(facet, value));
	}
	const q = filter.q?.trim();
	if (q) {
		const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		parts.push(
			or(
				sql`${pilots.nameZh} LIKE ${pattern} ESCAPE '\\'`,
				sql`${pilots.nameEn} LIKE ${pattern} ESCAPE '\\'`,
				sql`${pilots.code} LIKE ${pattern} ESCAPE '\\'`,
				sql`${pilots.bodyName} LIKE ${pattern} ESCAPE '\\'`
			)
		);
	}
	return and(...parts.filter((p): p is SQL => p !== undefined));
}

const SORT_COLUMNS: Record<Sort, SQL | typeof pilots.code> = {
	code: pilots.code,
	name: sql`${pilots.nameZh}`,
	province: sql`${pilots.provinceCode}`,
	termStart: sql`${pilots.termStart}`,
	enterprises: enterpriseCount,
	attainment: sql`${pilots.attainment}`,
	score: sql`${pilotScores.score}`
};

/** One page of pilots matching the filter within the scope, with the total and counts per facet. */
export function list(db: DbOrTx, scope: Scope, filter: PilotFilter) {
	const where = conditions(scope, filter);
	const total = db
		.select({ n: count() })
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.where(where)
		.get()!.n;
	const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
	const page = Math.min(Math.max(1, filter.page ?? 1), pages);
	const sortColumn = SORT_COLUMNS[filter.sort ?? 'code'];
	const order = filter.dir === 'desc' ? desc(sortColumn) : asc(sortColumn);
	const rows = db
		.select({
			code: pilots.code,
			nameZh: pilots.nameZh,
			nameEn: pilots.nameEn,
			batch: batches.number,
			batchNameZh: batches.nameZh,
			batchNameEn: batches.nameEn,
			category: pilots.category,
			provinceCode: pilots.provinceCode,
			airRegion: pilots.airRegion,
			basin: pilots.basin,
			status: pilots.status,
			termStart: pilots.termStart,
			isDemo: pilots.isDemo,
			industries: industryList,
			enterprises: enterpriseCount,
			progressStatus: pilots.progressStatus,
			attainment: pilots.attainment,
			reportStatus: pilots.reportStatus,
			score: pilotScores.score,
			isCandidate: pilotScores.isCandidate
		})
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.leftJoin(pilotScores, eq(pilotScores.pilotId, pilots.id))
		.where(where)
		.orderBy(order, asc(pilots.code))
		.limit(PAGE_SIZE)
		.offset((page - 1) * PAGE_SIZE)
		.all()
		.map((r) => ({ ...r, industries: r.industries ? r.industries.split(';') : [] }));
	return { rows, total, page, pages, facets: facetCounts(db, scope, filter) };
}

/** For each facet, the count of pilots per value given every other active filter. */
export function facetCounts(
	db: DbOrTx,
	scope: Scope,
	filter: PilotFilter
): Record<Facet, { value: string; n: number }[]> {
	const grouped = (facet: Facet, column: SQL) =>
		db
			.select({ value: sql<string | number | null>`${column}`, n: count() })
			.from(pilots)
			.innerJoin(batches, eq(batches.id, pilots.batchId))
			.where(conditions(scope, filter, facet))
			.groupBy(column)
			.all()
			.map((r) => ({ value: r.value === null ? 'unknown' : String(r.value), n: r.n }))
			// one entry per value, even if a stored value happens to read 'unknown' too
			.reduce<{ value: string; n: number }[]>((acc, r) => {
				const same = acc.find((a) => a.value === r.value);
				if (same) same.n += r.n;
				else acc.push(r);
				return acc;
			}, []);
	const industry = db
		.select({
			value: sql<string>`CASE WHEN ${pilotIndustries.industry} LIKE 'other:%' THEN 'other' ELSE ${pilotIndustries.industry} END`,
			n: sql<number>`COUNT(DISTINCT ${pilots.id})`
		})
		.from(pilotIndustries)
		.innerJoin(pilots, eq(pilots.id, pilotIndustries.pilotId))
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.where(conditions(scope, filter, 'industry'))
		.groupBy(sql`1`)
		.all();
	const withoutIndustry = db
		.select({ n: count() })
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.where(and(conditions(scope, filter, 'industry'), facetCondition('industry', 'unknown')))
		.get()!.n;
	if (withoutIndustry > 0) industry.push({ value: 'unknown', n: withoutIndustry });
	return {
		batch: grouped('batch', sql`${batches.number}`),
		category: grouped('category', sql`${pilots.category}`),
		industry,
		province: grouped('province', sql`${pilots.provinceCode}`),
		region: grouped('region', sql`${pilots.airRegion}`),
		basin: grouped('basin', sql`${pilots.basin}`),
		status: grouped('status', sql`${pilots.status}`),
		progress: grouped('progress', sql`${pilots.progressStatus}`),
		report: grouped('report', sql`${pilots.reportStatus}`)
	};
}

/** One pilot within the scope, with its batch, industries, status history, enterprises and targets; null if not visible. */
export function get(db: DbOrTx, scope: Scope, code: string) {
	const row = db
		.select({ pilot: pilots, batch: batches })
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.where(and(eq(pilots.code, code), scopeCondition(scope)))
		.get();
	if (!row) return null;
	const id = row.pilot.id;
	return {
		...row.pilot,
		inferredFields: JSON.parse(row.pilot.inferredFields) as string[],
		batch: row.batch,
		industries: db
			.select()
			.from(pilotIndustries)
			.where(eq(pilotIndustries.pilotId, id))
			.all()
			.map((i) => i.industry),
		events: db
			.select()
			.from(pilotStatusEvents)
			.where(eq(pilotStatusEvents.pilotId, id))
			.orderBy(asc(pilotStatusEvents.id))
			.all(),
		enterprises: db.select().from(enterprises).where(eq(enterprises.pilotId, id)).orderBy(asc(enterprises.code)).all(),
		indicators: db.select().from(pilotIndicators).where(eq(pilotIndicators.pilotId, id)).all()
	};
}

/** Up to this many pilots forProgress looks up by code; more, and it reads every pilot and keeps the wanted ones. */
const BY_CODE_UP_TO = 500;

/** Just what progress and statuses need of the pilots with these codes (no enterprises or history), keyed by code. */
export function forProgress(db: DbOrTx, codes: readonly string[]) {
	const wanted = new Set(codes);
	// a few pilots (an import's): their rows alone, not the whole programme's indicators and industries
	const isFew = wanted.size <= BY_CODE_UP_TO;
	const rows = db
		.select({ pilot: pilots, batch: batches })
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.where(isFew ? inArray(pilots.code, [...wanted]) : undefined)
		.all()
		.filter((r) => wanted.has(r.pilot.code));
	const ids = rows.map((r) => r.pilot.id);
	const byPilot = new Map(
		rows.map((r) => [
			r.pilot.id,
			{
				...r.pilot,
				batch: r.batch,
				indicators: [] as (typeof pilotIndicators.$inferSelect)[],
				industries: [] as string[]
			}
		])
	);
	const indicators = db
		.select()
		.from(pilotIndicators)
		.where(isFew ? inArray(pilotIndicators.pilotId, ids) : undefined)
		.all();
	for (const i of indicators) byPilot.get(i.pilotId)?.indicators.push(i);
	const industries = db
		.select()
		.from(pilotIndustries)
		.where(isFew ? inArray(pilotIndustries.pilotId, ids) : undefined)
		.all();
	for (const i of industries) byPilot.get(i.pilotId)?.industries.push(i.industry);
	return new Map([...byPilot.values()].map((p) => [p.code, p]));
}

/** Every batch's number and names, in order. */
export function batchList(db: DbOrTx) {
	return db
		.select({ number: batches.number, nameZh: batches.nameZh, nameEn: batches.nameEn })
		.from(batches)
		.orderBy(asc(batches.number))
		.all();
}

/** Programme-level figures for the public landing page: batches, counts by category, coverage. */
export function programme(db: DbOrTx) {
	const batchRows = db.select().from(batches).orderBy(asc(batches.number)).all();
	const perBatch = db.select({ batchId: pilots.batchId, n: count() }).from(pilots).groupBy(pilots.batchId).all();
	const byDemo = db.select({ isDemo: pilots.isDemo, n: count() }).from(pilots).groupBy(pilots.isDemo).all();
	const byCategory = db
		.select({ category: pilots.category, isDemo: pilots.isDemo, n: count() })
		.from(pilots)
		.groupBy(pilots.category, pilots.isDemo)
		.all();
	const provinces = db
		.select({ n: sql<number>`COUNT(DISTINCT ${pilots.provinceCode})` })
		.from(pilots)
		.get()!.n;
	const enterpriseTotal = db.select({ n: count() }).from(enterprises).get()!.n;
	return {
		batches: batchRows.map((b) => ({ ...b, registered: perBatch.find((p) => p.batchId === b.id)?.n ?? 0 })),
		real: byDemo.find((r) => !r.isDemo)?.n ?? 0,
		demo: byDemo.find((r) => r.isDemo)?.n ?? 0,
		byCategory,
		provinces,
		enterprises: enterpriseTotal
	};
}
