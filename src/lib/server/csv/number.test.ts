import { describe, expect, it } from 'vitest';
import { parseNumber } from './number';

describe('parseNumber', () => {
	it('reads decimals, signs, thousands separators, scientific notation and full-width digits', () => {
		expect(parseNumber('12.5')).toBe(12.5);
		expect(parseNumber(' -3 ')).toBe(-3);
		expect(parseNumber('1,234,567.25')).toBe(1234567.25);
		expect(parseNumber('1 234')).toBe(1234);
		expect(parseNumber('1.5e3')).toBe(1500);
		expect(parseNumber('２３．５')).toBe(23.5);
		expect(parseNumber('.5')).toBe(0.5);
	});

	it('refuses anything lenient', () => {
		for (const bad of ['', '12吨', '0x1A', 'N/A', '1,23', '1,2345', 'Infinity', '1e', '--1', '12 t', 'NaN']) {
			expect(parseNumber(bad), bad).toBeNull();
		}
	});
});
