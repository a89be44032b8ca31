import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, label, translator } from './index';
import { zh } from './messages';
import { en } from './en';

describe('i18n', () => {
	it('has every key in both languages, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
		for (const [key, text] of Object.entries(en)) expect(text.trim(), key).not.toBe('');
	});

	it('translates and fills placeholders', () => {
		expect(translator('zh')('pilots.count', { n: 12 })).toBe('共 12 个试点');
		expect(translator('en')('paging.page', { page: 2, pages: 5 })).toBe('Page 2 of 5');
	});

	it('formats numbers and dates for the locale, and unknown as 未知 / unknown', () => {
		expect(formatNumber('zh', 1234567.891)).toBe('1,234,567.89');
		expect(formatNumber('en', 0.5)).toBe('0.5');
		expect(formatNumber('zh', null)).toBe('未知');
		expect(formatDate('zh', '2023-08-15')).toBe('2023年8月15日');
		expect(formatDate('en', '2023-08-15')).toBe('15 Aug 2023');
		expect(formatDate('en', null)).toBe('unknown');
		expect(label('en', null)).toBe('unknown');
	});
});
