// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { calendar, quartersDue } from './calendar';
import type { Direction } from './indicators';
import {
	annualTarget,
	attainment,
	expectedToDate,
	GROUP_ORDER,
	groupProgress,
	improvement,
	indicatorProgress,
	overallProgress,
	progressToDate,
	quarterlyBaseline,
	statusOf,
	type IndicatorProgressInput,
	type ProgressStatus
} from './progress';

/** VOCs-like default: lower-is-better, periodic, baseline 400 t/a, target 40 t/a absolute. */
const inp = (over: Partial<IndicatorProgressInput> = {}): IndicatorProgressInput => ({
	code: 'voc',
	direction: 'lower',
	kind: 'periodic',
	baseline: 400,
	targetKind: 'absolute',
	targetValue: 40,
	values: [null, null, null, null],
	...over
});

describe('quarterlyBaseline and annualTarget', () => {
	it.each([
		[400, 100], // 400 / 4
		[10, 2.5], // 10 / 4
		[0, 0],
		[null, null]
	])('quarterlyBaseline(%s) = %s', (b, want) => {
		expect(quarterlyBaseline(b)).toBe(want);
	});

	it.each<[string, Partial<IndicatorProgressInput>, number | null]>([
		['absolute → value', { targetKind: 'absolute', targetValue: 40 }, 40],
		['absolute needs no baseline', { baseline: null, targetValue: 40 }, 40],
		['percent 10 % of 400 = 40', { targetKind: 'percent', targetValue: 10 }, 40],
		['percent 12.5 % of 800 = 100', { targetKind: 'percent', targetValue: 12.5, baseline: 800 }, 100],
		['percent without baseline → null', { targetKind: 'percent', targetValue: 10, baseline: null }, null],
		['no target kind → null', { targetKind: null, targetValue: 40 }, null],
		['no target value → null', { targetKind: 'absolute', targetValue: null }, null],
		['zero target stays 0', { targetValue: 0 }, 0]
	])('%s', (_name, over, want) => {
		expect(annualTarget(inp(over))).toBe(want);
	});
});

describe('improvement', () => {
	it.each<[string, Partial<IndicatorProgressInput>, number, number | null]>([
		['periodic lower: 400/4 − 90 = 10', { values: [90, null, null, null] }, 0, 10],
		['periodic lower, worse: 100 − 110 = −10', { values: [null, 110, null, null] }, 1, -10],
		['periodic lower, no baseline → null', { baseline: null, values: [90, null, null, null] }, 0, null],
		['periodic lower, not reported → null', { values: [90, null, null, null] }, 1, null],
		[
			'periodic higher: the value itself',
			{ direction: 'higher', baseline: null, values: [25, null, null, null] },
			0,
			25
		],
		['neutral → null', { direction: 'neutral', values: [25, null, null, null] }, 0, null],
		['cumulative higher: the value', { direction: 'higher', kind: 'cumulative', values: [3, 12, null, null] }, 1, 12],
		// conventional audit 40 days prorated to q=2: 40 × 3/4 = 30; spent 20 so far → 10 saved
		['cumulative lower: 40 × 3/4 − 20 = 10', { kind: 'cumulative', baseline: 40, values: [5, 12, 20, null] }, 2, 10]
	])('%s', (_name, over, q, want) => {
		expect(improvement(inp(over), q)).toBe(want);
	});
});

