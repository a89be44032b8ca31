/**
 * What each dashboard view loads: the scope's pilots under the filter, their roll-up facts, and the pure arithmetic
 * of src/lib/domain/analytics.ts over them. One function per view, each a handful of queries over the roll-ups.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { rateSummaries } from '../../domain/rates';
import { getDb, type Db } from '../db';
import { requireRole, scopeOf, type Scope } from '../auth/access';
import type { SessionUser } from '../auth';
import { dashboardFilterFromUrl } from '../../analytics/dashboard-filter';
import { arrange, type ShortlistRow, type ShortlistView } from '../../analytics/shortlist';
import * as analytics from './analytics';
import * as scores from './scores';
import { cachedInTurn, inTurn } from './view-cache';
import * as pilotQueries from '../registry/pilots';
import { refreshStale, refreshStaleInSteps } from '../progress/statuses';
import type { DashboardFilter, Dimension } from '../../analytics/dashboard-filter';
import {
	AIR_POLLUTANTS,
	auditInputOutput,
	breakdown,
	codesOfGroup,
	costEffectiveness,
	headline,
	matrix,
	series,
	synergy,
	WATER_POLLUTANTS,
	type PilotRow
} from '../../domain/analytics';
import { AIR_PRIORITY_INDUSTRIES, AIR_REGIONS, BASIN_PRIORITY_INDUSTRIES, BASINS } from '../../domain/taxonomy';

/** Brings the cached statuses and scores up to date (once a day, and after imports) before a view reads them. */
export function prepare(db: Db): void {
	refreshStale(db);
}

/** Per connection, the preparation under way (see context). */
const preparing = new WeakMap<object, Promise<void>>();

/**
 * What prepare does, in steps of their own event-loop turns (inTurn) so that the server keeps serving meanwhile;
 * requests arriving during it wait for the same preparation instead of starting another.
 */
function prepareInSteps(db: Db): Promise<void> {
	let under = preparing.get(db.$client);
	if (!under) {
		under = refreshStaleInSteps(db, (fn) => inTurn(db, fn)).finally(() => preparing.delete(db.$client));
		preparing.set(db.$client, under);
	}
	return under;
}

/**
 * What every dashboard load starts with: the caller must be a ministry, admin or province user (403 otherwise); the
 * caches are brought up to date (in steps, see prepareInSteps); the scope and the filter of the URL; and `cached`,
 * which keeps a view's data for that scope and filter until the database changes, computing it in a turn of its own
 * when it is not kept (view-cache.ts: `compute` reads only the database, the scope, the filter and `params`, and
 * nobody modifies what it returns).
 */
export async function context(user: SessionUser | null, params: URLSearchParams) {
	const scope = scopeOf(requireRole(user, 'ministry', 'admin', 'province'));
	const db = getDb();
	await prepareInSteps(db);
	const filter = dashboardFilterFromUrl(params);
	const cached = <T>(name: string, viewParams: unknown, compute: () => T): Promise<T> =>
		cachedInTurn(db, { name, scope, filter, params: viewParams }, compute);
	return { db, scope, filter, cached };
}

/** What the dashboard layout shows around every view, within the scope whatever the filter. */
export function layoutData(db: Db, scope: Scope) {
	return {
		batches: pilotQueries.batchList(db),
		periods: analytics.periodsReported(db, analytics.scopeIds(db, scope)),
		facets: pilotQueries.facetCounts(db, scope, {})
	};
}

/** The layout's data (layoutData) as the layout loads it: kept per scope until the database changes. */
export function layout(db: Db, scope: Scope) {
	return cachedInTurn(db, { name: 'layout', scope, filter: {} }, () => layoutData(db, scope));
}

function base(db: Db, scope: Scope, filter: DashboardFilter) {
	const pilots = analytics.pilotRows(db, scope, filter);
	const facts = analytics.facts(db, pilots, filter);
	return { pilots, facts };
}

