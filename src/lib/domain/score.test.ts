// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import {
	ATTAINMENT_CAP,
	CANDIDATE_THRESHOLD,
	MIN_PEERS,
	percentileRank,
	ranker,
	SCORE_AREAS,
	SCORE_PARTS,
	SCORE_WEIGHTS,
	scorePilots,
	type PeerRank,
	type PilotScore,
	type ScoreInput,
	type ScorePart
} from './score';

/** A pilot with nothing known: every part is null and the score is 0. */
const pilot = (code: string, over: Partial<ScoreInput> = {}): ScoreInput => ({
	code,
	industries: [],
	basin: null,
	attainment: null,
	areaImprovement: {},
	pollutantReduction: null,
	carbonReduction: null,
	investment: null,
	auditCost: null,
	auditDays: null,
	enterprisesCovered: null,
	reports: { due: 0, onTime: 0, late: 0 },
	...over
});

const partOf = (s: PilotScore, name: ScorePart) => s.parts.find((p) => p.part === name)!;

describe('constants', () => {
	it('weights sum to 100 and cover exactly the parts', () => {
		// 30 + 15 + 15 + 15 + 10 + 15 = 100
		expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
		expect(Object.keys(SCORE_WEIGHTS).sort()).toEqual([...SCORE_PARTS].sort());
	});

	it('has the documented areas, cap, threshold and peer minimum', () => {
		expect(SCORE_AREAS).toEqual(['energy', 'water', 'material', 'pollution', 'carbon']);
		expect(ATTAINMENT_CAP).toBe(1.25);
		expect(CANDIDATE_THRESHOLD).toBe(65);
		expect(MIN_PEERS).toBe(3);
	});
});

describe('percentileRank', () => {
	it.each<[string, number[], number, boolean, { rank: number; size: number; share: number }]>([
		// lower is better: [2, 2, 4]; nothing below 2 → rank 1 for both 2s; share (3 − 1) / 2 = 1
		['tie at the top shares rank 1', [2, 2, 4], 2, true, { rank: 1, size: 3, share: 1 }],
		// two values below 4 → rank 3 (not 2: competition ranking "1 1 3"); share (3 − 3) / 2 = 0
		['after a tie the next rank is skipped', [2, 2, 4], 4, true, { rank: 3, size: 3, share: 0 }],
		// "1224": [1, 2, 2, 4] lower better; one value below 2 → rank 2 for both 2s; share (4 − 2) / 3 = 2/3
		['1224: the tied middle', [1, 2, 2, 4], 2, true, { rank: 2, size: 4, share: 2 / 3 }],
		// 4: three values below → rank 4; share 0
		['1224: the last', [1, 2, 2, 4], 4, true, { rank: 4, size: 4, share: 0 }],
		// higher is better: [1, 2, 2, 4]; 4 is best → rank 1, share 1
		['higher is better: the top', [1, 2, 2, 4], 4, false, { rank: 1, size: 4, share: 1 }],
		// higher is better: one value above 2 (the 4) → rank 2; share (4 − 2) / 3 = 2/3
		['higher is better: the tie', [1, 2, 2, 4], 2, false, { rank: 2, size: 4, share: 2 / 3 }],
		// [2, 2.5, 3, 4, 2] lower better, 2.5: the two 2s are below → rank 3; share (5 − 3) / 4 = 0.5
		['the middle of five', [2, 2, 4, 3, 2.5], 2.5, true, { rank: 3, size: 5, share: 0.5 }],
		// alone: size 1 → share 1 by definition
		['alone', [7], 7, true, { rank: 1, size: 1, share: 1 }],
		// all equal: everyone rank 1, share (3 − 1) / 2 = 1
		['all equal', [5, 5, 5], 5, false, { rank: 1, size: 3, share: 1 }]
	])('%s', (_name, values, value, lowerIsBetter, want) => {
		const got = percentileRank(values, value, lowerIsBetter);
		expect(got.rank).toBe(want.rank);
		expect(got.size).toBe(want.size);
		expect(got.share).toBeCloseTo(want.share, 12);
	});

	it.each<[string, number[], number]>([
		['a value not among the values', [1, 2, 3], 4],
		['an empty list', [], 1],
		['NaN', [Number.NaN], Number.NaN]
	])('refuses %s', (_name, values, value) => {
		expect(() => percentileRank(values, value, true)).toThrow(RangeError);
	});
});

