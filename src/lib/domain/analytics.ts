/**
 * The dashboard's arithmetic, pure: from one row per pilot and one roll-up fact per pilot × indicator (over the chosen
 * quarters) to headline figures, breakdowns, the synergy points and the cost and audit ratios. Improvement follows
 * DOMAIN.md: lower-is-better → baseline/4 − value per quarter; higher-is-better → the value itself.
 */
import { INDICATORS, indicatorByCode, type Indicator, type IndicatorGroup } from './indicators';
import type { ProgressStatus } from './progress';
import type { ScoreArea, ScoreInput } from './score';

export type PilotRow = {
	id: number;
	code: string;
	nameZh: string;
	nameEn: string | null;
	batch: number;
	category: number | null;
	provinceCode: string | null;
	airRegion: string | null;
	basin: string | null;
	industries: string[];
	progressStatus: string | null;
	attainment: number | null;
	reportsDue: number | null;
	reportsOnTime: number | null;
	reportsLate: number | null;
	enterprises: number;
	score: number | null;
	isCandidate: boolean;
};

/** One pilot × indicator over the chosen quarters: how many quarters, their sum, the latest quarter's value, the baseline. */
export type Fact = {
	pilotId: number;
	indicatorCode: string;
	quarters: number;
	sum: number;
	latestValue: number;
	baseline: number | null;
};

/** One quarter × indicator over the chosen pilots; `improvement` is already summed by the query (see periodImprovement). */
export type PeriodRow = { period: string; indicatorCode: string; sum: number; baselineDelta: number | null };

// codes here are stored ones (already canonical), so a plain lookup, which the dashboard does ~100,000 times a view
const BY_CODE = new Map(INDICATORS.map((i) => [i.code, i]));

/** Air pollutants, water pollutants (all in t): the reductions the notice asks about. */
export const AIR_POLLUTANTS = ['voc', 'nox', 'pm', 'so2'] as const;
export const WATER_POLLUTANTS = ['nh3n', 'tp', 'cod', 'tn'] as const;
export const POLLUTANTS: readonly string[] = [...AIR_POLLUTANTS, ...WATER_POLLUTANTS];

/**
 * The improvement a fact stands for, null when it cannot be told: periodic lower → quarters × baseline/4 − sum (needs
 * the baseline); periodic higher → sum; cumulative higher → the latest value (a running total); neutral or cumulative
 * lower → null (an input, not an improvement); rate → null (never summed).
 */
export function improvementOf(fact: Fact, indicator: Indicator | undefined = BY_CODE.get(fact.indicatorCode)) {
	// a rate is a level in %: percentage points of different pilots do not add up (see rates.ts)
	if (!indicator || indicator.direction === 'neutral' || indicator.kind === 'rate') return null;
	if (indicator.kind === 'cumulative') return indicator.direction === 'higher' ? fact.latestValue : null;
	if (indicator.direction === 'higher') return fact.sum;
	return fact.baseline === null ? null : (fact.quarters * fact.baseline) / 4 - fact.sum;
}

/** The base the improvement is measured against (quarters × baseline/4), for relative figures; null when unknown. */
export function expectedBase(fact: Fact): number | null {
	return fact.baseline === null || fact.baseline <= 0 ? null : (fact.quarters * fact.baseline) / 4;
}

/** Per pilot, per indicator: the fact. */
export function factIndex(facts: readonly Fact[]): Map<number, Map<string, Fact>> {
	const index = new Map<number, Map<string, Fact>>();
	for (const f of facts) {
		let byCode = index.get(f.pilotId);
		if (!byCode) index.set(f.pilotId, (byCode = new Map()));
		byCode.set(f.indicatorCode, f);
	}
	return index;
}

export type Facts = ReturnType<typeof factIndex>;

function improvement(facts: Facts, pilotId: number, code: string): number | null {
	const fact = facts.get(pilotId)?.get(code);
	return fact ? improvementOf(fact) : null;
}

function latest(facts: Facts, pilotId: number, code: string): number | null {
	return facts.get(pilotId)?.get(code)?.latestValue ?? null;
}

/** Σ of the non-null values and how many there were; sum null when none. */
function total(values: (number | null)[]): { value: number | null; pilots: number } {
	const known = values.filter((v): v is number => v !== null);
	return { value: known.length ? known.reduce((a, b) => a + b, 0) : null, pilots: known.length };
}