/** The overview: headline figures, the breakdown and the map by their chosen dimension and metric, the quarters. */
export function overview(
	db: Db,
	scope: Scope,
	filter: DashboardFilter,
	view: { by: Dimension; metric: string; mapMetric: string }
) {
	const { pilots, facts } = base(db, scope, filter);
	const group = filter.group ?? 'air';
	const codes = codesOfGroup(group);
	return {
		headline: headline(pilots, facts),
		breakdown: breakdown(pilots, facts, view.by, view.metric),
		map: breakdown(pilots, facts, 'province', view.mapMetric),
		series: { group, ...series(analytics.periodRows(db, pilots, filter, codes), codes) }
	};
}

const inRegion = (p: PilotRow) => p.airRegion !== null;
const inBasin = (p: PilotRow) => p.basin !== null;

/** The five key air regions: air pollutants by region, and by the regions' priority industries. */
export function air(db: Db, scope: Scope, filter: DashboardFilter) {
	const { pilots, facts } = base(db, scope, filter);
	return {
		byRegion: matrix(pilots, facts, 'region', AIR_REGIONS, AIR_POLLUTANTS),
		byIndustry: matrix(pilots.filter(inRegion), facts, 'industry', AIR_PRIORITY_INDUSTRIES, AIR_POLLUTANTS),
		series: series(analytics.periodRows(db, pilots, filter, AIR_POLLUTANTS), AIR_POLLUTANTS)
	};
}

/** The Yangtze and Yellow River basins: water pollutants by basin, and by the basins' priority industries. */
export function water(db: Db, scope: Scope, filter: DashboardFilter) {
	const { pilots, facts } = base(db, scope, filter);
	return {
		byBasin: matrix(pilots, facts, 'basin', BASINS, WATER_POLLUTANTS),
		byIndustry: matrix(pilots.filter(inBasin), facts, 'industry', BASIN_PRIORITY_INDUSTRIES, WATER_POLLUTANTS),
		series: series(analytics.periodRows(db, pilots, filter, WATER_POLLUTANTS), WATER_POLLUTANTS)
	};
}

const ENERGY_CARBON = ['energy', 'electricity', 'co2'] as const;

/** Energy and carbon: energy saved and carbon avoided by industry (where reported), and by quarter. */
export function energy(db: Db, scope: Scope, filter: DashboardFilter) {
	const { pilots, facts } = base(db, scope, filter);
	return {
		headline: headline(pilots, facts),
		byIndustry: (['energy', 'co2'] as const).map((code) => ({
			code,
			rows: breakdown(pilots, facts, 'industry', code).filter((r) => r.value !== null)
		})),
		series: series(analytics.periodRows(db, pilots, filter, ENERGY_CARBON), ENERGY_CARBON)
	};
}

/** 减污降碳 synergy per pilot, cost-effectiveness by industry and the audit's input-output by category. */
export function effects(db: Db, scope: Scope, filter: DashboardFilter) {
	const { pilots, facts } = base(db, scope, filter);
	const s = synergy(pilots, facts);
	return {
		// only what the scatter and its table show of each pilot
		synergy: {
			...s,
			points: s.points.map(({ pilot: { code, nameZh, nameEn, isCandidate }, pollutant, carbon }) => ({
				pilot: { code, nameZh, nameEn, isCandidate },
				pollutant,
				carbon
			}))
		},
		costs: costEffectiveness(pilots, facts, 'industry'),
		audit: auditInputOutput(pilots, facts, 'category'),
		rates: rateSummaries(pilots, facts)
	};
}

/** The scored pilots of the filter with their score parts, arranged for the view (the candidates, or all of them). */
export function shortlist(db: Db, scope: Scope, filter: DashboardFilter, view: ShortlistView) {
	const detail = scores.all(db);
	const scored: ShortlistRow[] = analytics.pilotRows(db, scope, filter).flatMap((pilot) => {
		const d = detail.get(pilot.id);
		if (!d) return [];
		const { code, nameZh, nameEn, provinceCode, industries } = pilot;
		return [
			{
				pilot: { code, nameZh, nameEn, provinceCode, industries },
				score: d.score,
				isCandidate: d.isCandidate,
				parts: d.parts,
				rank: d.rank
			}
		];
	});
	return {
		rows: arrange(scored, view),
		scored: scored.length,
		candidates: scored.filter((r) => r.isCandidate).length,
		computedOn: detail.values().next().value?.computedOn ?? null
	};
}
