// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { PROVINCES, XPCC_CODE, provinceByCode, provinceLabel, resolveProvince } from './provinces';

describe('PROVINCES', () => {
	it('holds the 31 GB/T 2260 units plus XPCC, 32 in all, with distinct codes', () => {
		expect(PROVINCES).toHaveLength(32);
		expect(PROVINCES.filter((p) => p.isStandardCode)).toHaveLength(31);
		expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(32);
		for (const p of PROVINCES.filter((q) => q.isStandardCode)) expect(p.code).toMatch(/^[1-9]\d0000$/);
	});

	it('gives XPCC our own flagged code with a note', () => {
		const xpcc = provinceByCode('XPCC');
		expect(XPCC_CODE).toBe('XPCC');
		expect(xpcc?.nameZh).toBe('新疆生产建设兵团');
		expect(xpcc?.isStandardCode).toBe(false);
		expect(xpcc?.codeNote).toMatch(/own key/);
		expect(provinceByCode('650000')?.codeNote).toBeUndefined();
	});

	it('keeps the source of each code', () => {
		expect(provinceByCode('320000')?.source).toMatch(/GB\/T 2260/);
	});
});

describe('provinceByCode', () => {
	it('finds exact codes only', () => {
		expect(provinceByCode('370000')?.nameZh).toBe('山东省');
		expect(provinceByCode('540000')?.nameEn).toBe('Xizang (Tibet)');
		expect(provinceByCode('370100')).toBeNull();
		expect(provinceByCode('')).toBeNull();
	});
});

describe('resolveProvince', () => {
	it('accepts the code, full zh, short zh and English names', () => {
		expect(resolveProvince('320000')).toBe('320000');
		expect(resolveProvince('江苏省')).toBe('320000');
		expect(resolveProvince('江苏')).toBe('320000');
		expect(resolveProvince('Jiangsu')).toBe('320000');
	});

	it('ignores case and surrounding spaces', () => {
		expect(resolveProvince('  jiangsu ')).toBe('320000');
		expect(resolveProvince('INNER MONGOLIA')).toBe('150000');
		expect(resolveProvince(' 广西壮族自治区 ')).toBe('450000');
		expect(resolveProvince('xpcc')).toBe('XPCC');
	});

	it('keeps Shanxi and Shaanxi apart', () => {
		expect(resolveProvince('Shanxi')).toBe('140000');
		expect(resolveProvince('Shaanxi')).toBe('610000');
	});

	it('resolves XPCC by its names and Tibet by either English name', () => {
		expect(resolveProvince('新疆生产建设兵团')).toBe('XPCC');
		expect(resolveProvince('兵团')).toBe('XPCC');
		expect(resolveProvince('新疆')).toBe('650000');
		expect(resolveProvince('Xizang (Tibet)')).toBe('540000');
		expect(resolveProvince('tibet')).toBe('540000');
		expect(resolveProvince('Xizang')).toBe('540000');
	});

	it('returns null for unknown or empty input', () => {
		expect(resolveProvince('')).toBeNull();
		expect(resolveProvince('   ')).toBeNull();
		expect(resolveProvince(null)).toBeNull();
		expect(resolveProvince('苏州')).toBeNull();
		expect(resolveProvince('320100')).toBeNull();
		expect(resolveProvince('Atlantis')).toBeNull();
	});
});

describe('provinceLabel', () => {
	it('gives the full name in the locale', () => {
		expect(provinceLabel('440000', 'zh')).toBe('广东省');
		expect(provinceLabel('440000', 'en')).toBe('Guangdong');
		expect(provinceLabel('XPCC', 'zh')).toBe('新疆生产建设兵团');
	});

	it('says unknown for null or an unknown code', () => {
		expect(provinceLabel(null, 'zh')).toBe('未知');
		expect(provinceLabel(undefined, 'en')).toBe('unknown');
		expect(provinceLabel('999999', 'en')).toBe('unknown');
		expect(provinceLabel('江苏', 'zh')).toBe('未知');
	});
});
