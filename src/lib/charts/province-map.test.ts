import { describe, expect, it } from 'vitest';
import { PROVINCE_TILES, TILE_COLUMNS, TILE_ROWS } from '$lib/domain/tile-grid';
import { renderSvg, seriesSummary } from './echarts';
import {
	binIndex,
	binsOf,
	CANDIDATE_BORDER,
	MAP_CELL_PX,
	MAP_COLOURS,
	NO_DATA_COLOUR,
	provinceMapOption,
	type MapCell
} from './province-map';

const cell = (code: string, label: string, value: number | null, extra: Partial<MapCell> = {}): MapCell => ({
	code,
	label,
	value,
	isCandidate: false,
	href: `/provinces/${code}`,
	...extra
});

// Values 0..100 make the equal-interval thresholds 20, 40, 60, 80.
const CELLS: MapCell[] = [
	cell('110000', '北京', 0, { isCandidate: true }),
	cell('120000', '天津', 19.9),
	cell('130000', '河北', 20),
	cell('140000', '山西', 59.9),
	cell('150000', '内蒙古', 60),
	cell('320000', '江苏', 80, { isCandidate: true }),
	cell('440000', '广东', 100),
	cell('650000', '新疆', null, { href: null }),
	cell('XPCC', '兵团', 45, { href: null })
];
const format = (v: number | null) => (v === null ? '无数据' : v.toFixed(1));
const OPTS = { valueName: '试点企业', format };

type Item = {
	value: [number, number, number | null];
	name: string;
	label: { formatter: string; color: string };
	itemStyle: { color: string; borderColor?: string; borderWidth?: number };
};
type Scatter = { type: string; symbol: string; symbolSize: number; data: Item[] };

const build = (cells = CELLS, opts: Partial<Parameters<typeof provinceMapOption>[1]> = {}) =>
	provinceMapOption(cells, { ...OPTS, ...opts });
const seriesOf = (result: ReturnType<typeof build>) => result.option.series as Scatter[];
const itemOf = (result: ReturnType<typeof build>, code: string) => {
	const found = seriesOf(result)[0].data.find((d) => d.name === code);
	if (!found) throw new Error(`no item ${code}`);
	return found;
};

describe('binsOf', () => {
	it('cuts [min, max] into equal intervals', () => {
		expect(binsOf([0, 100, 37])).toEqual([20, 40, 60, 80]);
		expect(binsOf([10, 20], 2)).toEqual([15]);
		expect(binsOf([-5, 5, 0], 4)).toEqual([-2.5, 0, 2.5]);
	});

	it('is empty without finite values, and for one step', () => {
		expect(binsOf([])).toEqual([]);
		expect(binsOf([NaN, Infinity])).toEqual([]);
		expect(binsOf([1, 2, 3], 1)).toEqual([]);
	});

	it('ignores non-finite values', () => {
		expect(binsOf([0, NaN, 100, -Infinity])).toEqual([20, 40, 60, 80]);
	});

	it('repeats the value when all values are equal', () => {
		expect(binsOf([7, 7, 7])).toEqual([7, 7, 7, 7]);
		expect(binIndex(7, binsOf([7, 7]))).toBe(4);
	});

	it('rejects a bad number of steps', () => {
		expect(() => binsOf([1, 2], 0)).toThrow(RangeError);
		expect(() => binsOf([1, 2], 2.5)).toThrow(RangeError);
	});
});

describe('binIndex', () => {
	it('counts the thresholds at or below the value (a cut point goes up)', () => {
		const t = [20, 40, 60, 80];
		expect([0, 19.99, 20, 39, 40, 60, 79.9, 80, 100].map((v) => binIndex(v, t))).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 4]);
	});
});

