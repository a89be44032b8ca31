/**
 * The option for a tile-grid map of the provinces: one square per province at its PROVINCE_TILES cell,
 * coloured by a metric on a 5-step light-to-dark teal scale, with candidate provinces outlined. Only
 * registered pieces are used (one scatter series with rect symbols on a hidden value grid), no
 * visualMap. Pure: no I/O, no DOM, no clock.
 */
import { PROVINCE_TILES, TILE_COLUMNS, TILE_ROWS } from '$lib/domain/tile-grid';
import { provinceByCode } from '$lib/domain/provinces';
import type { EChartsOption } from './echarts';

/** One province's value as the page knows it. */
export type MapCell = {
	/** Province code as in PROVINCES ('320000', 'XPCC'). */
	code: string;
	/** Short display label, e.g. '江苏'. */
	label: string;
	/** The metric; null when the province has no value (drawn grey). */
	value: number | null;
	/** Marked with `candidateMark` and an orange border. */
	isCandidate: boolean;
	/** Where a click on the province should go; null for none. */
	href: string | null;
};

export type ProvinceMapOptions = {
	/** Name of the metric, shown in the tooltip. */
	valueName: string;
	/** Formats a value for the labels and the tooltip, including null ('—', '无数据', ...). */
	format: (v: number | null) => string;
	/** Put before a candidate's label; default '★'. */
	candidateMark?: string;
	/**
	 * Pitch of one cell in px (default MAP_CELL_PX). The grid is laid out in absolute px, so the chart
	 * box must be at least `size` (returned) big.
	 */
	cellSize?: number;
};

/** One legend entry: the colour of a bin and the value range it covers. */
export type MapLegendEntry = { color: string; from: number; to: number };

export type ProvinceMap = {
	option: EChartsOption;
	/** hrefs[seriesIndex][dataIndex]: where a click on that item should go (null: nowhere). */
	hrefs: (string | null)[][];
	/** The colour bins, lightest first; empty when no province has a value. */
	legend: MapLegendEntry[];
	/** The px box the grid occupies (plus a small margin): the chart should be at least this big. */
	size: { width: number; height: number };
};

/** The sequential scale, lightest to darkest (Tailwind teal 100/300/500/700/900). */
export const MAP_COLOURS = ['#ccfbf1', '#5eead4', '#14b8a6', '#0f766e', '#134e4a'] as const;
/** Fill of a province without a value. */
export const NO_DATA_COLOUR = '#e5e7eb';
/** Border of a candidate province. */
export const CANDIDATE_BORDER = '#c2410c';

/**
 * Default cell pitch in px. 8 × 56 = 448 px square fits a 640 × 480 chart with a 16 px margin top and
 * bottom; a square of 52 px (4 px gap) leaves room for two 12 px lines (label + value) per cell.
 */
export const MAP_CELL_PX = 56;
/** Gap between neighbouring squares, px. */
const GAP_PX = 4;
/** Space kept around the grid, px. */
const MARGIN_PX = 16;

const DARK_TEXT = '#111827';
const LIGHT_TEXT = '#ffffff';
/** Bins from this index up are dark enough for white text. */
const FIRST_DARK_BIN = MAP_COLOURS.length - 2;

/**
 * Equal-interval bin thresholds over `values`: the `steps - 1` inner cut points between min and max,
 * ascending. A value v belongs to bin i = the number of thresholds ≤ v (so a value on a cut point goes
 * up). Non-finite values are ignored; [] when nothing is left. When every value is equal all thresholds
 * equal that value, which puts it in the top bin. Throws RangeError when steps is not an integer ≥ 1.
 */
