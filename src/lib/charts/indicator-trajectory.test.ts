import { describe, expect, it } from 'vitest';
import { renderSvg, seriesSummary, type EChartsOption } from './echarts';
import { indicatorTrajectoryOption, TRAJECTORY_COLOURS, type IndicatorTrajectoryInput } from './indicator-trajectory';

// Lower-is-better: baseline 1000 t a year, target a cut of 100 t, so the quarterly baseline is
// 1000/4 = 250 and the on-target quarterly value 1000/4 − 100/4 = 225.
const input = (overrides: Partial<IndicatorTrajectoryInput> = {}): IndicatorTrajectoryInput => ({
	locale: 'zh',
	quarters: ['2025Q2', '2025Q3', '2025Q4', '2026Q1'],
	reported: [248, null, 231.5, 1234.567],
	quarterlyBaseline: 250,
	targetTrajectory: [225, 225, 225, 225],
	unit: 't',
	name: '综合能耗',
	...overrides
});

type Line = {
	name: string;
	data: (number | null)[];
	connectNulls?: boolean;
	showSymbol?: boolean;
	lineStyle?: { color?: string; type?: string };
};
const lines = (option: EChartsOption) => option.series as Line[];
const xLabels = (option: EChartsOption) => (option.xAxis as { data: string[] }).data;

describe('indicatorTrajectoryOption', () => {
	it('names the series in Chinese for zh, in this order', () => {
		const option = indicatorTrajectoryOption(input());
		expect(lines(option).map((s) => s.name)).toEqual(['报送值', '季度基准', '目标轨迹']);
		expect((option.legend as { data: string[] }).data).toEqual(['报送值', '季度基准', '目标轨迹']);
	});

	it('names the series in English for en', () => {
		const option = indicatorTrajectoryOption(input({ locale: 'en' }));
		expect(lines(option).map((s) => s.name)).toEqual(['Reported', 'Quarterly baseline', 'Target trajectory']);
	});

	it('labels the quarters for the locale', () => {
		expect(xLabels(indicatorTrajectoryOption(input()))).toEqual([
			'2025年第二季度',
			'2025年第三季度',
			'2025年第四季度',
			'2026年第一季度'
		]);
		expect(xLabels(indicatorTrajectoryOption(input({ locale: 'en' })))).toEqual([
			'2025 Q2',
			'2025 Q3',
			'2025 Q4',
			'2026 Q1'
		]);
	});

	it('keeps missing reports as null gaps and draws the baseline flat', () => {
		const [reported, baseline, target] = lines(indicatorTrajectoryOption(input()));
		expect(reported.data).toEqual([248, null, 231.5, 1234.567]);
		expect(reported.connectNulls).toBe(false);
		expect(reported.showSymbol).toBe(true);
		expect(baseline.data).toEqual([250, 250, 250, 250]);
		expect(target.data).toEqual([225, 225, 225, 225]);
		expect(baseline.lineStyle?.type).toBe('dashed');
		expect(target.lineStyle?.type).toBe('dashed');
		expect(reported.lineStyle?.type).toBeUndefined();
	});

	it('uses the fixed palette', () => {
		const [reported, baseline, target] = lines(indicatorTrajectoryOption(input()));
		expect([reported.lineStyle?.color, baseline.lineStyle?.color, target.lineStyle?.color]).toEqual([
			TRAJECTORY_COLOURS.reported,
			TRAJECTORY_COLOURS.baseline,
			TRAJECTORY_COLOURS.target
		]);
	});

	it('names the y axis by the unit, titles the chart and turns animation off', () => {
		const option = indicatorTrajectoryOption(input({ unit: 'tce' }));
		expect((option.yAxis as { name: string }).name).toBe('tce');
		expect((option.title as { text: string }).text).toBe('综合能耗');
		expect(option.animation).toBe(false);
	});

	it('formats tooltip numbers for the locale, with the unit, and null as unknown', () => {
		const format = (locale: 'zh' | 'en', value: number | null) => {
			const tooltip = indicatorTrajectoryOption(input({ locale })).tooltip as {
				valueFormatter: (v: number | null, i: number) => string;
			};
			return tooltip.valueFormatter(value, 0);
		};
		expect(format('en', 1234.567)).toBe('1,234.57 t');
		expect(format('zh', 1234.567)).toBe('1,234.57 t');
		expect(format('en', null)).toBe('unknown');
		expect(format('zh', null)).toBe('未知');
	});

	it('leaves out a baseline that is null and a target trajectory with no value', () => {
		const option = indicatorTrajectoryOption(
			input({ locale: 'en', quarterlyBaseline: null, targetTrajectory: [null, null, null, null] })
		);
		expect(lines(option).map((s) => s.name)).toEqual(['Reported']);
	});

	it('throws on a bad quarter or a value list of the wrong length', () => {
		expect(() => indicatorTrajectoryOption(input({ quarters: ['2025Q2', '2025Q3', '2025-13', '2026Q1'] }))).toThrow(
			RangeError
		);
		expect(() => indicatorTrajectoryOption(input({ reported: [1, 2, 3] }))).toThrow(RangeError);
		expect(() => indicatorTrajectoryOption(input({ targetTrajectory: [1] }))).toThrow(RangeError);
	});
});