describe('progressToDate and expectedToDate', () => {
	const higherCum = { direction: 'higher', kind: 'cumulative' } as const;
	it.each<[string, Partial<IndicatorProgressInput>, number, number | null]>([
		['periodic: 10 + 5 + 15 = 30', { values: [90, 95, 85, null] }, 3, 30],
		['only due quarters: 10 + 5 = 15 (Q3 reported early)', { values: [90, 95, 85, null] }, 2, 15],
		['a gap is skipped: 10 + 15 = 25', { values: [90, null, 85, null] }, 3, 25],
		['nothing reported → null', { values: [null, null, null, null] }, 3, null],
		['nothing due → null', { values: [90, 95, 85, null] }, 0, null],
		['quartersDue 5 clamps to 4: 10+5+15+0 = 30', { values: [90, 95, 85, 100] }, 5, 30],
		['periodic higher: 5 + 7 + 3 = 15', { direction: 'higher', values: [5, 7, null, 3] }, 4, 15],
		['cumulative higher: latest 12, not 3+8+12 = 23', { ...higherCum, values: [3, 8, 12, null] }, 4, 12],
		['cumulative higher: Q4 not due → 12', { ...higherCum, values: [3, 8, 12, 20] }, 3, 12],
		// latest reported among the first 3 is q=1: 80 × 2/4 − 30 = 10 (cost saved against a conventional audit)
		['cumulative lower: 80 × 2/4 − 30 = 10', { kind: 'cumulative', baseline: 80, values: [15, 30, null, null] }, 3, 10],
		['cumulative lower without baseline → null', { kind: 'cumulative', baseline: null, values: [15, 30] }, 3, null],
		['neutral → null', { direction: 'neutral', kind: 'cumulative', values: [100, 250, null, null] }, 2, null]
	])('%s', (_name, over, qd, want) => {
		expect(progressToDate(inp(over), qd)).toBe(want);
	});

	it.each<[Partial<IndicatorProgressInput>, number, number | null]>([
		[{}, 0, 0], // 40 × 0/4
		[{}, 1, 10], // 40 × 1/4
		[{}, 3, 30], // 40 × 3/4
		[{}, 4, 40], // 40 × 4/4
		[{ targetKind: 'percent', targetValue: 10 }, 2, 20], // 10 % of 400 = 40; × 2/4
		[{ targetKind: null }, 4, null],
		[{ targetKind: 'percent', baseline: null }, 4, null]
	])('expectedToDate(%j, %i) = %s', (over, qd, want) => {
		expect(expectedToDate(inp(over), qd)).toBe(want);
	});

	it.each<[string, Direction, number, number, number]>([
		// a revision changes progress by exactly the difference: lower → −(new − old), higher → +(new − old)
		['lower, Q2 95 → 99: −4', 'lower', 1, 99, -4],
		['lower, Q1 90 → 82.5: +7.5', 'lower', 0, 82.5, 7.5],
		['higher, Q3 85 → 100: +15', 'higher', 2, 100, 15]
	])('revised quarter %s', (_name, direction, q, revised, delta) => {
		const before = inp({ direction, values: [90, 95, 85, null] });
		const after = { ...before, values: before.values.map((v, i) => (i === q ? revised : v)) };
		expect((progressToDate(after, 3) ?? NaN) - (progressToDate(before, 3) ?? NaN)).toBeCloseTo(delta, 12);
	});
});

describe('attainment and statusOf', () => {
	it.each<[number | null, number | null, number | null]>([
		[30, 30, 1],
		[24, 30, 0.8],
		[0, 10, 0],
		[-5, 10, -0.5],
		[5, 0, null], // expected 0 → null
		[null, 10, null],
		[10, null, null]
	])('attainment(%s, %s) = %s', (p, e, want) => {
		expect(attainment(p, e)).toBe(want);
	});

	it.each<[number | null, boolean, boolean, number | null, ProgressStatus]>([
		[1.0, false, false, null, 'on_track'], // boundary 1.0 is on track
		[1.5, false, false, null, 'on_track'],
		[0.9999999999999999, false, false, null, 'on_track'], // one ulp below 1 (float noise) is within 1e-9
		[0.9999999999999999, true, false, null, 'met'],
		[0.9999, false, false, null, 'at_risk'],
		[0.8, false, false, null, 'at_risk'], // boundary 0.8 is at risk
		[0.7999999999999999, false, false, null, 'at_risk'], // 0.1 + 0.7 in floats: within 1e-9 of 0.8
		[0.79, false, false, null, 'behind'],
		[0, false, false, null, 'behind'],
		[-0.5, false, false, null, 'behind'],
		[null, false, false, 12, 'unknown'],
		[1.0, true, false, null, 'met'], // after the term
		[0.99, true, false, null, 'not_met'],
		[0.8, true, false, null, 'not_met'], // at risk does not exist after the term
		[null, true, false, null, 'unknown'],
		[null, false, true, 0, 'on_track'], // zero target: progress ≥ 0
		[null, false, true, 3, 'on_track'],
		[null, false, true, -1, 'behind'],
		[null, true, true, 0, 'met'],
		[null, true, true, -1, 'not_met'],
		[null, false, true, null, 'unknown']
	])('statusOf(%s, over %s, zero %s, progress %s) = %s', (a, isTermOver, targetIsZero, progress, want) => {
		expect(statusOf(a, { isTermOver, targetIsZero, progress })).toBe(want);
	});
});

