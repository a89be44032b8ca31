// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { exceedsBaseline, jumps, relativeChanges, unitSlips } from './doubtful';
import type { IndicatorProgressInput } from './progress';

const PERIODS = ['2023Q3', '2023Q4', '2024Q1', '2024Q2'];
const series = (values: (number | null)[]) => values.map((value, i) => ({ period: PERIODS[i], value }));

describe('relativeChanges', () => {
	it.each<[(number | null)[], number[]]>([
		[
			[100, 110, 99, 300],
			[0.1, -0.1, 201 / 99]
		], // 10/100, −11/110, 201/99
		[[100, null, 120, 60], [-0.5]], // a null breaks both neighbouring pairs; −60/120
		[
			[0, 5, 5, 10],
			[0, 1]
		], // previous 0 has no relative change; 0/5, 5/5
		[[-50, -25, null, null], [0.5]] // (−25 − −50) / |−50| = +0.5
	])('%j → %j', (values, want) => {
		const got = relativeChanges(series(values));
		expect(got).toHaveLength(want.length);
		got.forEach((r, i) => expect(r).toBeCloseTo(want[i], 12));
	});

	it('sorts by period first', () => {
		expect(relativeChanges([...series([100, 150, null, null])].reverse())).toEqual([0.5]); // 50/100
	});
});

describe('jumps', () => {
	it.each<[string, (number | null)[], number[], string[]]>([
		// own 0.1, −0.1, 201/99 = 2.0303; peers 0, 0.1, −0.1, 0.05, −0.05 → 8 changes, median (0 + 0.05)/2 = 0.025;
		// |r − 0.025| sorted 0.025 0.025 0.075 0.075 0.075 0.125 0.125 2.0053 → MAD 0.075;
		// z(2.0303) = 0.6745 × 2.0053 / 0.075 = 18.0 > 3.5; z(±0.1) = 0.6745 × 0.125 / 0.075 = 1.12
		['a tripling among small changes', [100, 110, 99, 300], [0, 0.1, -0.1, 0.05, -0.05], ['2024Q2']],
		// own 0.2, −1/6, 0.2; peers 0.25, −0.2, 0.15, −0.1 → median 0.15, MAD 0.1;
		// worst own z = 0.6745 × |−0.1667 − 0.15| / 0.1 = 2.14 → seasonal swings shared by peers are no jump
		['swings the peers share too', [100, 120, 100, 120], [0.25, -0.2, 0.15, -0.1], []],
		// only 2 own + 1 peer = 3 changes < 4 → too little to judge, even for ×10
		['too few changes', [100, 100, 1000, null], [0], []],
		// own 0, 0.01, 999/101 = 9.891 and no peers: 3 changes < 4 → nothing, although z would be 0.6745 × 9.881 / 0.01
		['three changes are still too few', [100, 100, 101, 1100], [], []],
		// the same plus one peer 0.005 → 4 changes: median (0.005 + 0.01)/2 = 0.0075; |dev| .0025 .0025 .0075 9.8834
		// → MAD 0.005; z = 0.6745 × 9.8834 / 0.005 = 1333 → judged and flagged
		['four changes are enough', [100, 100, 101, 1100], [0.005], ['2024Q2']],
		// own 0, 0, 4; peers 0, 0, 0 → median 0, MAD 0 → σ = 1.2533 × mean|dev| = 1.2533 × 4/6 = 0.8355;
		// z = 4 / 0.8355 = 4.79 > 3.5 → flagged (0.6745 × 4 / 0.8355 = 3.23 would not be)
		['MAD 0: mean absolute deviation', [100, 100, 100, 500], [0, 0, 0], ['2024Q2']],
		// every change 0 → MAD 0 and mean deviation 0 → nothing can stand out
		['all changes equal', [100, 100, 100, 100], [0, 0], []],
		// own −0.5 only (null breaks Q3→Q4); peers 0.02, −0.01, 0.03, 0 → median 0; |dev| 0 .01 .02 .03 .5 → MAD 0.02;
		// z = 0.6745 × 0.5 / 0.02 = 16.9
		['a halving after a gap', [100, null, 120, 60], [0.02, -0.01, 0.03, 0], ['2024Q2']],
		// own +1.0 at 2023Q4 and −0.5 at 2024Q1 against peers ±0.01, 0: median 0 of (1, −.5, 0, .01, −.01, 0, 0) ;
		// |dev| 0 0 0 .01 .01 .5 1 → MAD 0.01; z = 67.5 and 33.7 → both flagged, value kept as is
		['a spike and its return', [100, 200, 100, null], [0.01, -0.01, 0, 0, 0], ['2023Q4', '2024Q1']]
	])('%s', (_name, values, peers, flagged) => {
		const flags = jumps(series(values), peers, 'voc');
		expect(flags.map((f) => f.period)).toEqual(flagged);
		for (const f of flags) expect(f).toMatchObject({ code: 'voc', reason: 'jump' });
	});

	it('states the change and the typical range in both languages', () => {
		// range = median ± 3.5 × MAD / 0.6745 = 0.025 ± 3.5 × 0.075 / 0.6745 = 0.025 ± 0.3892 → −36.4 % … +41.4 %
		const [flag] = jumps(series([100, 110, 99, 300]), [0, 0.1, -0.1, 0.05, -0.05], 'voc', 'E1');
		expect(flag.enterprise).toBe('E1');
		expect(flag.zh).toContain('+203.0%'); // 201/99 = 2.0303
		expect(flag.zh).toContain('-36.4% 至 +41.4%');
		expect(flag.zh).toContain('挥发性有机物');
		expect(flag.en).toContain('changed +203.0%');
		expect(flag.en).toContain('(-36.4% to +41.4%');
		expect(flag.en).toContain('VOCs emissions');
	});
});

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

