/**
 * The transparent replicable-case score (可复制案例评分, DOMAIN.md "Replicable case candidate"): six parts, each a value
 * in 0..1 times a published weight, summed to a score out of 100. Every part keeps the raw figure behind it and, where
 * it is judged against other pilots, the peer group and rank used. Pure functions, no I/O.
 */
// Repeated blocks here are checks of one shape (if wrong, a bilingual problem naming the field); each states its own rule.

/** The five performance areas of the evaluation: 节能 energy, 节水 water, 节材 material, 减污 pollution, 降碳 carbon. */
export const SCORE_AREAS = ['energy', 'water', 'material', 'pollution', 'carbon'] as const;
/** One of SCORE_AREAS. */
export type ScoreArea = (typeof SCORE_AREAS)[number];

/** What the score needs to know about one pilot; null (or a non-finite number) means unknown. */
export type ScoreInput = {
	code: string;
	/** The first entry is the primary industry; '' (after trimming) or an empty list means unknown. */
	industries: string[];
	/** Key river basin (e.g. 长江); null or '' means none, which is a peer group of its own. */
	basin: string | null;
	/** Overall attainment: progress ÷ expected to date; null when unknown. */
	attainment: number | null;
	/** Improvement to date per area (sum, any unit; > 0 = improved); missing or null = not measured. */
	areaImprovement: Partial<Record<ScoreArea, number | null>>;
	/** Tonnes of air and water pollutants reduced to date. */
	pollutantReduction: number | null;
	/** tCO2e reduced to date. */
	carbonReduction: number | null;
	/** 万元 invested in measures (cumulative). */
	investment: number | null;
	/** 万元 spent on the audit itself. */
	auditCost: number | null;
	/** Days the audit took. */
	auditDays: number | null;
	/** Enterprises covered by the audit (家). */
	enterprisesCovered: number | null;
	/** Quarterly reports already due, and how many of them were submitted on time and late. */
	reports: { due: number; onTime: number; late: number };
};

/** The parts of the score, in display order. */
export const SCORE_PARTS = [
	'attainment',
	'breadth',
	'synergy',
	'costEffectiveness',
	'auditEfficiency',
	'reporting'
] as const;
/** One of SCORE_PARTS. */
export type ScorePart = (typeof SCORE_PARTS)[number];

/** Points available per part; they sum to 100, so the score reads as points out of 100. */
export const SCORE_WEIGHTS: Record<ScorePart, number> = {
	attainment: 30,
	breadth: 15,
	synergy: 15,
	costEffectiveness: 15,
	auditEfficiency: 10,
	reporting: 15
};

/** Attainment at or above this (125 % of the expected progress) earns the full attainment points. */
export const ATTAINMENT_CAP = 1.25;
/** A pilot whose rounded score is at least this is a replicable-case candidate (exactly 65.0 counts). */
export const CANDIDATE_THRESHOLD = 65;
/** A peer group with fewer members than this is too small; the next wider group is used instead. */
export const MIN_PEERS = 3;

/**
 * Where a figure stands among its peers: the group used ('industry_basin' = same primary industry and basin,
 * 'industry' = same primary industry, 'all' = every pilot with that figure), its rank (1 = best) and the group's size.
 */
export type PeerRank = { group: 'industry_basin' | 'industry' | 'all'; rank: number; size: number };

/**
 * One part of a pilot's score: value in 0..1 (null = no data), its weight, points = weight × value (0 when null), the
 * raw figure behind it (null when there is none) and the peer rank it was judged by (null for parts not judged against
 * peers, and whenever value is null).
 */
export type PartResult = {
	part: ScorePart;
	value: number | null;
	weight: number;
	points: number;
	figure: number | null;
	peer: PeerRank | null;
};

/**
 * A pilot's score: the sum of the part points rounded to 1 decimal (0..100), the parts in SCORE_PARTS order, whether it
 * is a candidate (score ≥ CANDIDATE_THRESHOLD) and the score's rank among pilots of the same primary industry (group
 * 'industry'), or among all pilots (group 'all') when its industry is unknown.
 */