describe('indicatorProgress', () => {
	const cum = { kind: 'cumulative' } as const;
	const pct = (targetValue: number) => ({ targetKind: 'percent', targetValue }) as const;
	const zero = { baseline: 4000, targetValue: 0 } as const;
	type Want = [progress: number | null, expected: number | null, attainment: number | null, status: ProgressStatus];
	it.each<[string, Partial<IndicatorProgressInput>, number, boolean, Want, (number | null)[]?]>([
		// 100−90, 100−95, 100−85 → 30; expected 40 × 3/4 = 30; 30/30 = 1.0 exactly
		['on track at exactly 1.0', { values: [90, 95, 85, null] }, 3, false, [30, 30, 1, 'on_track'], [10, 5, 15, null]],
		// 5 + 3 + 4 = 12; 12/30 = 0.4
		['behind', { values: [95, 97, 96, null] }, 3, false, [12, 30, 0.4, 'behind'], [5, 3, 4, null]],
		// 8 + 8 = 16; expected 40 × 2/4 = 20; 16/20 = 0.8 exactly
		['at risk at exactly 0.8', { values: [92, 92, null, null] }, 2, false, [16, 20, 0.8, 'at_risk']],
		// target 10 % × 400 = 40; 8 + 4 + 12 + 0 = 24; 24/40 = 0.6 after the term
		[
			'percent target, not met',
			{ ...pct(10), values: [92, 96, 88, 100] },
			4,
			true,
			[24, 40, 0.6, 'not_met'],
			[8, 4, 12, 0]
		],
		// 4 × (100 − 90) = 40 = target → 1.0 → met
		['met after the term', { values: [90, 90, 90, 90] }, 4, true, [40, 40, 1, 'met']],
		// 9 + 10 + 10 + 10 = 39; 39/40 = 0.975 → not met (no at-risk after the term)
		['not met just below 1.0', { values: [91, 90, 90, 90] }, 4, true, [39, 40, 0.975, 'not_met']],
		// no baseline: no improvement can be computed although the absolute target gives 30 expected
		['no baseline → unknown', { baseline: null, values: [90, 95, 85, null] }, 3, false, [null, 30, null, 'unknown']],
		// benefit 10 + 10 = 20, but 10 % of an unknown baseline has no value → no expected, no attainment
		[
			'percent target without baseline',
			{ direction: 'higher', baseline: null, ...pct(10), values: [10, 10] },
			2,
			false,
			[20, null, null, 'unknown']
		],
		// zero target: (1000 − 1010) + (1000 − 990) = 0 ≥ 0 → on track although attainment is undefined
		[
			'zero target held',
			{ ...zero, values: [1010, 990, null, null] },
			2,
			false,
			[0, 0, null, 'on_track'],
			[-10, 10, null, null]
		],
		// (1000 − 1010) + (1000 − 1000) = −10 < 0
		['zero target missed', { ...zero, values: [1010, 1000, null, null] }, 2, false, [-10, 0, null, 'behind']],
		['zero target not met', { ...zero, values: [1010, 1000, 1000, 1000] }, 4, true, [-10, 0, null, 'not_met']],
		// latest 18, not 5 + 12 + 18 = 35; expected 20 × 3/4 = 15; 18/15 = 1.2
		[
			'cumulative: latest, not a sum',
			{ direction: 'higher', ...cum, targetValue: 20, values: [5, 12, 18, null] },
			3,
			false,
			[18, 15, 1.2, 'on_track'],
			[5, 12, 18, null]
		],
		// conventional 180 days: 45−30, 90−70, 135−100, 180−120; target 30 % × 180 = 54; 60/54 = 1.111…
		[
			'cumulative lower met',
			{ ...cum, baseline: 180, ...pct(30), values: [30, 70, 100, 120] },
			4,
			true,
			[60, 54, 60 / 54, 'met'],
			[15, 20, 35, 60]
		],
		// investment has no better side: no improvement, no progress and no status, even with a target (500 × 2/4)
		[
			'neutral has no status',
			{ direction: 'neutral', ...cum, targetValue: 500, values: [100, 250] },
			2,
			false,
			[null, 250, null, 'unknown'],
			[null, null]
		]
	])('%s', (_name, over, qd, termOver, [progress, expected, att, status], improvements) => {
		const r = indicatorProgress(inp(over), qd, termOver);
		expect(r).toMatchObject({ code: 'voc', progress, expectedToDate: expected, attainment: att, status });
		expect(r.quarterlyBaseline).toBe(r.baseline === null ? null : r.baseline / 4);
		if (improvements) expect(r.improvements).toEqual(improvements);
	});

	it('term starting mid-quarter: 2023-08-15, today 2024-01-16 → 2023Q3 and 2023Q4 due → expected = 40 × 2/4', () => {
		const cal = calendar('2023-08-15', 15, { '2023Q3': '2023-10-10' }, '2024-01-16');
		expect(cal.map((c) => c.period)).toEqual(['2023Q3', '2023Q4', '2024Q1', '2024Q2']);
		const qd = quartersDue(cal); // Q3 on time, Q4 missing (01-16 > 01-15) → 2
		expect(qd).toBe(2);
		// only Q3 reported: 100 − 90 = 10; 10 / 20 = 0.5 → behind
		expect(indicatorProgress(inp({ values: [90, null, null, null] }), qd, false)).toMatchObject({
			progress: 10,
			expectedToDate: 20,
			attainment: 0.5,
			status: 'behind'
		});
	});
});