/** Tonnes of air and water pollutants a pilot reduced over the quarters, null when it reported none of them. */
export function pollutantReduction(facts: Facts, pilotId: number): number | null {
	return total(POLLUTANTS.map((code) => improvement(facts, pilotId, code))).value;
}

export const STATUS_ORDER = ['on_track', 'at_risk', 'behind', 'met', 'not_met', 'unknown'] as const;

/** The headline figures of the chosen pilots. */
export function headline(pilots: readonly PilotRow[], facts: Facts) {
	const byStatus = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<(typeof STATUS_ORDER)[number], number>;
	const reports = { due: 0, onTime: 0, late: 0, missing: 0 };
	for (const p of pilots) {
		const status = (STATUS_ORDER as readonly string[]).includes(p.progressStatus ?? '')
			? (p.progressStatus as ProgressStatus)
			: 'unknown';
		byStatus[status] += 1;
		reports.due += p.reportsDue ?? 0;
		reports.onTime += p.reportsOnTime ?? 0;
		reports.late += p.reportsLate ?? 0;
	}
	reports.missing = reports.due - reports.onTime - reports.late;
	// one pass over each pilot's facts: Σ improvement and Σ latest value per indicator, and how many pilots gave each
	const sums = new Map<string, { gain: number; gainPilots: number; latest: number; latestPilots: number }>();
	for (const p of pilots)
		for (const fact of facts.get(p.id)?.values() ?? []) {
			let sum = sums.get(fact.indicatorCode);
			if (!sum) sums.set(fact.indicatorCode, (sum = { gain: 0, gainPilots: 0, latest: 0, latestPilots: 0 }));
			const gain = improvementOf(fact);
			if (gain !== null) [sum.gain, sum.gainPilots] = [sum.gain + gain, sum.gainPilots + 1];
			[sum.latest, sum.latestPilots] = [sum.latest + fact.latestValue, sum.latestPilots + 1];
		}
	const sumOf = (code: string) => {
		const sum = sums.get(code);
		return sum?.gainPilots ? { value: sum.gain, pilots: sum.gainPilots } : { value: null, pilots: 0 };
	};
	const latestOf = (code: string) => {
		const sum = sums.get(code);
		return sum?.latestPilots ? { value: sum.latest, pilots: sum.latestPilots } : { value: null, pilots: 0 };
	};
	return {
		pilots: pilots.length,
		candidates: pilots.filter((p) => p.isCandidate).length,
		byStatus,
		reports,
		enterprises: pilots.reduce((n, p) => n + p.enterprises, 0),
		covered: latestOf('enterprises_covered'),
		reductions: POLLUTANTS.map((code) => ({ code, ...sumOf(code) })),
		energy: sumOf('energy'),
		electricity: sumOf('electricity'),
		carbon: sumOf('co2'),
		water: sumOf('freshwater'),
		investment: latestOf('investment'),
		benefit: sumOf('benefit')
	};
}

/** The keys a pilot falls under for a dimension; a pilot with two industries counts under both. NULL → 'unknown'. */
export function keysOf(pilot: PilotRow, by: string): string[] {
	switch (by) {
		case 'industry':
			return pilot.industries.length
				? [...new Set(pilot.industries.map((i) => (i.startsWith('other:') ? 'other' : i)))]
				: ['unknown'];
		case 'region':
			return [pilot.airRegion ?? 'unknown'];
		case 'basin':
			return [pilot.basin ?? 'unknown'];
		case 'category':
			return [pilot.category === null ? 'unknown' : String(pilot.category)];
		case 'province':
			return [pilot.provinceCode ?? 'unknown'];
		case 'batch':
			return [String(pilot.batch)];
		default:
			return ['unknown'];
	}
}

/** 'pilots', 'candidates', 'attainment' (mean), 'score' (mean) or an indicator code (Σ improvement). */
export type Metric = string;

export function isMetric(metric: string): boolean {
	return ['pilots', 'candidates', 'attainment', 'score'].includes(metric) || indicatorByCode(metric) !== undefined;
}

export type BreakdownRow = { key: string; pilots: number; candidates: number; value: number | null };