describe('exceedsBaseline', () => {
	it.each<[string, Partial<IndicatorProgressInput>, number, string[]]>([
		// (100 + 100) + (100 + 120) = 420 > 400 → flagged at the latest reported due quarter, 2023Q4
		['negative reports push progress past the baseline', { values: [-100, -120, null, null] }, 3, ['2023Q4']],
		// (100 + 100) × 2 = 400: equal is not larger
		['exactly the baseline', { values: [-100, -100, null, null] }, 2, []],
		// 10 + 5 + 15 = 30 ≤ 400
		['ordinary values', { values: [90, 95, 85, null] }, 3, []],
		// Q2 is not due yet: only 100 − 90 = 10 counts
		['an undue quarter does not count', { values: [90, -1000, null, null] }, 1, []],
		// cumulative lower: 80 × 2/4 − (−50) = 90 > 80
		['cumulative lower', { kind: 'cumulative', baseline: 80, values: [null, -50, null, null] }, 2, ['2023Q4']],
		// cumulative lower: 80 × 1/4 + 50 = 70 ≤ 80
		['cumulative lower within', { kind: 'cumulative', baseline: 80, values: [-50, null, null, null] }, 2, []],
		['higher-is-better is never judged', { direction: 'higher', values: [9e9, 9e9, null, null] }, 2, []],
		['no baseline', { baseline: null, values: [-100, -120, null, null] }, 2, []]
	])('%s', (_name, over, qd, flagged) => {
		const flags = exceedsBaseline(inp(over), qd, { periods: PERIODS });
		expect(flags.map((f) => f.period)).toEqual(flagged);
		for (const f of flags) expect(f).toMatchObject({ code: 'voc', reason: 'exceeds_baseline' });
	});

	it('names the progress and the baseline', () => {
		const [flag] = exceedsBaseline(inp({ values: [-100, -120, null, null] }), 2, {
			periods: PERIODS,
			enterprise: 'E9'
		});
		expect(flag.enterprise).toBe('E9');
		expect(flag.zh).toContain('420 t'); // 200 + 220
		expect(flag.zh).toContain('400 t');
		expect(flag.en).toContain('of 420 t is larger than the annual baseline of 400 t');
	});
});

describe('unitSlips', () => {
	it.each<[number | null, boolean]>([
		// quarterly baseline 400 / 4 = 100; ratio = value / 100
		[100_000, true], // 1000×
		[31_600, true], // 316× (lower bound, inclusive)
		[31_500, false], // 315×
		[316_200, true], // 3162× (upper bound, inclusive)
		[316_300, false], // 3163×
		[0.1, true], // 1/1000
		[0.3164, true], // 0.003164 ≤ 1/316 = 0.0031646
		[0.3165, false], // 0.003165 > 1/316
		[0.0317, true], // 0.000317 ≥ 1/3162 = 0.00031626
		[0.0316, false], // 0.000316 < 1/3162
		[120, false], // 1.2×
		[0, false],
		[-100_000, false],
		[null, false]
	])('value %s against a quarterly baseline of 100 → flagged %s', (value, flagged) => {
		expect(unitSlips(inp({ values: [null, value, null, null] }), { periods: PERIODS }).length).toBe(flagged ? 1 : 0);
	});

	it.each<[string, number | null]>([
		['no baseline', null],
		['zero baseline', 0]
	])('%s → nothing to compare with', (_name, baseline) => {
		expect(unitSlips(inp({ baseline, values: [100_000, 0.1, null, null] }))).toEqual([]);
	});

	it('flags each slipped quarter with its period, numbers and enterprise; never alters the input', () => {
		const input = inp({ values: [100_000, 100, 0.1, 95] });
		const flags = unitSlips(input, { periods: PERIODS, enterprise: 'E2' });
		expect(flags.map((f) => [f.period, f.reason, f.enterprise])).toEqual([
			['2023Q3', 'unit_slip', 'E2'],
			['2024Q1', 'unit_slip', 'E2']
		]);
		expect(flags[0].zh).toContain('100000 t'); // the value as reported
		expect(flags[0].zh).toContain('1000 倍'); // 100000 / 100
		expect(flags[1].en).toContain('0.001 times the quarterly baseline of 100 t'); // 0.1 / 100
		expect(input.values).toEqual([100_000, 100, 0.1, 95]);
	});

	it('labels term quarters T1..T4 when no periods are given', () => {
		expect(unitSlips(inp({ values: [null, null, null, 100_000] })).map((f) => f.period)).toEqual(['T4']);
	});
});

describe('jumps: a small change is no jump, however steady the series', () => {
	it('does not flag a −2.2 % change in a series that otherwise moves by −0.5 %', () => {
		// own changes: −0.5 %, −0.5 %, −2.2 %; peers all about −0.5 %: z is large, but |−2.2 %| < 25 %
		const series = [
			{ period: '2025Q4', value: 1000 },
			{ period: '2026Q1', value: 995 },
			{ period: '2026Q2', value: 990.025 },
			{ period: '2026Q3', value: 968.2 }
		];
		expect(jumps(series, [-0.005, -0.004, -0.006, -0.005], 'co2')).toEqual([]);
	});

	it('still flags a −60 % change in the same kind of series', () => {
		const series = [
			{ period: '2025Q4', value: 1000 },
			{ period: '2026Q1', value: 995 },
			{ period: '2026Q2', value: 990.025 },
			{ period: '2026Q3', value: 396 }
		];
		expect(jumps(series, [-0.005, -0.004, -0.006, -0.005], 'co2').map((f) => f.period)).toEqual(['2026Q3']);
	});
});
