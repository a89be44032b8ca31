import { describe, expect, it } from 'vitest';
import { rowRanges } from './ranges';

describe('rowRanges', () => {
	it('joins consecutive rows into ranges and keeps single rows apart', () => {
		expect(rowRanges([2, 3, 4, 7, 9, 10])).toBe('2–4, 7, 9–10');
		expect(rowRanges([5])).toBe('5');
		expect(rowRanges([])).toBe('');
	});

	it('stops after `max` ranges and counts the rows of `total` it left out', () => {
		expect(rowRanges([2, 4, 6], 3, 2)).toBe('2, 4, … (+1)');
		expect(rowRanges([2, 3, 4, 9], 10)).toBe('2–4, 9, … (+6)');
	});
});
