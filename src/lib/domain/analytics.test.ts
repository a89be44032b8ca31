// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import {
	auditInputOutput,
	breakdown,
	costEffectiveness,
	factIndex,
	headline,
	improvementOf,
	keysOf,
	matrix,
	scoreInputOf,
	series,
	synergy,
	type Fact,
	type PilotRow
} from './analytics';

const pilot = (id: number, over: Partial<PilotRow>): PilotRow => ({
	id,
	code: `P${id}`,
	nameZh: `试点${id}`,
	nameEn: null,
	batch: 2,
	category: 1,
	provinceCode: '320000',
	airRegion: null,
	basin: null,
	industries: [],
	progressStatus: null,
	attainment: null,
	reportsDue: 0,
	reportsOnTime: 0,
	reportsLate: 0,
	enterprises: 0,
	score: null,
	isCandidate: false,
	...over
});
const fact = (
	pilotId: number,
	indicatorCode: string,
	quarters: number,
	sum: number,
	latestValue: number,
	baseline: number | null
): Fact => ({
	pilotId,
	indicatorCode,
	quarters,
	sum,
	latestValue,
	baseline
});

// Three pilots, figures chosen so every total can be checked by hand.
const pilots = [
	pilot(1, {
		industries: ['steel', 'coking'],
		airRegion: 'jjj',
		provinceCode: '130000',
		progressStatus: 'on_track',
		attainment: 1.2,
		reportsDue: 2,
		reportsOnTime: 2,
		enterprises: 10,
		score: 70,
		isCandidate: true
	}),
	pilot(2, {
		industries: ['steel'],
		airRegion: 'jjj',
		provinceCode: '110000',
		category: 2,
		progressStatus: 'behind',
		attainment: 0.5,
		reportsDue: 2,
		reportsOnTime: 1,
		reportsLate: 0,
		enterprises: 5,
		score: 40
	}),
	pilot(3, { industries: ['dyeing'], basin: 'yangtze', reportsDue: 1, reportsLate: 1, enterprises: 3, score: 55 })
];
const facts = factIndex([
	// P1 voc: baseline 400 t/yr, two quarters summing 180 → 2 × 100 − 180 = 20 t reduced
	fact(1, 'voc', 2, 180, 85, 400),
	// P1 co2: baseline 8000, two quarters summing 3800 → 4000 − 3800 = 200
	fact(1, 'co2', 2, 3800, 1900, 8000),
	// P1 investment: cumulative, latest 100 万元 (the sum is meaningless)
	fact(1, 'investment', 2, 150, 100, null),
	fact(1, 'enterprises_covered', 2, 15, 10, null),
	fact(1, 'audit_cost', 2, 120, 80, 200),
	fact(1, 'audit_days', 2, 900, 600, null),
	// P2 voc: baseline 200, one quarter of 60 → 50 − 60 = −10 (worse)
	fact(2, 'voc', 1, 60, 60, 200),
	// P2 co2: baseline 4000, one quarter 900 → 1000 − 900 = 100
	fact(2, 'co2', 1, 900, 900, 4000),
	fact(2, 'investment', 1, 30, 30, null),
	// P3 nh3n: baseline 40, two quarters of 8 → 20 − 16 = 4; benefit (higher) sum 12
	fact(3, 'nh3n', 2, 16, 8, 40),
	fact(3, 'benefit', 2, 12, 7, null),
	// no baseline: cannot tell
	fact(3, 'tp', 2, 2, 1, null)
]);

describe('improvementOf', () => {
	it('follows the direction and kind of the indicator', () => {
		expect(improvementOf(fact(1, 'voc', 2, 180, 85, 400))).toBe(20);
		expect(improvementOf(fact(1, 'benefit', 2, 12, 7, null))).toBe(12);
		expect(improvementOf(fact(1, 'enterprises_covered', 2, 15, 10, null))).toBe(10);
		expect(improvementOf(fact(1, 'investment', 2, 150, 100, null))).toBeNull();
		expect(improvementOf(fact(1, 'audit_cost', 2, 120, 80, 200))).toBeNull();
		expect(improvementOf(fact(1, 'tp', 2, 2, 1, null))).toBeNull();
		expect(improvementOf(fact(1, 'nope', 2, 2, 1, 4))).toBeNull();
	});
});

describe('headline', () => {
	it('adds up statuses, reports and reductions over the chosen pilots', () => {
		const h = headline(pilots, facts);
		expect(h.pilots).toBe(3);
		expect(h.candidates).toBe(1);
		expect(h.byStatus).toMatchObject({ on_track: 1, behind: 1, unknown: 1, at_risk: 0 });
		// due 2+2+1 = 5; on time 2+1 = 3; late 1; missing 5 − 3 − 1 = 1
		expect(h.reports).toEqual({ due: 5, onTime: 3, late: 1, missing: 1 });
		expect(h.enterprises).toBe(18);
		// voc: 20 + (−10) = 10 over two pilots
		expect(h.reductions.find((r) => r.code === 'voc')).toEqual({ code: 'voc', value: 10, pilots: 2 });
		expect(h.reductions.find((r) => r.code === 'nh3n')).toEqual({ code: 'nh3n', value: 4, pilots: 1 });
		expect(h.reductions.find((r) => r.code === 'tp')).toEqual({ code: 'tp', value: null, pilots: 0 });
		expect(h.carbon).toEqual({ value: 300, pilots: 2 });
		expect(h.investment).toEqual({ value: 130, pilots: 2 });
		expect(h.covered).toEqual({ value: 10, pilots: 1 });
		expect(h.benefit).toEqual({ value: 12, pilots: 1 });
	});
});