export type PilotScore = { code: string; score: number; parts: PartResult[]; isCandidate: boolean; rank: PeerRank };

/** A finite number, or null. */
function known(x: number | null | undefined): number | null {
	return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** Trimmed primary industry, or null when unknown. */
function primaryIndustry(input: ScoreInput): string | null {
	const first = (input.industries[0] ?? '').trim();
	return first === '' ? null : first;
}

/** Trimmed basin, or null for none. */
function basinOf(input: ScoreInput): string | null {
	const b = (input.basin ?? '').trim();
	return b === '' ? null : b;
}

/** Round to 1 decimal, immune to float noise such as 64.99999999999999 (→ 65) or 1.05 stored as 1.0499999. */
function round1(x: number): number {
	return Math.round(Number((x * 10).toPrecision(12))) / 10;
}

/**
 * Competition ranking ("1224") of value among values: rank = 1 + the number of values strictly better (lower when
 * lowerIsBetter, else higher), so ties share the best rank among them; size = values.length; share = (size − rank) ÷
 * (size − 1), i.e. 1 for the best and 0 for the worst, and 1 when the value is alone. Ties are exact equality. value must
 * be one of values (it counts itself); otherwise, or when value is not finite, a RangeError is thrown.
 */
export function percentileRank(
	values: number[],
	value: number,
	lowerIsBetter: boolean
): { rank: number; size: number; share: number } {
	if (!Number.isFinite(value) || !values.includes(value)) {
		throw new RangeError(`percentileRank: ${value} is not one of the ${values.length} values`);
	}
	const better = values.filter((v) => (lowerIsBetter ? v < value : v > value)).length;
	const rank = better + 1;
	const size = values.length;
	return { rank, size, share: size === 1 ? 1 : (size - rank) / (size - 1) };
}

/** How many elements of `sorted` (ascending) are below `value` (orEqual: at most `value`): a binary search. */
function countBelow(sorted: Float64Array, value: number, orEqual: boolean): number {
	let [lo, hi] = [0, sorted.length];
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] < value || (orEqual && sorted[mid] === value)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * percentileRank of many values against one list: the list is sorted once and each look-up is a binary search, so
 * ranking n pilots among n peers costs n log n instead of n². Same results, and the same RangeError.
 */
export function ranker(
	values: readonly number[],
	lowerIsBetter: boolean
): (value: number) => { rank: number; size: number; share: number } {
	const sorted = Float64Array.from(values).sort();
	const size = sorted.length;
	return (value) => {
		const below = countBelow(sorted, value, false);
		if (!Number.isFinite(value) || below === size || sorted[below] !== value) {
			throw new RangeError(`percentileRank: ${value} is not one of the ${size} values`);
		}
		const rank = 1 + (lowerIsBetter ? below : size - countBelow(sorted, value, true));
		return { rank, size, share: size === 1 ? 1 : (size - rank) / (size - 1) };
	};
}

/** A part with its points; figure and peer are dropped when there is no value. */
function part(name: ScorePart, value: number | null, figure: number | null, peer: PeerRank | null = null): PartResult {
	const weight = SCORE_WEIGHTS[name];
	if (value === null) return { part: name, value: null, weight, points: 0, figure: null, peer: null };
	return { part: name, value, weight, points: weight * value, figure, peer };
}

/** Attainment part: clamp(attainment, 0, ATTAINMENT_CAP) ÷ ATTAINMENT_CAP; figure = the attainment itself (uncapped). */
function attainmentPart(input: ScoreInput): PartResult {
	const a = known(input.attainment);
	return part('attainment', a === null ? null : Math.min(ATTAINMENT_CAP, Math.max(0, a)) / ATTAINMENT_CAP, a);
}

/**
 * Breadth part: (number of the 5 SCORE_AREAS whose improvement is > 0) ÷ 5 — out of all five, not out of those
 * measured; null when no area is measured at all; figure = the count improved.
 */
function breadthPart(input: ScoreInput): PartResult {
	const measured = SCORE_AREAS.map((a) => known(input.areaImprovement[a])).filter((x): x is number => x !== null);
	if (measured.length === 0) return part('breadth', null, null);
	const improved = measured.filter((x) => x > 0).length;
	return part('breadth', improved / SCORE_AREAS.length, improved);
}

/** Synergy part (减污降碳协同): 1 when pollutantReduction > 0 and carbonReduction > 0, else 0; null when either is unknown. No figure. */
function synergyPart(input: ScoreInput): PartResult {
	const p = known(input.pollutantReduction);
	const c = known(input.carbonReduction);
	if (p === null || c === null) return part('synergy', null, null);
	return part('synergy', p > 0 && c > 0 ? 1 : 0, null);
}

/** Reporting part: (onTime + 0.5 × late) ÷ due, clamped to 0..1; null when nothing is due yet; figure = onTime. */
function reportingPart(input: ScoreInput): PartResult {
	const { due, onTime, late } = input.reports;
	if (!(due > 0)) return part('reporting', null, null);
	const value = (onTime + 0.5 * late) / due;
	return part('reporting', Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : null, onTime);
}

/** 万元 invested per tonne of pollutants reduced; null unless investment > 0 and pollutantReduction > 0. */
function costPerTonne(input: ScoreInput): number | null {
	const inv = known(input.investment);
	const pol = known(input.pollutantReduction);
	return inv !== null && pol !== null && inv > 0 && pol > 0 ? inv / pol : null;
}

/** numerator ÷ enterprisesCovered, when enterprisesCovered > 0 and the numerator is known. */
function perEnterprise(numerator: number | null, enterprises: number | null): number | null {
	const n = known(numerator);
	const e = known(enterprises);
	return n !== null && e !== null && e > 0 ? n / e : null;
}

/**
 * Cost-effectiveness part: figure = investment ÷ pollutantReduction (万元 per tonne; only when both are > 0, else no
 * value). It is ranked (lower is better, see percentileRank) among the pilots with such a figure in the narrowest peer
 * group that has at least MIN_PEERS members: same primary industry and same basin (no basin is a group of its own),
 * else same primary industry, else all pilots (directly so when the industry is unknown); value = the share.
 */
function costEffectivenessParts(inputs: ScoreInput[]): PartResult[] {
	const rows = inputs.map((input) => ({
		ce: costPerTonne(input),
		industry: primaryIndustry(input),
		basin: basinOf(input)
	}));
	// the figures of each peer group, gathered once: per industry, per industry and basin, and all
	const byIndustry = new Map<string, number[]>();
	const byIndustryBasin = new Map<string, number[]>();
	const all: number[] = [];
	const basinKey = (industry: string, basin: string | null) => JSON.stringify([industry, basin]);
	const push = <K>(map: Map<K, number[]>, key: K, x: number) => {
		const list = map.get(key);
		if (list) list.push(x);
		else map.set(key, [x]);
	};
	for (const r of rows) {
		if (r.ce === null) continue;
		all.push(r.ce);
		if (r.industry === null) continue;
		push(byIndustry, r.industry, r.ce);
		push(byIndustryBasin, basinKey(r.industry, r.basin), r.ce);
	}
	const rankers = new Map<number[], ReturnType<typeof ranker>>();
	const rankIn = (peers: number[], ce: number) => {
		let rank = rankers.get(peers);
		if (!rank) rankers.set(peers, (rank = ranker(peers, true)));
		return rank(ce);
	};
	return rows.map((r) => {
		if (r.ce === null) return part('costEffectiveness', null, null);
		const sameIndustry = r.industry === null ? [] : (byIndustry.get(r.industry) ?? []);
		const sameBasin = r.industry === null ? [] : (byIndustryBasin.get(basinKey(r.industry, r.basin)) ?? []);
		const [group, peers]: [PeerRank['group'], number[]] =
			sameBasin.length >= MIN_PEERS
				? ['industry_basin', sameBasin]
				: sameIndustry.length >= MIN_PEERS
					? ['industry', sameIndustry]
					: ['all', all];
		const { rank, size, share } = rankIn(peers, r.ce);
		return part('costEffectiveness', share, r.ce, { group, rank, size });
	});
}

/**
 * Audit-efficiency part (the input-output ratio of the audit): cost per enterprise = auditCost ÷ enterprisesCovered and
 * days per enterprise = auditDays ÷ enterprisesCovered (each only when enterprisesCovered > 0 and the numerator is
 * known), each ranked among all pilots having that figure (lower is better); value = the mean of the available shares,
 * null when neither figure exists; figure and peer = cost per enterprise (万元/家) and its rank, or days per enterprise
 * and its rank when the cost is missing.
 */
function auditEfficiencyParts(inputs: ScoreInput[]): PartResult[] {
	const costs = inputs.map((i) => perEnterprise(i.auditCost, i.enterprisesCovered));
	const days = inputs.map((i) => perEnterprise(i.auditDays, i.enterprisesCovered));
	const costRank = ranker(
		costs.filter((x): x is number => x !== null),
		true
	);
	const dayRank = ranker(
		days.filter((x): x is number => x !== null),
		true
	);
	return inputs.map((_, i) => {
		const cost = costs[i];
		const day = days[i];
		const c = cost === null ? null : costRank(cost);
		const d = day === null ? null : dayRank(day);
		const shown = c !== null ? { figure: cost, r: c } : d !== null ? { figure: day, r: d } : null;
		if (shown === null) return part('auditEfficiency', null, null);
		const shares = [c, d].filter((x) => x !== null).map((x) => x.share);
		const value = shares.reduce((a, b) => a + b, 0) / shares.length;
		return part('auditEfficiency', value, shown.figure, { group: 'all', rank: shown.r.rank, size: shown.r.size });
	});
}

/**
 * Score every pilot, in input order. score = Σ points (parts without data add 0), rounded to 1 decimal; isCandidate =
 * score ≥ CANDIDATE_THRESHOLD (on the rounded score). rank = competition rank of the rounded score (higher is better)
 * among the given pilots with the same primary industry, or among all of them when the industry is unknown.
 * Cost-effectiveness and audit efficiency are relative: they depend on which pilots are scored together.
 */
export function scorePilots(inputs: ScoreInput[]): PilotScore[] {
	const ce = costEffectivenessParts(inputs);
	const audit = auditEfficiencyParts(inputs);
	const scored = inputs.map((input, i) => {
		const parts = [
			attainmentPart(input),
			breadthPart(input),
			synergyPart(input),
			ce[i],
			audit[i],
			reportingPart(input)
		];
		const score = round1(parts.reduce((sum, p) => sum + p.points, 0));
		return { code: input.code, score, parts, industry: primaryIndustry(input) };
	});
	// each pilot's score ranks among its industry's (every pilot's when the industry is unknown)
	const byIndustry = new Map<string, number[]>();
	for (const s of scored) {
		if (s.industry === null) continue;
		const list = byIndustry.get(s.industry);
		if (list) list.push(s.score);
		else byIndustry.set(s.industry, [s.score]);
	}
	const rankAll = ranker(
		scored.map((s) => s.score),
		false
	);
	const rankers = new Map([...byIndustry].map(([industry, scores]) => [industry, ranker(scores, false)]));
	return scored.map(({ code, score, parts, industry }) => {
		const { rank, size } = (industry === null ? rankAll : rankers.get(industry)!)(score);
		const group: PeerRank['group'] = industry === null ? 'all' : 'industry';
		return { code, score, parts, isCandidate: score >= CANDIDATE_THRESHOLD, rank: { group, rank, size } };
	});
}
