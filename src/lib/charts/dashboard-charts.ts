/**
 * Pure option builders for the dashboard's bar, line and scatter charts. Each returns the ECharts option, the same
 * figures as a table (for the data-table view and the CSV/JSON downloads) and the drill-down link of every item, so
 * the chart, its table and its links can never disagree. Replicable-case candidates look the same in every chart:
 * CANDIDATE_COLOR and CANDIDATE_MARK.
 */
import type { EChartsOption } from './echarts';
import type { ChartTable } from './chart-table';

export const CANDIDATE_COLOR = '#c2410c';
export const CANDIDATE_MARK = '★';
/** Colour-blind-safe series colours (Okabe–Ito, without the orange kept for candidates). */
export const PALETTE = ['#0072b2', '#009e73', '#56b4e9', '#cc79a7', '#e69f00', '#000000', '#f0e442'];

/** `clipped`: how many points lie beyond the axes and are drawn at their edge (scatter only). */
export type ChartSpec = { option: EChartsOption; table: ChartTable; hrefs: (string | null)[][]; clipped?: number };

function quantile(sorted: number[], q: number): number {
	const at = (sorted.length - 1) * q;
	const lo = Math.floor(at);
	return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo);
}

/**
 * Tukey's far fences (Q1 − 3·IQR, Q3 + 3·IQR) of the values, always including 0 so the no-change line stays in view;
 * null when no value lies beyond them (or there are too few to tell). One wild value (a unit slip not yet corrected)
 * would otherwise squeeze every other point into a line.
 */
export function fences(values: number[]): { min: number; max: number } | null {
	if (values.length < 4) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const [q1, q3] = [quantile(sorted, 0.25), quantile(sorted, 0.75)];
	const spread = Math.max(q3 - q1, Math.abs(q3) * 0.1, 1e-9);
	// rounded outwards to a round step, so the axis ends on a readable number
	const step = 10 ** Math.floor(Math.log10(7 * spread)) / 2;
	const min = Math.min(0, Math.floor((q1 - 3 * spread) / step) * step);
	const max = Math.max(0, Math.ceil((q3 + 3 * spread) / step) * step);
	return sorted[0] < min || sorted[sorted.length - 1] > max ? { min, max } : null;
}

const clamp = (v: number, range: { min: number; max: number } | null) =>
	range ? Math.min(range.max, Math.max(range.min, v)) : v;

type Format = (v: number | null) => string;

export type BarInput = {
	/** One per bar position, with its label, its link and how many candidates it holds. */
	categories: { key: string; label: string; href: string | null; candidates?: number }[];
	series: { name: string; values: (number | null)[] }[];
	format: Format;
	/** Column header of the category in the table. */
	categoryLabel: string;
	/** Horizontal bars (long or many labels: industries, provinces). */
	isHorizontal?: boolean;
	candidatesLabel?: string;
};