describe('mid-term pilot with a value of the running quarter stored', () => {
	// Energy (tce, lower is better): baseline 40,000 tce/a → 10,000 a quarter; target 5,000 tce/a absolute.
	// Term from 2026-04-01: 2026Q2 (due 07-15), 2026Q3 (due 10-15), 2026Q4 (due 2027-01-15), 2027Q1. Today 2026-12-04:
	// Q2 and Q3 are due; Q4 runs until 12-31, yet a partial figure of 9,987.5 was stored for it on 12-01.
	const cal = calendar(
		'2026-04-01',
		15,
		{ '2026Q2': '2026-07-10', '2026Q3': '2026-10-12', '2026Q4': '2026-12-01' },
		'2026-12-04'
	);
	const energy = inp({ code: 'energy', baseline: 40_000, targetValue: 5_000, values: [8_500, 8_400, 9_987.5, null] });

	it('counts two quarters due, not three: expected 5,000 × 2/4 = 2,500, progress 1,500 + 1,600 = 3,100', () => {
		const due = quartersDue(cal);
		expect(due).toBe(2);
		const r = indicatorProgress(energy, due, false);
		expect(r.expectedToDate).toBe(2_500);
		expect(r.progress).toBe(3_100);
		expect(r.attainment).toBeCloseTo(1.24, 12); // 3,100 / 2,500
		expect(r.status).toBe('on_track');
	});

	it('would be at risk if the running quarter counted (the defect): 3,112.5 / 3,750 = 0.83', () => {
		const r = indicatorProgress(energy, 3, false);
		expect(r.expectedToDate).toBe(3_750);
		expect(r.attainment).toBeCloseTo(0.83, 12);
		expect(r.status).toBe('at_risk');
	});
});