describe('ranker (percentileRank of many values against one sorted list)', () => {
	/** A small deterministic generator, so that the lists have ties, zeros and negatives. */
	const lcg = (seed: number) => () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

	it('gives what percentileRank gives, for every value of many lists, both ways', () => {
		const rand = lcg(7);
		for (let n = 1; n <= 40; n++) {
			const values = Array.from({ length: n }, () => Math.round(rand() * 20 - 5) / 2);
			for (const lowerIsBetter of [true, false]) {
				const rank = ranker(values, lowerIsBetter);
				for (const v of values) expect(rank(v)).toEqual(percentileRank(values, v, lowerIsBetter));
			}
		}
	});

	it('refuses what percentileRank refuses', () => {
		expect(() => ranker([1, 2, 3], true)(4)).toThrow(RangeError);
		expect(() => ranker([], true)(1)).toThrow(RangeError);
		expect(() => ranker([Number.NaN], true)(Number.NaN)).toThrow(RangeError);
	});

	it('ranks 400 generated pilots as percentileRank over each peer group does', () => {
		const rand = lcg(11);
		const industries = ['钢铁', '造纸', '化工', ''];
		const basins = [null, '长江', '黄河'];
		const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
		const inputs = Array.from({ length: 400 }, (_, i) =>
			pilot(`g${i}`, {
				industries: [pick(industries)],
				basin: pick(basins),
				attainment: rand() < 0.8 ? Math.round(rand() * 12) / 10 : null,
				investment: rand() < 0.7 ? Math.round(rand() * 10) : null,
				pollutantReduction: rand() < 0.7 ? 1 + Math.round(rand() * 4) : null,
				auditCost: rand() < 0.6 ? Math.round(rand() * 8) : null,
				enterprisesCovered: 1 + Math.floor(rand() * 3)
			})
		);
		const scored = scorePilots(inputs);
		const ce = (i: ScoreInput) =>
			i.investment && i.pollutantReduction && i.investment > 0 ? i.investment / i.pollutantReduction : null;
		scored.forEach((s, k) => {
			const industry = inputs[k].industries[0] || null;
			const peers = scored.filter((o, j) => industry === null || (inputs[j].industries[0] || null) === industry);
			const { rank, size } = percentileRank(
				peers.map((o) => o.score),
				s.score,
				false
			);
			expect(s.rank).toEqual({ group: industry === null ? 'all' : 'industry', rank, size });
			const mine = ce(inputs[k]);
			const peer = partOf(s, 'costEffectiveness').peer;
			if (mine === null) return expect(peer).toBeNull();
			const withCe = inputs.filter((i) => ce(i) !== null);
			const sameIndustry = industry === null ? [] : withCe.filter((i) => (i.industries[0] || null) === industry);
			const sameBasin = sameIndustry.filter((i) => i.basin === inputs[k].basin);
			const [group, members] =
				sameBasin.length >= MIN_PEERS
					? (['industry_basin', sameBasin] as const)
					: sameIndustry.length >= MIN_PEERS
						? (['industry', sameIndustry] as const)
						: (['all', withCe] as const);
			const among = percentileRank(members.map(ce) as number[], mine, true);
			expect(peer).toEqual({ group, rank: among.rank, size: among.size });
		});
	});
});