/** Grouped bars; a category holding candidates carries "★n" in the candidate colour at its end. */
export function barChart(input: BarInput): ChartSpec {
	const labels = input.categories.map((c) => c.label);
	const categoryAxis = {
		type: 'category' as const,
		data: labels,
		inverse: input.isHorizontal,
		axisLabel: { interval: 0, width: 96, overflow: 'truncate' as const }
	};
	const valueAxis = { type: 'value' as const, axisLabel: { formatter: (v: number) => input.format(v) } };
	const last = input.series.length - 1;
	const series = input.series.map((s, i) => ({
		type: 'bar' as const,
		name: s.name,
		data: s.values.map((value, j) => {
			const n = input.categories[j].candidates ?? 0;
			if (i !== last || n === 0) return value;
			return {
				value,
				label: {
					show: true,
					position: input.isHorizontal ? ('right' as const) : ('top' as const),
					formatter: `${CANDIDATE_MARK}${n}`,
					color: CANDIDATE_COLOR,
					fontWeight: 'bold' as const
				}
			};
		}),
		cursor: 'pointer'
	}));
	const option: EChartsOption = {
		color: PALETTE,
		animation: false,
		tooltip: { trigger: 'axis', valueFormatter: (v) => input.format(typeof v === 'number' ? v : null) },
		legend: input.series.length > 1 ? { top: 0 } : undefined,
		grid: { left: 8, right: 40, top: input.series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
		xAxis: input.isHorizontal ? valueAxis : categoryAxis,
		yAxis: input.isHorizontal ? categoryAxis : valueAxis,
		series
	};
	const hasCandidates = input.categories.some((c) => (c.candidates ?? 0) > 0);
	const table: ChartTable = {
		columns: [
			{ key: 'category', label: input.categoryLabel },
			...input.series.map((s, i) => ({ key: `s${i}`, label: s.name, isNumeric: true })),
			...(hasCandidates ? [{ key: 'candidates', label: input.candidatesLabel ?? CANDIDATE_MARK, isNumeric: true }] : [])
		],
		rows: input.categories.map((c, j) => ({
			category: c.label,
			...Object.fromEntries(input.series.map((s, i) => [`s${i}`, s.values[j]])),
			...(hasCandidates ? { candidates: c.candidates ?? 0 } : {})
		})),
		hrefs: input.categories.map((c) => c.href)
	};
	return { option, table, hrefs: input.series.map(() => input.categories.map((c) => c.href)) };
}

export type LineInput = {
	periods: { key: string; label: string }[];
	lines: { name: string; values: (number | null)[] }[];
	format: Format;
	periodLabel: string;
};

/** One line per indicator over the quarters; gaps stay gaps (a quarter nobody reported is not zero). */
export function lineChart(input: LineInput): ChartSpec {
	const option: EChartsOption = {
		color: PALETTE,
		animation: false,
		tooltip: { trigger: 'axis', valueFormatter: (v) => input.format(typeof v === 'number' ? v : null) },
		legend: { top: 0 },
		grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
		xAxis: { type: 'category', data: input.periods.map((p) => p.label) },
		yAxis: { type: 'value', axisLabel: { formatter: (v: number) => input.format(v) } },
		series: input.lines.map((l) => ({ type: 'line', name: l.name, data: l.values, connectNulls: false, symbolSize: 6 }))
	};
	const table: ChartTable = {
		columns: [
			{ key: 'period', label: input.periodLabel },
			...input.lines.map((l, i) => ({ key: `s${i}`, label: l.name, isNumeric: true }))
		],
		rows: input.periods.map((p, j) => ({
			period: p.label,
			...Object.fromEntries(input.lines.map((l, i) => [`s${i}`, l.values[j]]))
		}))
	};
	return { option, table, hrefs: [] };
}

/** Up to this many candidates are labelled on the scatter; more would overlap. */
export const MAX_LABELS = 8;

export type ScatterInput = {
	points: { code: string; label: string; x: number; y: number; isCandidate: boolean; href: string | null }[];
	medianX: number | null;
	medianY: number | null;
	xName: string;
	yName: string;
	format: Format;
	pilotLabel: string;
	candidatesName: string;
	othersName: string;
	candidateLabel: string;
};

/**
 * Pilots as points, candidates in their own series (colour and a labelled ★); dashed lines at the medians split the
 * plane into the four quadrants. Item links follow the two series' own order.
 */
export function scatterChart(input: ScatterInput): ChartSpec {
	const others = input.points.filter((p) => !p.isCandidate);
	const candidates = input.points.filter((p) => p.isCandidate);
	const [xRange, yRange] = [fences(input.points.map((p) => p.x)), fences(input.points.map((p) => p.y))];
	const isClipped = (p: ScatterInput['points'][number]) => clamp(p.x, xRange) !== p.x || clamp(p.y, yRange) !== p.y;
	// a point beyond an axis is drawn at its edge as a triangle; the tooltip and the table give its true values
	const item = (p: ScatterInput['points'][number]) => ({
		value: [clamp(p.x, xRange), clamp(p.y, yRange)],
		name: p.label,
		...(isClipped(p) ? { symbol: 'triangle' } : {})
	});
	const bySeries = [others, candidates];
	const medians = [
		...(input.medianX === null ? [] : [{ xAxis: input.medianX }]),
		...(input.medianY === null ? [] : [{ yAxis: input.medianY }])
	];
	const axis = (name: string) => ({
		type: 'value' as const,
		name,
		nameLocation: 'middle' as const,
		nameGap: 32,
		axisLabel: { formatter: (v: number) => input.format(v) },
		splitLine: { show: false }
	});
	const option: EChartsOption = {
		animation: false,
		legend: { top: 0 },
		tooltip: {
			trigger: 'item',
			formatter: (params) => {
				const { seriesIndex, dataIndex } = params as { seriesIndex: number; dataIndex: number };
				const p = bySeries[seriesIndex]?.[dataIndex];
				if (!p) return '';
				return `${p.label}<br>${input.xName}: ${input.format(p.x)}<br>${input.yName}: ${input.format(p.y)}`;
			}
		},
		grid: { left: 16, right: 24, top: 40, bottom: 40, containLabel: true },
		xAxis: { ...axis(input.xName), ...(xRange ?? {}) },
		yAxis: { ...axis(input.yName), nameGap: 48, ...(yRange ?? {}) },
		series: [
			{
				type: 'scatter',
				name: input.othersName,
				data: others.map(item),
				itemStyle: { color: PALETTE[0], opacity: 0.7 },
				symbolSize: 9,
				markLine: medians.length
					? {
							silent: true,
							symbol: 'none',
							lineStyle: { type: 'dashed', color: '#5b6b63' },
							label: { show: false },
							data: medians
						}
					: undefined
			},
			{
				type: 'scatter',
				name: input.candidatesName,
				data: candidates.map(item),
				itemStyle: { color: CANDIDATE_COLOR },
				symbol: 'diamond',
				symbolSize: 13,
				// named beside the point while few enough to read; with more, on hover (and always in the table)
				label: {
					show: candidates.length <= MAX_LABELS,
					position: 'right',
					formatter: `${CANDIDATE_MARK}{b}`,
					color: CANDIDATE_COLOR,
					fontSize: 11
				},
				emphasis: { label: { show: true } }
			}
		]
	};
	const table: ChartTable = {
		columns: [
			{ key: 'pilot', label: input.pilotLabel },
			{ key: 'x', label: input.xName, isNumeric: true },
			{ key: 'y', label: input.yName, isNumeric: true },
			{ key: 'candidate', label: input.candidateLabel }
		],
		rows: input.points.map((p) => ({ pilot: p.label, x: p.x, y: p.y, candidate: p.isCandidate ? CANDIDATE_MARK : '' })),
		hrefs: input.points.map((p) => p.href)
	};
	return {
		option,
		table,
		hrefs: [others.map((p) => p.href), candidates.map((p) => p.href)],
		clipped: input.points.filter(isClipped).length
	};
}