describe('provinceMapOption', () => {
	it('draws one rect scatter item per province at its tile, also without data', () => {
		const result = build();
		const series = seriesOf(result);
		expect(series).toHaveLength(1);
		expect(series[0].type).toBe('scatter');
		expect(series[0].symbol).toBe('rect');
		expect(series[0].data).toHaveLength(32);
		expect(series[0].data.map((d) => d.name)).toEqual(Object.keys(PROVINCE_TILES));
		for (const d of series[0].data) {
			const { col, row } = PROVINCE_TILES[d.name];
			expect(d.value.slice(0, 2)).toEqual([col, row]);
		}
		expect(itemOf(result, '130000').value).toEqual([PROVINCE_TILES['130000'].col, PROVINCE_TILES['130000'].row, 20]);
	});

	it('colours each province by its equal-interval bin', () => {
		const result = build();
		const colour = (code: string) => itemOf(result, code).itemStyle.color;
		expect(colour('110000')).toBe(MAP_COLOURS[0]); // 0
		expect(colour('120000')).toBe(MAP_COLOURS[0]); // 19.9
		expect(colour('130000')).toBe(MAP_COLOURS[1]); // 20
		expect(colour('XPCC')).toBe(MAP_COLOURS[2]); // 45
		expect(colour('140000')).toBe(MAP_COLOURS[2]); // 59.9
		expect(colour('150000')).toBe(MAP_COLOURS[3]); // 60
		expect(colour('320000')).toBe(MAP_COLOURS[4]); // 80
		expect(colour('440000')).toBe(MAP_COLOURS[4]); // 100
	});

	it('greys out null values and provinces missing from the cells', () => {
		const result = build();
		expect(itemOf(result, '650000').itemStyle.color).toBe(NO_DATA_COLOUR);
		expect(itemOf(result, '650000').value[2]).toBeNull();
		expect(itemOf(result, '650000').label.formatter).toBe('新疆\n无数据');
		// Not in CELLS: grey, labelled with the short Chinese name.
		expect(itemOf(result, '460000').itemStyle.color).toBe(NO_DATA_COLOUR);
		expect(itemOf(result, '460000').label.formatter).toBe('海南\n无数据');
		expect(NO_DATA_COLOUR).toBe('#e5e7eb');
	});

	it('labels with the short name over the formatted value, white on the two darkest bins', () => {
		const result = build();
		expect(itemOf(result, '130000').label.formatter).toBe('河北\n20.0');
		expect(itemOf(result, '130000').label.color).toBe('#111827');
		expect(itemOf(result, '140000').label.color).toBe('#111827');
		expect(itemOf(result, '150000').label.color).toBe('#ffffff');
		expect(itemOf(result, '440000').label.color).toBe('#ffffff');
		expect(itemOf(result, '650000').label.color).toBe('#111827');
	});

	it('marks candidates with ★ and a 2px orange border', () => {
		const result = build();
		const beijing = itemOf(result, '110000');
		expect(beijing.label.formatter).toBe('★北京\n0.0');
		expect(beijing.itemStyle).toMatchObject({ borderColor: CANDIDATE_BORDER, borderWidth: 2 });
		expect(CANDIDATE_BORDER).toBe('#c2410c');
		expect(itemOf(result, '320000').label.formatter).toBe('★江苏\n80.0');
		expect(itemOf(result, '120000').itemStyle.borderWidth).toBeUndefined();
		expect(itemOf(result, '120000').label.formatter).toBe('天津\n19.9');
	});

	it('takes another candidate mark', () => {
		expect(itemOf(build(CELLS, { candidateMark: '◆ ' }), '110000').label.formatter).toBe('◆ 北京\n0.0');
	});

	it('aligns hrefs with the series data', () => {
		const result = build();
		const data = seriesOf(result)[0].data;
		expect(result.hrefs).toHaveLength(1);
		expect(result.hrefs[0]).toHaveLength(data.length);
		data.forEach((d, i) => {
			const given = CELLS.find((c) => c.code === d.name);
			expect(result.hrefs[0][i]).toBe(given ? given.href : null);
		});
		expect(result.hrefs[0][data.findIndex((d) => d.name === '320000')]).toBe('/provinces/320000');
		expect(result.hrefs[0][data.findIndex((d) => d.name === 'XPCC')]).toBeNull();
	});

	it('describes the bins for an HTML legend', () => {
		expect(build().legend).toEqual([
			{ color: MAP_COLOURS[0], from: 0, to: 20 },
			{ color: MAP_COLOURS[1], from: 20, to: 40 },
			{ color: MAP_COLOURS[2], from: 40, to: 60 },
			{ color: MAP_COLOURS[3], from: 60, to: 80 },
			{ color: MAP_COLOURS[4], from: 80, to: 100 }
		]);
		expect(build([cell('110000', '北京', null)]).legend).toEqual([]);
		expect(build([cell('110000', '北京', 3), cell('120000', '天津', 3)]).legend).toEqual([
			{ color: MAP_COLOURS[4], from: 3, to: 3 }
		]);
	});

	it('draws everything grey when nothing has a value', () => {
		const data = seriesOf(build([]))[0].data;
		expect(data).toHaveLength(32);
		expect(new Set(data.map((d) => d.itemStyle.color))).toEqual(new Set([NO_DATA_COLOUR]));
	});

	it('ignores codes without a tile and rejects duplicates', () => {
		const result = build([...CELLS, cell('810000', '香港', 1000)]);
		expect(seriesOf(result)[0].data).toHaveLength(32);
		expect(result.legend.at(-1)?.to).toBe(100);
		expect(() => build([...CELLS, cell('110000', '北京', 1)])).toThrow(RangeError);
	});

	it('fixes the hidden axes to the grid, row 0 on top, in a px box of square cells', () => {
		const { option, size } = build();
		expect(option.xAxis).toMatchObject({ type: 'value', min: -0.5, max: TILE_COLUMNS - 0.5, show: false });
		expect(option.yAxis).toMatchObject({
			type: 'value',
			min: -0.5,
			max: TILE_ROWS - 0.5,
			inverse: true,
			show: false
		});
		expect(option.grid).toMatchObject({ width: TILE_COLUMNS * MAP_CELL_PX, height: TILE_ROWS * MAP_CELL_PX });
		expect(seriesOf(build())[0].symbolSize).toBeLessThan(MAP_CELL_PX);
		expect(size.width).toBeLessThanOrEqual(640);
		expect(size.height).toBeLessThanOrEqual(480);
		const big = build(CELLS, { cellSize: 80 });
		expect(big.option.grid).toMatchObject({ width: TILE_COLUMNS * 80, height: TILE_ROWS * 80 });
		expect(big.size).toEqual({ width: TILE_COLUMNS * 80 + 32, height: TILE_ROWS * 80 + 32 });
		expect(() => build(CELLS, { cellSize: 4 })).toThrow(RangeError);
		expect(() => build(CELLS, { cellSize: NaN })).toThrow(RangeError);
	});

	it('shows label, metric name and formatted value in the tooltip, escaped', () => {
		const { option } = build([cell('110000', '北<京>', 12.34)]);
		const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
		expect(formatter({ dataIndex: 0 })).toBe('北&#60;京&#62;<br/>试点企业: 12.3');
		const hainan = Object.keys(PROVINCE_TILES).indexOf('460000');
		expect(formatter({ dataIndex: hainan })).toBe('海南<br/>试点企业: 无数据');
	});

	it('exposes its data to seriesSummary', () => {
		const [summary] = seriesSummary(build().option);
		expect(summary.name).toBe('试点企业');
		expect(summary.data).toHaveLength(32);
	});

	it('renders headlessly to SVG with one square per province', () => {
		const svg = renderSvg(build().option, { width: 640, height: 480 });
		expect(svg).toContain('北京');
		expect(svg).toContain('★江苏');
		expect(svg).toContain('内蒙古');
		expect(svg).toContain('无数据');
		const symbols = svg.match(/<path [^>]*ecmeta_data_index="\d+"/g) ?? [];
		expect(symbols).toHaveLength(32);
		for (const colour of [...MAP_COLOURS, NO_DATA_COLOUR]) expect(svg).toContain(`fill="${colour}"`);
		expect(svg).toContain(`stroke="${CANDIDATE_BORDER}"`);
	});
});