describe('breakdown', () => {
	it('counts a pilot under each of its industries and sorts by the metric', () => {
		expect(keysOf(pilots[0], 'industry')).toEqual(['steel', 'coking']);
		expect(keysOf(pilot(9, { industries: ['other:陶瓷', 'other:玻璃'] }), 'industry')).toEqual(['other']);
		expect(keysOf(pilots[2], 'region')).toEqual(['unknown']);
		expect(breakdown(pilots, facts, 'industry', 'pilots')).toEqual([
			{ key: 'steel', pilots: 2, candidates: 1, value: 2 },
			{ key: 'coking', pilots: 1, candidates: 1, value: 1 },
			{ key: 'dyeing', pilots: 1, candidates: 0, value: 1 }
		]);
		// co2 by region: jjj 200 + 100 = 300; unknown: P3 reported no co2 → null, sorted last
		expect(breakdown(pilots, facts, 'region', 'co2')).toEqual([
			{ key: 'jjj', pilots: 2, candidates: 1, value: 300 },
			{ key: 'unknown', pilots: 1, candidates: 0, value: null }
		]);
		// mean attainment by category: 1 → (1.2 + null) → 1.2; 2 → 0.5
		expect(breakdown(pilots, facts, 'category', 'attainment')).toEqual([
			{ key: '1', pilots: 2, candidates: 1, value: 1.2 },
			{ key: '2', pilots: 1, candidates: 0, value: 0.5 }
		]);
	});

	it('keeps the given keys in their order, empty ones included', () => {
		expect(matrix(pilots, facts, 'region', ['jjj', 'yrd'], ['voc'])).toEqual([
			{
				code: 'voc',
				rows: [
					{ key: 'jjj', pilots: 2, candidates: 1, value: 10 },
					{ key: 'yrd', pilots: 0, candidates: 0, value: null }
				]
			}
		]);
	});
});

describe('series', () => {
	it('lines up quarters and takes the improvement the direction asks for', () => {
		const s = series(
			[
				{ period: '2025Q4', indicatorCode: 'voc', sum: 90, baselineDelta: 10 },
				{ period: '2025Q3', indicatorCode: 'voc', sum: 95, baselineDelta: 5 },
				{ period: '2025Q4', indicatorCode: 'benefit', sum: 7, baselineDelta: null }
			],
			['voc', 'benefit']
		);
		expect(s.periods).toEqual(['2025Q3', '2025Q4']);
		expect(s.lines).toEqual([
			{ code: 'voc', values: [5, 10] },
			{ code: 'benefit', values: [null, 7] }
		]);
	});
});

describe('synergy, cost-effectiveness and audit input-output', () => {
	it('computes relative improvements and the medians', () => {
		const s = synergy(pilots, facts);
		// P1: voc 20 / (2 × 100) = 0.1; co2 200 / 4000 = 0.05. P2: voc −10 / 50 = −0.2; co2 100 / 1000 = 0.1. P3: no co2.
		expect(s.points.map((p) => [p.pilot.code, p.pollutant, p.carbon])).toEqual([
			['P1', 0.1, 0.05],
			['P2', -0.2, 0.1]
		]);
		expect(s.medianPollutant).toBeCloseTo(-0.05);
		expect(s.medianCarbon).toBeCloseTo(0.075);
		expect(s.both).toBe(1);
	});

	it('divides investment by tonnes reduced, only where both are positive', () => {
		// P1: 100 万元 / 20 t = 5; P2 reduced nothing (−10) → left out; P3 invested nothing → left out
		expect(costEffectiveness(pilots, facts)).toEqual([
			{ key: 'steel', investment: 100, reduction: 20, pilots: 1, candidates: 1, perTonne: 5 },
			{ key: 'coking', investment: 100, reduction: 20, pilots: 1, candidates: 1, perTonne: 5 }
		]);
	});

	it('divides audit cost and days by the enterprises covered', () => {
		// P1: 80 万元 and 600 days over 10 enterprises
		expect(auditInputOutput(pilots, facts)).toEqual([{ key: '1', covered: 10, pilots: 1, costPer: 8, daysPer: 60 }]);
		// A pilot reporting days but no cost counts in days per enterprise only: days (600 + 100) ÷ (10 + 5) enterprises
		const more = factIndex([
			...[...facts.values()].flatMap((m) => [...m.values()]),
			fact(3, 'enterprises_covered', 1, 5, 5, null),
			fact(3, 'audit_days', 1, 100, 100, null)
		]);
		const [row] = auditInputOutput([pilots[0], { ...pilots[2], category: 1 }], more);
		expect(row).toMatchObject({ covered: 15, pilots: 2, costPer: 8 });
		expect(row.daysPer).toBeCloseTo(700 / 15);
	});

	it('gives the score the unit-free area improvements and the raw figures', () => {
		const input = scoreInputOf(pilots[0], facts);
		expect(input.areaImprovement).toEqual({ energy: null, water: null, material: null, pollution: 0.1, carbon: 0.05 });
		expect(input).toMatchObject({
			pollutantReduction: 20,
			carbonReduction: 200,
			investment: 100,
			auditCost: 80,
			auditDays: 600,
			enterprisesCovered: 10,
			reports: { due: 2, onTime: 2, late: 0 }
		});
	});
});