function metricOf(group: readonly PilotRow[], facts: Facts, metric: Metric): number | null {
	if (metric === 'pilots') return group.length;
	if (metric === 'candidates') return group.filter((p) => p.isCandidate).length;
	if (metric === 'attainment' || metric === 'score') {
		const known = group.map((p) => (metric === 'score' ? p.score : p.attainment)).filter((v) => v !== null);
		return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
	}
	return total(group.map((p) => improvement(facts, p.id, metric))).value;
}

/** Pilots grouped by the dimension, with their count, candidates and the metric; `keys` fixes the rows and their order. */
export function breakdown(
	pilots: readonly PilotRow[],
	facts: Facts,
	by: string,
	metric: Metric,
	keys?: readonly string[]
): BreakdownRow[] {
	const groups = new Map<string, PilotRow[]>(keys?.map((k) => [k, []]));
	for (const p of pilots)
		for (const key of keysOf(p, by)) {
			if (keys && !keys.includes(key)) continue;
			const group = groups.get(key);
			if (group) group.push(p);
			else groups.set(key, [p]);
		}
	const rows = [...groups].map(([key, group]) => ({
		key,
		pilots: group.length,
		candidates: group.filter((p) => p.isCandidate).length,
		value: group.length ? metricOf(group, facts, metric) : null
	}));
	if (keys) return rows;
	return rows.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.key.localeCompare(b.key));
}

/** Per indicator, its Σ improvement over the chosen pilots for each key of the dimension (grouped-bar views). */
export function matrix(
	pilots: readonly PilotRow[],
	facts: Facts,
	by: string,
	keys: readonly string[],
	codes: readonly string[]
) {
	return codes.map((code) => ({ code, rows: breakdown(pilots, facts, by, code, keys) }));
}

/** The improvement of a quarter row: lower → Σ(baseline/4 − value) over pilots with a baseline; higher → Σ value. */
export function periodImprovement(row: PeriodRow): number | null {
	const indicator = indicatorByCode(row.indicatorCode);
	if (!indicator || indicator.direction === 'neutral' || indicator.kind === 'rate') return null;
	if (indicator.kind === 'cumulative' || indicator.direction === 'higher') return row.sum;
	return row.baselineDelta;
}

/** The quarters in order, and per indicator its improvement in each (null where no pilot reported it). */
export function series(rows: readonly PeriodRow[], codes: readonly string[]) {
	const periods = [...new Set(rows.map((r) => r.period))].sort();
	return {
		periods,
		lines: codes.map((code) => ({
			code,
			values: periods.map((period) => {
				const row = rows.find((r) => r.period === period && r.indicatorCode === code);
				return row ? periodImprovement(row) : null;
			})
		}))
	};
}

/** The indicator codes of a group, in catalogue order. */
export function codesOfGroup(group: IndicatorGroup): string[] {
	return INDICATORS.filter((i) => i.group === group).map((i) => i.code);
}

function relative(facts: Facts, pilotId: number, codes: readonly string[]): number | null {
	let gained = 0;
	let base = 0;
	for (const code of codes) {
		const fact = facts.get(pilotId)?.get(code);
		const b = fact ? expectedBase(fact) : null;
		const gain = fact ? improvementOf(fact) : null;
		if (b === null || gain === null) continue;
		gained += gain;
		base += b;
	}
	return base > 0 ? gained / base : null;
}

