// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { renderSvg, seriesSummary } from './echarts';
import { barChart, CANDIDATE_COLOR, lineChart, MAX_LABELS, scatterChart } from './dashboard-charts';

const format = (v: number | null) => (v === null ? '—' : String(v));

describe('barChart', () => {
	const spec = barChart({
		categories: [
			{ key: 'steel', label: '钢铁', href: '/pilots?industry=steel', candidates: 2 },
			{ key: 'paper', label: '造纸', href: '/pilots?industry=paper' }
		],
		series: [
			{ name: 'VOCs', values: [12, null] },
			{ name: 'NOx', values: [3, 4] }
		],
		format,
		categoryLabel: '行业',
		candidatesLabel: '候选'
	});

	it('draws one bar series per indicator and marks candidates on the last', () => {
		expect(seriesSummary(spec.option).map((s) => s.name)).toEqual(['VOCs', 'NOx']);
		expect(seriesSummary(spec.option)[0].data).toEqual([12, null]);
		const marked = seriesSummary(spec.option)[1].data[0] as {
			value: number;
			label: { formatter: string; color: string };
		};
		expect(marked.value).toBe(3);
		expect(marked.label).toMatchObject({ formatter: '★2', color: CANDIDATE_COLOR });
		expect(seriesSummary(spec.option)[1].data[1]).toBe(4);
	});

	it('gives the same figures as a table, and a link per bar of every series', () => {
		expect(spec.table.columns.map((c) => c.label)).toEqual(['行业', 'VOCs', 'NOx', '候选']);
		expect(spec.table.rows).toEqual([
			{ category: '钢铁', s0: 12, s1: 3, candidates: 2 },
			{ category: '造纸', s0: null, s1: 4, candidates: 0 }
		]);
		expect(spec.hrefs).toEqual([
			['/pilots?industry=steel', '/pilots?industry=paper'],
			['/pilots?industry=steel', '/pilots?industry=paper']
		]);
	});

	it('renders headless to SVG with its labels and the candidate mark', () => {
		const svg = renderSvg(spec.option, { width: 600, height: 300 });
		expect(svg).toContain('钢铁');
		expect(svg).toContain('造纸');
		expect(svg).toContain('★2');
	});
});

describe('lineChart', () => {
	it('keeps gaps as gaps and renders', () => {
		const spec = lineChart({
			periods: [
				{ key: '2025Q3', label: '2025年第三季度' },
				{ key: '2025Q4', label: '2025年第四季度' }
			],
			lines: [{ name: 'VOCs', values: [null, 15] }],
			format,
			periodLabel: '季度'
		});
		expect(seriesSummary(spec.option)).toEqual([{ name: 'VOCs', data: [null, 15] }]);
		expect(spec.table.rows).toEqual([
			{ period: '2025年第三季度', s0: null },
			{ period: '2025年第四季度', s0: 15 }
		]);
		expect(renderSvg(spec.option, { width: 600, height: 300 })).toContain('2025年第四季度');
	});
});

describe('scatterChart', () => {
	const point = (code: string, x: number, y: number, isCandidate: boolean) => ({
		code,
		label: `试点${code}`,
		x,
		y,
		isCandidate,
		href: `/pilots/${code}`
	});
	it('puts candidates in their own labelled series, medians as dashed lines, links in series order', () => {
		const spec = scatterChart({
			points: [point('A', 0.1, 0.2, false), point('B', 0.3, 0.1, true), point('C', -0.1, 0.05, false)],
			medianX: 0.1,
			medianY: 0.1,
			xName: '污染物',
			yName: '碳',
			format,
			pilotLabel: '试点',
			candidatesName: '★ 候选',
			othersName: '其他',
			candidateLabel: '候选'
		});
		const [others, candidates] = seriesSummary(spec.option);
		expect(others.data.map((d) => (d as { value: number[] }).value)).toEqual([
			[0.1, 0.2],
			[-0.1, 0.05]
		]);
		expect(candidates.data).toEqual([{ value: [0.3, 0.1], name: '试点B' }]);
		expect(spec.hrefs).toEqual([['/pilots/A', '/pilots/C'], ['/pilots/B']]);
		expect(spec.table.rows[1]).toEqual({ pilot: '试点B', x: 0.3, y: 0.1, candidate: '★' });
		const svg = renderSvg(spec.option, { width: 600, height: 400 });
		expect(svg).toContain('★试点B');
		expect(svg).toContain('stroke-dasharray');
	});

	it('names candidates beside their points only while few enough to read', () => {
		const many = Array.from({ length: MAX_LABELS + 1 }, (_, i) => point(`P${i}`, i, i, true));
		const spec = scatterChart({
			points: many,
			medianX: null,
			medianY: null,
			xName: 'x',
			yName: 'y',
			format,
			pilotLabel: '试点',
			candidatesName: '候选',
			othersName: '其他',
			candidateLabel: '候选'
		});
		expect(renderSvg(spec.option, { width: 600, height: 400 })).not.toContain('★试点P0');
	});

	it('draws a far outlier at the axis edge as a triangle, keeping its true value in the table and tooltip', () => {
		const points = [0.05, 0.08, 0.1, 0.12, 0.15, -9.3].map((x, i) => point(`P${i}`, x, 0.05 + i / 100, false));
		// sorted −9.3, 0.05, 0.08, 0.1, 0.12, 0.15: Q1 = 0.05 + 0.25 × 0.03 = 0.0575, Q3 = 0.1 + 0.75 × 0.02 = 0.115;
		// IQR 0.0575; step 10^floor(log10(7 × 0.0575)) / 2 = 0.05; fences floor((0.0575 − 0.1725) / 0.05) × 0.05 = −0.15
		// and ceil((0.115 + 0.1725) / 0.05) × 0.05 = 0.3
		const spec = scatterChart({
			points,
			medianX: 0.09,
			medianY: null,
			xName: 'x',
			yName: 'y',
			format,
			pilotLabel: '试点',
			candidatesName: '候选',
			othersName: '其他',
			candidateLabel: '候选'
		});
		expect(spec.clipped).toBe(1);
		const xAxis = spec.option.xAxis as { min: number; max: number };
		expect(xAxis.min).toBeCloseTo(-0.15);
		expect(xAxis.max).toBeCloseTo(0.3);
		const outlier = seriesSummary(spec.option)[0].data[5] as { value: number[]; symbol: string };
		expect(outlier.value[0]).toBeCloseTo(-0.15);
		expect(outlier.symbol).toBe('triangle');
		expect(spec.table.rows[5].x).toBe(-9.3);
		expect(renderSvg(spec.option, { width: 600, height: 400 })).toContain('<svg');
	});
});