export function binsOf(values: number[], steps = 5): number[] {
	if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be an integer ≥ 1: ${steps}`);
	const finite = values.filter((v) => Number.isFinite(v));
	if (finite.length === 0) return [];
	const min = Math.min(...finite);
	const max = Math.max(...finite);
	return Array.from({ length: steps - 1 }, (_, i) => min + ((max - min) * (i + 1)) / steps);
}

/** The bin of `value` for `thresholds` from binsOf: the number of thresholds ≤ value. */
export function binIndex(value: number, thresholds: number[]): number {
	return thresholds.filter((t) => t <= value).length;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The tile-map option. One scatter series, `symbol: 'rect'`, one item per province in PROVINCE_TILES
 * (in its key order: GB/T 2260, then XPCC), whether or not it is in `cells`; its value is
 * [col, row, value], its name the code. Fill: the MAP_COLOURS bin of the value (binsOf over the
 * non-null values of the drawn provinces), NO_DATA_COLOUR for null or absent. Label: the cell's label
 * (the province's shortZh when absent from `cells`) over the formatted value, white on the two darkest
 * bins; candidates get `candidateMark` before the label and a 2 px CANDIDATE_BORDER border. The grid is
 * a fixed px box (cellSize per cell, centred, axes hidden, y inverted so row 0 is on top), so cells stay
 * square at any chart size; the chart box should be at least `size`. Cells whose code has no tile are
 * ignored. Labels are ECharts template strings, so a label or formatted value must not contain '{' or '}'.
 * Throws RangeError when a code appears twice in `cells` or cellSize is not more than the 4 px gap.
 */
export function provinceMapOption(cells: MapCell[], opts: ProvinceMapOptions): ProvinceMap {
	const { valueName, format, candidateMark = '★', cellSize = MAP_CELL_PX } = opts;
	if (!(cellSize > GAP_PX)) throw new RangeError(`cellSize must be more than ${GAP_PX} px: ${cellSize}`);
	const byCode = new Map<string, MapCell>();
	for (const cell of cells) {
		if (byCode.has(cell.code)) throw new RangeError(`province appears twice: ${cell.code}`);
		byCode.set(cell.code, cell);
	}

	const codes = Object.keys(PROVINCE_TILES);
	const valueOf = (code: string) => {
		const v = byCode.get(code)?.value ?? null;
		return v !== null && Number.isFinite(v) ? v : null;
	};
	const values = codes.map(valueOf).filter((v): v is number => v !== null);
	const thresholds = binsOf(values, MAP_COLOURS.length);

	const labels: string[] = [];
	const data = codes.map((code) => {
		const { col, row } = PROVINCE_TILES[code];
		const cell = byCode.get(code);
		const value = valueOf(code);
		const label = cell?.label ?? provinceByCode(code)?.shortZh ?? code;
		labels.push(label);
		const bin = value === null ? null : binIndex(value, thresholds);
		const color = bin === null ? NO_DATA_COLOUR : MAP_COLOURS[bin];
		const candidate = cell?.isCandidate ?? false;
		return {
			value: [col, row, value],
			name: code,
			label: {
				formatter: `${candidate ? candidateMark : ''}${label}\n${format(value)}`,
				color: bin !== null && bin >= FIRST_DARK_BIN ? LIGHT_TEXT : DARK_TEXT
			},
			itemStyle: candidate
				? { color, opacity: 1, borderColor: CANDIDATE_BORDER, borderWidth: 2 }
				: { color, opacity: 1 }
		};
	});
	const hrefs = codes.map((code) => byCode.get(code)?.href ?? null);

	const min = Math.min(...values);
	const max = Math.max(...values);
	const legend: MapLegendEntry[] =
		values.length === 0
			? []
			: min === max
				? [{ color: MAP_COLOURS[binIndex(min, thresholds)], from: min, to: max }]
				: MAP_COLOURS.map((color, i) => ({
						color,
						from: i === 0 ? min : thresholds[i - 1],
						to: i === MAP_COLOURS.length - 1 ? max : thresholds[i]
					}));

	// 12 px text at the default 56 px pitch: '★黑龙江' (4 glyphs, 48 px) still fits the 52 px square.
	const fontSize = Math.min(16, Math.max(9, Math.round((cellSize * 12) / MAP_CELL_PX)));
	const width = TILE_COLUMNS * cellSize;
	const height = TILE_ROWS * cellSize;
	const option: EChartsOption = {
		animation: false,
		grid: { left: 'center', top: 'middle', width, height, containLabel: false },
		xAxis: { type: 'value', min: -0.5, max: TILE_COLUMNS - 0.5, show: false },
		yAxis: { type: 'value', min: -0.5, max: TILE_ROWS - 0.5, inverse: true, show: false },
		tooltip: {
			trigger: 'item',
			confine: true,
			formatter: (params) => {
				const p = Array.isArray(params) ? params[0] : params;
				const i = p.dataIndex;
				return `${escapeHtml(labels[i])}<br/>${escapeHtml(valueName)}: ${escapeHtml(format(valueOf(codes[i])))}`;
			}
		},
		series: [
			{
				type: 'scatter',
				name: valueName,
				symbol: 'rect',
				symbolSize: cellSize - GAP_PX,
				cursor: hrefs.some((h) => h !== null) ? 'pointer' : 'default',
				label: {
					show: true,
					position: 'inside',
					fontSize,
					lineHeight: Math.round(fontSize * 1.25),
					width: cellSize - GAP_PX,
					overflow: 'truncate'
				},
				emphasis: { scale: false, itemStyle: { shadowBlur: 6, shadowColor: 'rgba(0, 0, 0, 0.35)' } },
				data
			}
		]
	};
	return {
		option,
		hrefs: [hrefs],
		legend,
		size: { width: width + 2 * MARGIN_PX, height: height + 2 * MARGIN_PX }
	};
}
