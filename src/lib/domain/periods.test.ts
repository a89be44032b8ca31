// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import {
	comparePeriods,
	dueDate,
	formatPeriod,
	formatPeriodKey,
	isIsoDate,
	nextPeriod,
	parsePeriod,
	periodEnd,
	periodKey,
	periodOfDate,
	periodStart,
	termEndFor,
	termQuarters,
	type Period
} from './periods';

const q = (year: number, quarter: 1 | 2 | 3 | 4): Period => ({ year, quarter });
const keys = (ps: Period[]) => ps.map(periodKey);

describe('parsePeriod', () => {
	it.each([
		'2024Q1',
		'2024q1',
		'2024-Q1',
		'2024 Q1',
		'2024年第一季度',
		'2024年第1季度',
		'2024年一季度',
		'2024年1季度',
		'２０２４Ｑ１',
		'２０２４年第１季度',
		'  2024Q1  ',
		'\t2024-q1\n',
		'\u30002024年第一季度\u3000'
	])('reads %j as 2024Q1', (input) => {
		expect(parsePeriod(input)).toEqual(q(2024, 1));
	});

	it('reads every quarter in every form', () => {
		expect(parsePeriod('2023Q4')).toEqual(q(2023, 4));
		expect(parsePeriod('2023年第二季度')).toEqual(q(2023, 2));
		expect(parsePeriod('2023年三季度')).toEqual(q(2023, 3));
		expect(parsePeriod('2023年第四季度')).toEqual(q(2023, 4));
		expect(parsePeriod('2025-q3')).toEqual(q(2025, 3));
	});

	it.each([
		'2024Q5',
		'2024Q0',
		'24Q1',
		'',
		'   ',
		'2024-01',
		'2024',
		'Q1 2024',
		'2024Q1x',
		'2024年第五季度',
		'2024QQ1',
		'02024Q1',
		'0999Q1'
	])('refuses %j', (input) => {
		expect(parsePeriod(input)).toBeNull();
	});
});

describe('formatting and keys', () => {
	it('formats in zh and en', () => {
		expect(formatPeriod(q(2024, 1), 'zh')).toBe('2024年第一季度');
		expect(formatPeriod(q(2023, 4), 'zh')).toBe('2023年第四季度');
		expect(formatPeriod(q(2024, 1), 'en')).toBe('2024 Q1');
		expect(formatPeriod(q(2023, 3), 'en')).toBe('2023 Q3');
	});

	it('keys as YYYYQn and round-trips through parsePeriod', () => {
		expect(periodKey(q(2024, 1))).toBe('2024Q1');
		for (const p of [q(2023, 1), q(2023, 2), q(2023, 3), q(2023, 4)]) {
			expect(parsePeriod(periodKey(p))).toEqual(p);
			expect(parsePeriod(formatPeriod(p, 'zh'))).toEqual(p);
			expect(parsePeriod(formatPeriod(p, 'en'))).toEqual(p);
		}
	});
});

describe('ordering', () => {
	it('compares by year then quarter', () => {
		expect(comparePeriods(q(2023, 4), q(2024, 1))).toBeLessThan(0);
		expect(comparePeriods(q(2024, 2), q(2024, 1))).toBeGreaterThan(0);
		expect(comparePeriods(q(2024, 2), q(2024, 2))).toBe(0);
		expect(keys([q(2024, 2), q(2023, 4), q(2024, 1)].sort(comparePeriods))).toEqual(['2023Q4', '2024Q1', '2024Q2']);
	});

	it('steps to the next quarter across a year end', () => {
		expect(nextPeriod(q(2023, 4))).toEqual(q(2024, 1));
		expect(nextPeriod(q(2024, 1))).toEqual(q(2024, 2));
		expect(nextPeriod(q(2024, 3))).toEqual(q(2024, 4));
	});
});

describe('quarters and dates', () => {
	it('finds the quarter of a date at quarter edges', () => {
		expect(periodOfDate('2024-01-01')).toEqual(q(2024, 1));
		expect(periodOfDate('2024-03-31')).toEqual(q(2024, 1));
		expect(periodOfDate('2024-04-01')).toEqual(q(2024, 2));
		expect(periodOfDate('2023-08-15')).toEqual(q(2023, 3));
		expect(periodOfDate('2023-12-31')).toEqual(q(2023, 4));
	});

	it('refuses a date that is not real', () => {
		expect(() => periodOfDate('2023-02-29')).toThrow(RangeError);
		expect(() => periodOfDate('2024/01/01')).toThrow(RangeError);
	});

	it('gives the first and last day of each quarter', () => {
		expect(periodStart(q(2024, 1))).toBe('2024-01-01');
		expect(periodStart(q(2024, 2))).toBe('2024-04-01');
		expect(periodStart(q(2024, 3))).toBe('2024-07-01');
		expect(periodStart(q(2024, 4))).toBe('2024-10-01');
		expect(periodEnd(q(2024, 1))).toBe('2024-03-31');
		expect(periodEnd(q(2024, 2))).toBe('2024-06-30');
		expect(periodEnd(q(2024, 3))).toBe('2024-09-30');
		expect(periodEnd(q(2024, 4))).toBe('2024-12-31');
	});
});

