/**
 * The option for one indicator over a pilot's quarters: what was reported, the quarterly baseline
 * and where the pilot should be if it is on target. Pure: no I/O, no DOM, no clock.
 */
import { formatNumber, unknown } from '$lib/i18n';
import { formatPeriod, parsePeriod } from '$lib/domain/periods';
import type { EChartsOption } from './echarts';

export type IndicatorTrajectoryInput = {
	locale: 'zh' | 'en';
	/** Stored period keys, 'YYYYQn', in display order. */
	quarters: string[];
	/** One value per quarter; null where nothing was reported (drawn as a gap). */
	reported: (number | null)[];
	/** The baseline value for one quarter; null when unknown (no baseline line is drawn). */
	quarterlyBaseline: number | null;
	/**
	 * One value per quarter: where the pilot should be if on target (lower-is-better:
	 * baseline/4 − target/4; higher-is-better: target/4). Null where unknown.
	 */
	targetTrajectory: (number | null)[];
	unit: string;
	/** The indicator's name, used as the chart title. */
	name: string;
};

/** The fixed colours, so a series keeps its colour whichever others are drawn. */
export const TRAJECTORY_COLOURS = { reported: '#1f6feb', baseline: '#6e7781', target: '#1a7f37' } as const;

const LEGEND = {
	zh: { reported: '报送值', baseline: '季度基准', target: '目标轨迹' },
	en: { reported: 'Reported', baseline: 'Quarterly baseline', target: 'Target trajectory' }
} as const;

function quarterLabel(key: string, locale: 'zh' | 'en'): string {
	const period = parsePeriod(key);
	if (!period) throw new RangeError(`not a quarter (YYYYQn): ${key}`);
	return formatPeriod(period, locale);
}

/**
 * The line-chart option: x axis = the quarters labelled for the locale; series, in this order,
 * reported values (solid, with symbols, nulls as gaps), the quarterly baseline (flat, dashed;
 * left out when null) and the target trajectory (dashed; left out when it has no value at all).
 * Legend names are in the locale, the y axis is named by the unit, tooltip numbers go through
 * formatNumber, and animation is off. Throws RangeError when a quarter does not parse or when
 * `reported` / `targetTrajectory` are not one value per quarter.
 */
export function indicatorTrajectoryOption(input: IndicatorTrajectoryInput): EChartsOption {
	const { locale, quarters, reported, quarterlyBaseline, targetTrajectory, unit, name } = input;
	if (reported.length !== quarters.length || targetTrajectory.length !== quarters.length) {
		throw new RangeError(
			`expected one value per quarter (${quarters.length}): reported ${reported.length}, target ${targetTrajectory.length}`
		);
	}
	const legend = LEGEND[locale];
	const series: EChartsOption['series'] = [
		{
			type: 'line',
			name: legend.reported,
			data: [...reported],
			connectNulls: false,
			showSymbol: true,
			symbol: 'circle',
			symbolSize: 7,
			itemStyle: { color: TRAJECTORY_COLOURS.reported },
			lineStyle: { color: TRAJECTORY_COLOURS.reported, width: 2 }
		}
	];
	if (quarterlyBaseline !== null) {
		series.push({
			type: 'line',
			name: legend.baseline,
			data: quarters.map(() => quarterlyBaseline),
			showSymbol: false,
			itemStyle: { color: TRAJECTORY_COLOURS.baseline },
			lineStyle: { color: TRAJECTORY_COLOURS.baseline, type: 'dashed', width: 1.5 }
		});
	}
	if (targetTrajectory.some((v) => v !== null)) {
		series.push({
			type: 'line',
			name: legend.target,
			data: [...targetTrajectory],
			connectNulls: false,
			showSymbol: false,
			itemStyle: { color: TRAJECTORY_COLOURS.target },
			lineStyle: { color: TRAJECTORY_COLOURS.target, type: 'dashed', width: 1.5 }
		});
	}
	const suffix = unit ? ` ${unit}` : '';
	return {
		animation: false,
		title: { text: name, left: 0, top: 0, textStyle: { fontSize: 14, fontWeight: 'bold' } },
		legend: { top: 24, left: 0, data: series.map((s) => String(s.name)) },
		grid: { left: 8, right: 24, top: 80, bottom: 8, containLabel: true },
		tooltip: {
			trigger: 'axis',
			valueFormatter: (value) =>
				typeof value === 'number' && Number.isFinite(value) ? formatNumber(locale, value) + suffix : unknown(locale)
		},
		xAxis: { type: 'category', data: quarters.map((q) => quarterLabel(q, locale)), boundaryGap: false },
		yAxis: { type: 'value', name: unit, nameTextStyle: { align: 'left' } },
		series
	};
}
