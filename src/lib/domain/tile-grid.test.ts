import { describe, expect, it } from 'vitest';
import { PROVINCES, resolveProvince } from './provinces';
import { PROVINCE_TILES, TILE_COLUMNS, TILE_ROWS } from './tile-grid';

const tile = (name: string) => {
	const code = resolveProvince(name);
	if (!code) throw new Error(`unknown province ${name}`);
	return PROVINCE_TILES[code];
};
const distance = (a: string, b: string) => {
	const [p, q] = [tile(a), tile(b)];
	return Math.abs(p.col - q.col) + Math.abs(p.row - q.row);
};

describe('PROVINCE_TILES', () => {
	it('places every province, and nothing else', () => {
		expect(Object.keys(PROVINCE_TILES).sort()).toEqual(PROVINCES.map((p) => p.code).sort());
	});

	it('gives each province its own cell', () => {
		const cells = Object.values(PROVINCE_TILES).map(({ col, row }) => `${col},${row}`);
		expect(new Set(cells).size).toBe(cells.length);
	});

	it('keeps every cell inside the grid, on whole numbers', () => {
		for (const { col, row } of Object.values(PROVINCE_TILES)) {
			expect(Number.isInteger(col) && Number.isInteger(row)).toBe(true);
			expect(col).toBeGreaterThanOrEqual(0);
			expect(col).toBeLessThan(TILE_COLUMNS);
			expect(row).toBeGreaterThanOrEqual(0);
			expect(row).toBeLessThan(TILE_ROWS);
		}
	});

	it('uses the whole grid (no empty outer row or column)', () => {
		const tiles = Object.values(PROVINCE_TILES);
		expect(Math.min(...tiles.map((t) => t.col))).toBe(0);
		expect(Math.max(...tiles.map((t) => t.col))).toBe(TILE_COLUMNS - 1);
		expect(Math.min(...tiles.map((t) => t.row))).toBe(0);
		expect(Math.max(...tiles.map((t) => t.row))).toBe(TILE_ROWS - 1);
	});

	it('reads as China: north above south, west left of east', () => {
		expect(tile('黑龙江').row).toBeLessThan(tile('海南').row);
		expect(tile('内蒙古').row).toBeLessThan(tile('广东').row);
		expect(tile('新疆').col).toBeLessThan(tile('上海').col);
		expect(tile('西藏').col).toBeLessThan(tile('四川').col);
		expect(tile('四川').col).toBeLessThan(tile('浙江').col);
		expect(tile('黑龙江').row).toBeLessThan(tile('吉林').row);
		expect(tile('海南').row).toBe(TILE_ROWS - 1);
		expect(tile('新疆').col).toBe(0);
		expect(tile('黑龙江')).toEqual({ col: TILE_COLUMNS - 1, row: 0 });
	});

	it('keeps neighbours together', () => {
		expect(distance('北京', '天津')).toBeLessThanOrEqual(2);
		expect(distance('北京', '河北')).toBeLessThanOrEqual(2);
		expect(distance('天津', '河北')).toBeLessThanOrEqual(2);
		expect(distance('上海', '江苏')).toBeLessThanOrEqual(2);
		expect(distance('上海', '浙江')).toBeLessThanOrEqual(2);
		expect(distance('重庆', '四川')).toBeLessThanOrEqual(2);
		expect(distance('宁夏', '甘肃')).toBe(1);
		expect(distance('广东', '福建')).toBe(1);
		expect(distance('吉林', '黑龙江')).toBe(1);
	});

	it('puts 兵团 next to 新疆', () => {
		expect(distance('XPCC', '新疆')).toBe(1);
	});
});