describe('termQuarters', () => {
	it('starts with the quarter containing the start and crosses the year end', () => {
		expect(keys(termQuarters('2023-08-15'))).toEqual(['2023Q3', '2023Q4', '2024Q1', '2024Q2']);
		expect(keys(termQuarters('2023-11-30'))).toEqual(['2023Q4', '2024Q1', '2024Q2', '2024Q3']);
	});

	it('handles a start on the first and on the last day of a quarter', () => {
		expect(keys(termQuarters('2024-01-01'))).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4']);
		expect(keys(termQuarters('2024-03-31'))).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4']);
	});

	it('throws on a bad start date', () => {
		expect(() => termQuarters('2024-13-01')).toThrow(RangeError);
	});
});

describe('termEndFor', () => {
	it('ends the day before the same day a year later', () => {
		expect(termEndFor('2023-08-15')).toBe('2024-08-14');
		expect(termEndFor('2024-01-01')).toBe('2024-12-31');
		expect(termEndFor('2023-03-01')).toBe('2024-02-29');
		expect(termEndFor('2024-03-01')).toBe('2025-02-28');
	});

	it('ends on the last day of a month that lacks the start day', () => {
		expect(termEndFor('2023-01-31', 1)).toBe('2023-02-28');
		expect(termEndFor('2024-01-31', 1)).toBe('2024-02-29');
		expect(termEndFor('2024-01-29', 1)).toBe('2024-02-28');
		expect(termEndFor('2024-02-29')).toBe('2025-02-28');
		expect(termEndFor('2023-08-31', 1)).toBe('2023-09-30');
	});

	it('counts other lengths across year ends', () => {
		expect(termEndFor('2023-08-15', 6)).toBe('2024-02-14');
		expect(termEndFor('2023-11-15', 3)).toBe('2024-02-14');
		expect(termEndFor('2023-08-15', 24)).toBe('2025-08-14');
	});

	it('throws on a bad date or month count', () => {
		expect(() => termEndFor('2023-02-30')).toThrow(RangeError);
		expect(() => termEndFor('2023-08-15', 0)).toThrow(RangeError);
		expect(() => termEndFor('2023-08-15', 1.5)).toThrow(RangeError);
	});
});

describe('dueDate', () => {
	it('is 15 days after the quarter ends by default, across the year end', () => {
		expect(dueDate(q(2024, 1))).toBe('2024-04-15');
		expect(dueDate(q(2024, 2))).toBe('2024-07-15');
		expect(dueDate(q(2024, 3))).toBe('2024-10-15');
		expect(dueDate(q(2023, 4))).toBe('2024-01-15');
	});

	it('takes another offset, including one that crosses a leap day', () => {
		expect(dueDate(q(2023, 4), 30)).toBe('2024-01-30');
		expect(dueDate(q(2023, 4), 60)).toBe('2024-02-29');
		expect(dueDate(q(2022, 4), 60)).toBe('2023-03-01');
		expect(dueDate(q(2024, 1), 0)).toBe('2024-03-31');
	});
});

describe('isIsoDate', () => {
	it('accepts real dates including leap days', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2000-02-29')).toBe(true);
		expect(isIsoDate('2023-12-31')).toBe(true);
	});

	it('refuses impossible dates and other shapes', () => {
		expect(isIsoDate('2024-02-30')).toBe(false);
		expect(isIsoDate('2023-02-29')).toBe(false);
		expect(isIsoDate('1900-02-29')).toBe(false);
		expect(isIsoDate('2024-04-31')).toBe(false);
		expect(isIsoDate('2024-13-01')).toBe(false);
		expect(isIsoDate('2024-00-10')).toBe(false);
		expect(isIsoDate('2024-1-01')).toBe(false);
		expect(isIsoDate('2024-01-01T00:00:00Z')).toBe(false);
		expect(isIsoDate(' 2024-01-01')).toBe(false);
		expect(isIsoDate('')).toBe(false);
	});
});

describe('formatPeriodKey', () => {
	it('writes a stored key for the locale and leaves anything else as it is', () => {
		expect(formatPeriodKey('2025Q4', 'zh')).toBe('2025年第四季度');
		expect(formatPeriodKey('2025Q4', 'en')).toBe('2025 Q4');
		expect(formatPeriodKey('T1', 'en')).toBe('T1');
	});
});