function median(values: number[]): number | null {
	if (!values.length) return null;
	const s = [...values].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * 减污降碳 synergy: per pilot, the pollutant improvement (Σ reduction ÷ Σ quarterly baselines of its air and water
 * pollutants) against the carbon improvement (CO2 likewise), as fractions; the medians split the quadrants.
 */
export function synergy(pilots: readonly PilotRow[], facts: Facts) {
	const points = pilots
		.map((p) => ({ pilot: p, pollutant: relative(facts, p.id, POLLUTANTS), carbon: relative(facts, p.id, ['co2']) }))
		.filter(
			(x): x is { pilot: PilotRow; pollutant: number; carbon: number } => x.pollutant !== null && x.carbon !== null
		);
	return {
		points,
		medianPollutant: median(points.map((x) => x.pollutant)),
		medianCarbon: median(points.map((x) => x.carbon)),
		both: points.filter((x) => x.pollutant > 0 && x.carbon > 0).length
	};
}

/** 万元 invested per tonne of pollutants reduced, by the dimension: Σ investment ÷ Σ reduction over pilots with both > 0. */
export function costEffectiveness(pilots: readonly PilotRow[], facts: Facts, by = 'industry') {
	const groups = new Map<string, { investment: number; reduction: number; pilots: number; candidates: number }>();
	for (const p of pilots) {
		const investment = latest(facts, p.id, 'investment');
		const reduction = pollutantReduction(facts, p.id);
		if (investment === null || reduction === null || investment <= 0 || reduction <= 0) continue;
		for (const key of keysOf(p, by)) {
			const g = groups.get(key) ?? { investment: 0, reduction: 0, pilots: 0, candidates: 0 };
			g.investment += investment;
			g.reduction += reduction;
			g.pilots += 1;
			if (p.isCandidate) g.candidates += 1;
			groups.set(key, g);
		}
	}
	return [...groups]
		.map(([key, g]) => ({ key, ...g, perTonne: g.investment / g.reduction }))
		.sort((a, b) => a.perTonne - b.perTonne);
}

/**
 * The audit's input-output by the dimension: enterprises covered, and cost and days per enterprise — each ratio over
 * the pilots that reported that input (Σ cost ÷ Σ enterprises of the pilots reporting cost; days likewise).
 */
export function auditInputOutput(pilots: readonly PilotRow[], facts: Facts, by = 'category') {
	type Sums = { covered: number; cost: number; costCovered: number; days: number; daysCovered: number; pilots: number };
	const groups = new Map<string, Sums>();
	for (const p of pilots) {
		const covered = latest(facts, p.id, 'enterprises_covered');
		if (covered === null || covered <= 0) continue;
		const cost = latest(facts, p.id, 'audit_cost');
		const days = latest(facts, p.id, 'audit_days');
		if (cost === null && days === null) continue;
		for (const key of keysOf(p, by)) {
			const g = groups.get(key) ?? { covered: 0, cost: 0, costCovered: 0, days: 0, daysCovered: 0, pilots: 0 };
			g.covered += covered;
			g.pilots += 1;
			if (cost !== null) [g.cost, g.costCovered] = [g.cost + cost, g.costCovered + covered];
			if (days !== null) [g.days, g.daysCovered] = [g.days + days, g.daysCovered + covered];
			groups.set(key, g);
		}
	}
	return [...groups]
		.map(([key, g]) => ({
			key,
			covered: g.covered,
			pilots: g.pilots,
			costPer: g.costCovered ? g.cost / g.costCovered : null,
			daysPer: g.daysCovered ? g.days / g.daysCovered : null
		}))
		.sort((a, b) => a.key.localeCompare(b.key));
}

const AREA_CODES: Record<ScoreArea, readonly string[]> = {
	energy: codesOfGroup('energy'),
	water: codesOfGroup('water'),
	material: codesOfGroup('material'),
	pollution: [...codesOfGroup('air'), ...codesOfGroup('water_pollution')],
	carbon: codesOfGroup('carbon')
};

/** What the score needs of one pilot, from its term-to-date facts (relative improvement per area, unit-free). */
export function scoreInputOf(
	pilot: Pick<
		PilotRow,
		'id' | 'code' | 'industries' | 'basin' | 'attainment' | 'reportsDue' | 'reportsOnTime' | 'reportsLate'
	>,
	facts: Facts
): ScoreInput {
	const areaImprovement = Object.fromEntries(
		Object.entries(AREA_CODES).map(([area, codes]) => [area, relative(facts, pilot.id, codes)])
	) as Record<ScoreArea, number | null>;
	return {
		code: pilot.code,
		industries: pilot.industries,
		basin: pilot.basin,
		attainment: pilot.attainment,
		areaImprovement,
		pollutantReduction: pollutantReduction(facts, pilot.id),
		carbonReduction: improvement(facts, pilot.id, 'co2'),
		investment: latest(facts, pilot.id, 'investment'),
		auditCost: latest(facts, pilot.id, 'audit_cost'),
		auditDays: latest(facts, pilot.id, 'audit_days'),
		enterprisesCovered: latest(facts, pilot.id, 'enterprises_covered'),
		reports: { due: pilot.reportsDue ?? 0, onTime: pilot.reportsOnTime ?? 0, late: pilot.reportsLate ?? 0 }
	};
}