describe('seriesSummary', () => {
	it('lists each series name with its data, nulls kept', () => {
		expect(seriesSummary(indicatorTrajectoryOption(input({ locale: 'en' })))).toEqual([
			{ name: 'Reported', data: [248, null, 231.5, 1234.567] },
			{ name: 'Quarterly baseline', data: [250, 250, 250, 250] },
			{ name: 'Target trajectory', data: [225, 225, 225, 225] }
		]);
		expect(seriesSummary({ series: { type: 'bar', data: [1] } })).toEqual([{ name: null, data: [1] }]);
		expect(seriesSummary({})).toEqual([]);
	});
});

describe('renderSvg (headless ECharts)', () => {
	const size = { width: 640, height: 320 };
	// A line series is drawn as one <path fill="none" stroke="colour">; legend icons are filled.
	const linePaths = (svg: string, colour: string): string[] =>
		Array.from(svg.matchAll(new RegExp(`<path d="[^"]*" fill="none"[^>]*stroke="${colour}"[^>]*>`, 'gi')), (m) => m[0]);

	it('renders an SVG document with the legend texts and axis labels', () => {
		const svg = renderSvg(indicatorTrajectoryOption(input({ locale: 'en' })), size);
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('width="640"');
		for (const text of ['Reported', 'Quarterly baseline', 'Target trajectory', '2025 Q4', '综合能耗']) {
			expect(svg).toContain(`>${text}<`);
		}
	});

	it('draws one path per line series: references dashed, reported solid and broken at its gap', () => {
		const svg = renderSvg(indicatorTrajectoryOption(input()), size);
		expect(svg).toContain('>报送值<');
		const [baseline, target, reported] = [
			linePaths(svg, TRAJECTORY_COLOURS.baseline),
			linePaths(svg, TRAJECTORY_COLOURS.target),
			linePaths(svg, TRAJECTORY_COLOURS.reported)
		];
		expect([baseline.length, target.length, reported.length]).toEqual([1, 1, 1]);
		expect(baseline[0]).toContain('stroke-dasharray');
		expect(target[0]).toContain('stroke-dasharray');
		expect(reported[0]).not.toContain('stroke-dasharray');
		// The null at 2025Q3 splits the reported path into two sub-paths (two moves).
		expect(/d="([^"]*)"/.exec(reported[0])?.[1].match(/M/g)).toHaveLength(2);
	});

	it('draws only the lines that are in the option', () => {
		const svg = renderSvg(indicatorTrajectoryOption(input({ quarterlyBaseline: null })), size);
		expect(linePaths(svg, TRAJECTORY_COLOURS.baseline)).toHaveLength(0);
		expect(svg).not.toContain('>季度基准<');
		expect(linePaths(svg, TRAJECTORY_COLOURS.target)).toHaveLength(1);
	});
});