describe('rate indicators (a level in %, e.g. 工业固废综合利用率)', () => {
	// baseline 60 % in the base year; target +8 percentage points a year (absolute) or +10 % of the baseline (= 6 pp)
	const rate = (over: Partial<IndicatorProgressInput> = {}) =>
		inp({ code: 'solid_waste_use_rate', direction: 'higher', kind: 'rate', baseline: 60, targetValue: 8, ...over });

	it('measures improvement as percentage points over the baseline level, never divided by four', () => {
		const r = indicatorProgress(rate({ values: [61, 63, 65, null] }), 3, false);
		expect(r.quarterlyBaseline).toBe(60);
		expect(r.improvements).toEqual([1, 3, 5, null]);
		expect(r.progress).toBe(5); // the latest level, 65 − 60, not a sum
		expect(r.expectedToDate).toBe(6); // 8 × 3/4
		expect(r.attainment).toBeCloseTo(5 / 6, 12);
		expect(r.status).toBe('at_risk');
	});

	it('takes a percentage target relative to the baseline level and grades the end of the term', () => {
		const r = indicatorProgress(rate({ targetKind: 'percent', targetValue: 10, values: [62, 64, 65, 66.5] }), 4, true);
		expect(r.target).toBe(6); // 60 × 10 %
		expect(r.progress).toBeCloseTo(6.5, 12);
		expect(r.status).toBe('met');
	});

	it('cannot be judged without a baseline', () => {
		expect(indicatorProgress(rate({ baseline: null, values: [70, null, null, null] }), 1, false).status).toBe(
			'unknown'
		);
	});
});

describe('groupProgress and overallProgress', () => {
	const results = [
		{ group: 'energy', attainment: 1.2, status: 'on_track' as const },
		{ group: 'energy', attainment: 0.6, status: 'behind' as const },
		{ group: 'water', attainment: null, status: 'unknown' as const },
		{ group: 'air', attainment: 5.0, status: 'on_track' as const },
		{ group: 'air', attainment: 0.4, status: 'behind' as const },
		{ group: 'water_pollution', attainment: -0.5, status: 'behind' as const },
		{ group: 'water_pollution', attainment: 1.0, status: 'on_track' as const },
		{ group: 'carbon', attainment: 0.8, status: 'at_risk' as const },
		{ group: 'economy', attainment: 3, status: 'on_track' as const },
		{ group: 'audit', attainment: 0.1, status: 'behind' as const }
	];

	it.each<[boolean, [string, number | null, ProgressStatus, number][]]>([
		[
			false,
			[
				['energy', 0.9, 'at_risk', 2], // (1.2 + 0.6) / 2
				['water', null, 'unknown', 1], // no known attainment
				['material', null, 'unknown', 0], // no indicator
				['air', 1.2, 'on_track', 2], // 5.0 capped to 2: (2 + 0.4) / 2
				['water_pollution', 0.5, 'behind', 2], // −0.5 capped to 0: (0 + 1) / 2
				['carbon', 0.8, 'at_risk', 1]
			]
		],
		[
			true,
			[
				['energy', 0.9, 'not_met', 2],
				['water', null, 'unknown', 1],
				['material', null, 'unknown', 0],
				['air', 1.2, 'met', 2],
				['water_pollution', 0.5, 'not_met', 2],
				['carbon', 0.8, 'not_met', 1]
			]
		]
	])('term over %s: six graded groups in order, economy and audit ignored', (over, want) => {
		const groups = groupProgress(results, over);
		expect(groups.map((g) => g.group)).toEqual([...GROUP_ORDER]);
		groups.forEach((g, i) => {
			const [, att, status, n] = want[i];
			if (att === null) expect(g.attainment).toBeNull();
			else expect(g.attainment).toBeCloseTo(att, 12);
			expect([g.status, g.indicators]).toEqual([status, n]);
		});
	});

	it.each<[(number | null)[], boolean, number | null, ProgressStatus, number]>([
		[[0.9, null, null, 1.2, 0.5, 0.8], false, 0.85, 'at_risk', 4], // (0.9 + 1.2 + 0.5 + 0.8) / 4 = 3.4 / 4
		[[1.0, 1.2, null], true, 1.1, 'met', 2], // (1.0 + 1.2) / 2
		[[0.5, 0.7], false, 0.6, 'behind', 2],
		[[null, null], false, null, 'unknown', 0],
		[[], true, null, 'unknown', 0]
	])('overallProgress(%j, over %s) = %s %s', (atts, over, att, status, n) => {
		const o = overallProgress(
			atts.map((attainment) => ({ attainment })),
			over
		);
		if (att === null) expect(o.attainment).toBeNull();
		else expect(o.attainment).toBeCloseTo(att, 12);
		expect([o.status, o.groups]).toEqual([status, n]);
	});
});
