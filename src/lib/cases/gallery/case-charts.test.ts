// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { renderSvg, seriesSummary } from '../../charts/echarts';
import { caseChart } from './case-charts';

const voc = {
	code: 'voc',
	unit: 't',
	baseline: 400,
	target: 40,
	points: [
		{
			period: '2025Q3',
			value: 90,
			improvement: 10,
			revision: 1,
			sha256: 'a'.repeat(64),
			approvedBy: 'reviewer',
			approvedOn: '2025-10-20'
		},
		{
			period: '2025Q4',
			value: 85,
			improvement: 15,
			revision: 2,
			sha256: 'b'.repeat(64),
			approvedBy: 'reviewer',
			approvedOn: '2026-01-20'
		}
	]
};

describe('caseChart', () => {
	it('draws the reported values beside the quarterly baseline, and tables them with their provenance', () => {
		const spec = caseChart(voc, 'zh');
		expect(spec.title).toBe('挥发性有机物（VOCs）排放量（t）');
		expect(seriesSummary(spec.option)).toEqual([
			{ name: '报告值（t）', data: [90, 85] },
			{ name: '基准年季度值（t）', data: [100, 100] }
		]);
		expect(spec.table.rows[1]).toEqual({
			period: '2025Q4',
			value: 85,
			improvement: 15,
			revision: 2,
			sha256: 'b'.repeat(64),
			approvedBy: 'reviewer',
			approvedOn: '2026-01-20'
		});
		const svg = renderSvg(spec.option, { width: 720, height: 300 });
		expect(svg).toContain('2025年第四季度');
		expect(svg).toContain('报告值（t）');
	});

	it('leaves the baseline out when there is none, and speaks English', () => {
		const spec = caseChart({ ...voc, baseline: null }, 'en');
		expect(seriesSummary(spec.option).map((s) => s.name)).toEqual(['Reported (t)']);
		expect(spec.table.columns[0].label).toBe('Quarter');
	});
});