describe('scorePilots: six hand-computed pilots', () => {
	// Figures that feed the relative parts, computed by hand:
	//
	// cost-effectiveness ce = investment / pollutantReduction (万元/t), lower is better:
	//   A 100/50 = 2, B 40/20 = 2, C 80/20 = 4   (印染, 长江)
	//   D 90/30 = 3                              (印染, 黄河)
	//   E 25/10 = 2.5                            (电镀, 长江)
	//   F pollutantReduction null → no ce        (industry unknown)
	// A, B, C: group 印染+长江 has 3 ≥ MIN_PEERS → industry_basin [2, 2, 4]:
	//   A, B tie at rank 1, share (3−1)/2 = 1; C rank 3, share 0.
	// D: 印染+黄河 has only 1 → industry 印染 [2, 2, 4, 3], size 4: two below 3 → rank 3, share (4−3)/3 = 1/3.
	// E: 电镀+长江 has 1, 电镀 has 1 → all pilots with a ce [2, 2, 4, 3, 2.5], size 5: two below 2.5 → rank 3,
	//   share (5−3)/4 = 0.5.
	//
	// audit cost per enterprise (万元/家), all pilots, lower better: A 30/10 = 3, B 20/10 = 2, C 60/20 = 3, E 20/5 = 4
	//   (D has no cost, F covers 0 enterprises) → [3, 2, 3, 4], size 4:
	//   A rank 2 share 2/3; B rank 1 share 1; C rank 2 (tie with A) share 2/3; E rank 4 share 0.
	// audit days per enterprise: A 50/10 = 5, C 60/20 = 3, D 40/8 = 5, E 10/5 = 2 (B has no days) → [5, 3, 5, 2]:
	//   A rank 3 share 1/3; C rank 2 share 2/3; D rank 3 (tie with A) share 1/3; E rank 1 share 1.
	// audit value = mean of the available shares:
	//   A (2/3 + 1/3)/2 = 0.5; B 1 (cost only); C (2/3 + 2/3)/2 = 2/3; D 1/3 (days only); E (0 + 1)/2 = 0.5; F null.
	const inputs: ScoreInput[] = [
		pilot('A', {
			industries: ['印染'],
			basin: '长江',
			attainment: 1.5, // above the cap
			areaImprovement: { energy: 1, water: 1, material: 1, pollution: 1, carbon: 1 },
			pollutantReduction: 50,
			carbonReduction: 100,
			investment: 100,
			auditCost: 30,
			auditDays: 50,
			enterprisesCovered: 10,
			reports: { due: 4, onTime: 3, late: 1 }
		}),
		pilot('B', {
			industries: ['印染', '造纸'],
			basin: '长江',
			attainment: 1,
			areaImprovement: { energy: 5, water: 0, material: -1, pollution: 2 }, // carbon not measured
			pollutantReduction: 20,
			carbonReduction: 0,
			investment: 40,
			auditCost: 20,
			auditDays: null,
			enterprisesCovered: 10,
			reports: { due: 3, onTime: 2, late: 0 }
		}),
		pilot('C', {
			industries: ['印染'],
			basin: '长江',
			attainment: 0.9,
			areaImprovement: { energy: 1, water: 2, material: 3, pollution: 4, carbon: 0 },
			pollutantReduction: 20,
			carbonReduction: 10,
			investment: 80,
			auditCost: 60,
			auditDays: 60,
			enterprisesCovered: 20,
			reports: { due: 4, onTime: 4, late: 0 }
		}),
		pilot('D', {
			industries: ['印染'],
			basin: '黄河',
			attainment: 0.5,
			areaImprovement: { energy: 2, water: null, carbon: 1 },
			pollutantReduction: 30,
			carbonReduction: 5,
			investment: 90,
			auditCost: null,
			auditDays: 40,
			enterprisesCovered: 8,
			reports: { due: 2, onTime: 0, late: 2 }
		}),
		pilot('E', {
			industries: ['电镀'],
			basin: '长江',
			attainment: 0.6,
			areaImprovement: { energy: 1, water: 1, material: 1, pollution: null },
			pollutantReduction: 10,
			carbonReduction: null,
			investment: 25,
			auditCost: 20,
			auditDays: 10,
			enterprisesCovered: 5,
			reports: { due: 4, onTime: 1, late: 2 }
		}),
		pilot('F', {
			industries: [],
			basin: null,
			areaImprovement: { energy: null },
			carbonReduction: 3,
			investment: 50,
			auditCost: 10,
			auditDays: 5,
			enterprisesCovered: 0,
			reports: { due: 0, onTime: 0, late: 0 }
		})
	];

	type Want = [value: number | null, points: number, figure: number | null, peer?: PeerRank | null];
	const cases: {
		code: string;
		parts: Record<ScorePart, Want>;
		score: number;
		isCandidate: boolean;
		rank: PeerRank;
	}[] = [
		{
			code: 'A',
			parts: {
				attainment: [1, 30, 1.5], // clamp(1.5, 0, 1.25) / 1.25 = 1 → 30 × 1 = 30; figure is the uncapped 1.5
				breadth: [1, 15, 5], // 5 of 5 improved → 5/5 = 1 → 15
				synergy: [1, 15, null], // 50 > 0 and 100 > 0 → 1 → 15
				costEffectiveness: [1, 15, 2, { group: 'industry_basin', rank: 1, size: 3 }], // share 1 → 15
				auditEfficiency: [0.5, 5, 3, { group: 'all', rank: 2, size: 4 }], // 10 × 0.5 = 5; figure 3 万元/家
				reporting: [0.875, 13.125, 3] // (3 + 0.5 × 1) / 4 = 0.875 → 15 × 0.875 = 13.125
			},
			score: 93.1, // 30 + 15 + 15 + 15 + 5 + 13.125 = 93.125 → 93.1
			isCandidate: true,
			rank: { group: 'industry', rank: 1, size: 4 } // 印染 scores 93.1, 65, 70.3, 48.8
		},
		{
			code: 'B',
			parts: {
				attainment: [0.8, 24, 1], // 1 / 1.25 = 0.8 → 24
				breadth: [0.4, 6, 2], // energy 5 and pollution 2 improved; water 0 and material −1 do not → 2/5 → 6
				synergy: [0, 0, null], // carbonReduction 0 is not > 0 → 0
				costEffectiveness: [1, 15, 2, { group: 'industry_basin', rank: 1, size: 3 }], // tie with A → share 1 → 15
				auditEfficiency: [1, 10, 2, { group: 'all', rank: 1, size: 4 }], // cost share 1 only → 10
				reporting: [2 / 3, 10, 2] // (2 + 0) / 3 → 15 × 2/3 = 10
			},
			score: 65, // 24 + 6 + 0 + 15 + 10 + 10 = 65 → 65.0: exactly at the threshold
			isCandidate: true,
			rank: { group: 'industry', rank: 3, size: 4 }
		},
		{
			code: 'C',
			parts: {
				attainment: [0.72, 21.6, 0.9], // 0.9 / 1.25 = 0.72 → 21.6
				breadth: [0.8, 12, 4], // 1, 2, 3, 4 > 0; carbon 0 is not → 4/5 → 12
				synergy: [1, 15, null], // 20 > 0 and 10 > 0
				costEffectiveness: [0, 0, 4, { group: 'industry_basin', rank: 3, size: 3 }], // worst of 3 → 0
				auditEfficiency: [2 / 3, 20 / 3, 3, { group: 'all', rank: 2, size: 4 }], // 10 × 2/3 = 6.667
				reporting: [1, 15, 4] // 4 / 4 = 1 → 15
			},
			score: 70.3, // 21.6 + 12 + 15 + 0 + 6.667 + 15 = 70.267 → 70.3
			isCandidate: true,
			rank: { group: 'industry', rank: 2, size: 4 }
		},
		{
			code: 'D',
			parts: {
				attainment: [0.4, 12, 0.5], // 0.5 / 1.25 = 0.4 → 12
				breadth: [0.4, 6, 2], // energy 2, carbon 1; water null and the rest missing → 2/5 (out of 5, not of 2) → 6
				synergy: [1, 15, null], // 30 > 0 and 5 > 0
				costEffectiveness: [1 / 3, 5, 3, { group: 'industry', rank: 3, size: 4 }], // fallback → 15 × 1/3 = 5
				auditEfficiency: [1 / 3, 10 / 3, 5, { group: 'all', rank: 3, size: 4 }], // days only: figure 5 days/家
				reporting: [0.5, 7.5, 0] // (0 + 0.5 × 2) / 2 = 0.5 → 7.5
			},
			score: 48.8, // 12 + 6 + 15 + 5 + 3.333 + 7.5 = 48.833 → 48.8
			isCandidate: false,
			rank: { group: 'industry', rank: 4, size: 4 }
		},
		{
			code: 'E',
			parts: {
				attainment: [0.48, 14.4, 0.6], // 0.6 / 1.25 = 0.48 → 14.4
				breadth: [0.6, 9, 3], // energy, water, material → 3/5 → 9
				synergy: [null, 0, null], // carbonReduction null → null → 0 points
				costEffectiveness: [0.5, 7.5, 2.5, { group: 'all', rank: 3, size: 5 }], // fallback twice → 7.5
				auditEfficiency: [0.5, 5, 4, { group: 'all', rank: 4, size: 4 }], // (0 + 1)/2 → 5; figure = cost 4
				reporting: [0.5, 7.5, 1] // (1 + 0.5 × 2) / 4 = 0.5 → 7.5
			},
			score: 43.4, // 14.4 + 9 + 0 + 7.5 + 5 + 7.5 = 43.4
			isCandidate: false,
			rank: { group: 'industry', rank: 1, size: 1 } // the only 电镀 pilot
		},
		{
			code: 'F',
			parts: {
				attainment: [null, 0, null], // unknown
				breadth: [null, 0, null], // the only area given is null → nothing measured
				synergy: [null, 0, null], // pollutantReduction null
				costEffectiveness: [null, 0, null], // no pollutant figure → no ce (investment alone is not enough)
				auditEfficiency: [null, 0, null], // enterprisesCovered 0 → no per-enterprise figure
				reporting: [null, 0, null] // nothing due
			},
			score: 0,
			isCandidate: false,
			rank: { group: 'all', rank: 6, size: 6 } // industry unknown → among all six; 0 is the lowest
		}
	];

	const scores = scorePilots(inputs);

	it('keeps the input order', () => {
		expect(scores.map((s) => s.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
	});

	describe.each(cases)('pilot $code', ({ code, parts, score, isCandidate, rank }) => {
		const s = scores.find((x) => x.code === code)!;

		it('lists the parts in SCORE_PARTS order with their weights', () => {
			expect(s.parts.map((p) => p.part)).toEqual([...SCORE_PARTS]);
			expect(s.parts.map((p) => p.weight)).toEqual(SCORE_PARTS.map((p) => SCORE_WEIGHTS[p]));
		});

		it.each(SCORE_PARTS)('%s', (name) => {
			const [value, points, figure, peer = null] = parts[name];
			const got = partOf(s, name);
			if (value === null) expect(got.value).toBeNull();
			else expect(got.value).toBeCloseTo(value, 10);
			expect(got.points).toBeCloseTo(points, 10);
			if (figure === null) expect(got.figure).toBeNull();
			else expect(got.figure).toBeCloseTo(figure, 10);
			expect(got.peer).toEqual(peer);
		});

		it(`scores ${score}, candidate ${isCandidate}`, () => {
			expect(s.score).toBe(score);
			expect(s.isCandidate).toBe(isCandidate);
			expect(s.rank).toEqual(rank);
		});
	});
});

describe('the candidate threshold applies to the rounded score', () => {
	// Pilot B from the table scores 24 + 6 + 0 + 15 + 10 = 55 before reporting; only its reporting varies here, and
	// reporting has no peers, so the other parts stay as computed above.
	const b = (reports: ScoreInput['reports']): ScoreInput =>
		pilot('B', {
			industries: ['印染'],
			attainment: 1,
			areaImprovement: { energy: 5, water: 0, material: -1, pollution: 2 },
			pollutantReduction: 20,
			carbonReduction: 0,
			investment: 40,
			auditCost: 20,
			enterprisesCovered: 10,
			reports
		});

	it.each([
		// 55 + 15 × 2/3 = 65 → 65.0, candidate (exactly at the threshold)
		{ reports: { due: 3, onTime: 2, late: 0 }, score: 65, isCandidate: true },
		// 55 + 15 × 133/200 = 55 + 9.975 = 64.975 → 65.0, candidate
		{ reports: { due: 200, onTime: 133, late: 0 }, score: 65, isCandidate: true },
		// 55 + 15 × (26 + 0.5)/40 = 55 + 9.9375 = 64.9375 → 64.9, not a candidate
		{ reports: { due: 40, onTime: 26, late: 1 }, score: 64.9, isCandidate: false },
		// 55 + 15 × (19 + 0.5)/30 = 55 + 9.75 = 64.75 → 64.8, not a candidate
		{ reports: { due: 30, onTime: 19, late: 1 }, score: 64.8, isCandidate: false }
	])('reports $reports.onTime + $reports.late late of $reports.due → $score', ({ reports, score, isCandidate }) => {
		// Alone, B's ce and audit figures rank 1 of 1 → share 1, as in the table.
		const [s] = scorePilots([b(reports)]);
		expect(s.score).toBe(score);
		expect(s.isCandidate).toBe(isCandidate);
	});
});

describe('single parts', () => {
	const one = (over: Partial<ScoreInput>, name: ScorePart) => partOf(scorePilots([pilot('X', over)])[0], name);

	it.each<[number | null, number | null, number]>([
		[1.5, 1, 30], // capped: 1.25 / 1.25
		[1.25, 1, 30], // exactly the cap
		[1, 0.8, 24], // 1 / 1.25
		[0, 0, 0],
		[-0.4, 0, 0], // negative progress clamps to 0
		[null, null, 0],
		[Number.NaN, null, 0] // not a number counts as unknown
	])('attainment %s → value %s, %s points', (attainment, value, points) => {
		const p = one({ attainment }, 'attainment');
		if (value === null) expect(p.value).toBeNull();
		else expect(p.value).toBeCloseTo(value, 12);
		expect(p.points).toBeCloseTo(points, 12);
	});

	it.each<[string, ScoreInput['areaImprovement'], number | null, number | null]>([
		['nothing given', {}, null, null],
		['all null', { energy: null, water: null }, null, null],
		['measured, none improved', { energy: 0, water: -3 }, 0, 0], // 0/5, figure 0 (not null: something was measured)
		['one of one measured improved', { carbon: 0.1 }, 0.2, 1] // 1/5, out of all five areas
	])('breadth: %s', (_name, areaImprovement, value, figure) => {
		const p = one({ areaImprovement }, 'breadth');
		expect(p.value).toBe(value);
		expect(p.figure).toBe(figure);
	});

	it.each<[number | null, number | null, number | null]>([
		[1, 1, 1],
		[1, 0, 0],
		[0, 1, 0],
		[-2, 5, 0],
		[null, 1, null],
		[1, null, null]
	])('synergy: pollutant %s, carbon %s → %s', (pollutantReduction, carbonReduction, value) => {
		expect(one({ pollutantReduction, carbonReduction }, 'synergy').value).toBe(value);
	});

	it.each<[ScoreInput['reports'], number | null, number | null]>([
		[{ due: 4, onTime: 0, late: 0 }, 0, 0], // all missing
		[{ due: 4, onTime: 0, late: 4 }, 0.5, 0], // all late: 0.5 × 4 / 4
		[{ due: 2, onTime: 3, late: 0 }, 1, 3], // inconsistent data (more on time than due) clamps to 1
		[{ due: 0, onTime: 0, late: 0 }, null, null] // nothing due yet
	])('reporting %o → %s', (reports, value, figure) => {
		const p = one({ reports }, 'reporting');
		expect(p.value).toBe(value);
		expect(p.figure).toBe(figure);
	});

	it.each<[string, Partial<ScoreInput>]>([
		['investment 0', { investment: 0, pollutantReduction: 10 }],
		['investment null', { investment: null, pollutantReduction: 10 }],
		['pollutant reduction 0', { investment: 10, pollutantReduction: 0 }],
		['pollutant reduction negative', { investment: 10, pollutantReduction: -5 }]
	])('no cost-effectiveness with %s', (_name, over) => {
		expect(one(over, 'costEffectiveness')).toEqual({
			part: 'costEffectiveness',
			value: null,
			weight: 15,
			points: 0,
			figure: null,
			peer: null
		});
	});

	it('audit efficiency: 0 cost is a figure, a negative enterprise count is not', () => {
		// alone: cost 0/4 = 0 → rank 1 of 1, share 1 → 10 points
		expect(one({ auditCost: 0, enterprisesCovered: 4 }, 'auditEfficiency')).toMatchObject({ value: 1, figure: 0 });
		expect(one({ auditCost: 10, auditDays: 3, enterprisesCovered: -1 }, 'auditEfficiency').value).toBeNull();
	});
});

describe('cost-effectiveness peer groups', () => {
	const ce = (code: string, industries: string[], basin: string | null, investment: number) =>
		pilot(code, { industries, basin, investment, pollutantReduction: 1 });
	const peers = (inputs: ScoreInput[]) =>
		Object.fromEntries(scorePilots(inputs).map((s) => [s.code, partOf(s, 'costEffectiveness').peer]));

	it('treats no basin as a basin of its own, and an empty first industry as unknown', () => {
		const got = peers([
			ce('n1', ['造纸'], null, 1), // 造纸 + none: n1, n2, n3 → 3 ≥ MIN_PEERS
			ce('n2', ['造纸'], '', 2), // '' basin = none
			ce('n3', ['造纸'], null, 3),
			ce('y1', ['造纸'], '黄河', 1), // 造纸 + 黄河: 1 → 造纸: 4 → industry
			ce('u1', ['', '造纸'], null, 5) // primary '' → unknown → all (5 with a ce), even though 造纸 is listed second
		]);
		// n1..n3 among [1, 2, 3]
		expect(got.n1).toEqual({ group: 'industry_basin', rank: 1, size: 3 });
		expect(got.n3).toEqual({ group: 'industry_basin', rank: 3, size: 3 });
		// y1 among 造纸 [1, 2, 3, 1]: nothing below 1 → rank 1
		expect(got.y1).toEqual({ group: 'industry', rank: 1, size: 4 });
		// u1 among all [1, 2, 3, 1, 5]: worst
		expect(got.u1).toEqual({ group: 'all', rank: 5, size: 5 });
	});

	it('falls back to all pilots even when that group is small, and ignores pilots without a ce', () => {
		const got = peers([
			ce('a', ['钢铁'], '长江', 4),
			ce('b', ['焦化'], '长江', 2),
			pilot('c', { industries: ['钢铁'], basin: '长江', investment: 9 }) // no pollutant figure → not a peer
		]);
		// a: 钢铁+长江 has 1 with a ce, 钢铁 has 1, all has 2: [4, 2] → rank 2, share (2 − 2)/1 = 0
		expect(got.a).toEqual({ group: 'all', rank: 2, size: 2 });
		expect(got.b).toEqual({ group: 'all', rank: 1, size: 2 });
		expect(got.c).toBeNull();
	});
});

describe('score rank', () => {
	it('ranks tied scores together within the primary industry; unknown industry ranks among all', () => {
		// attainment only: 30 × a / 1.25 → 1.25 → 30, 1 → 24, 0.5 → 12
		const got = scorePilots([
			pilot('p', { industries: ['建材'], attainment: 1 }), // 24
			pilot('q', { industries: ['建材'], attainment: 1.25 }), // 30
			pilot('r', { industries: ['建材'], attainment: 1 }), // 24, tie with p
			pilot('s', { industries: ['建材'], attainment: 0.5 }), // 12
			pilot('t', { industries: [' '], attainment: 1 }) // blank → unknown: among all [24, 30, 24, 12, 24]
		]);
		expect(got.map((s) => [s.code, s.score, s.rank])).toEqual([
			['p', 24, { group: 'industry', rank: 2, size: 4 }],
			['q', 30, { group: 'industry', rank: 1, size: 4 }],
			['r', 24, { group: 'industry', rank: 2, size: 4 }],
			['s', 12, { group: 'industry', rank: 4, size: 4 }], // "1224"
			['t', 24, { group: 'all', rank: 2, size: 5 }]
		]);
	});

	it('returns nothing for no pilots', () => {
		expect(scorePilots([])).toEqual([]);
	});
});
