// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { groupProblems } from './group';
import type { Problem } from './problems';

const locked = (row: number): Problem => ({
	row,
	column: '报告期',
	value: '2025Q4',
	zh: '报告期 2025Q4 已锁定',
	en: 'Period 2025Q4 is locked',
	severity: 'error',
	code: 'E_PERIOD_LOCKED'
});
const notNumber = (row: number, value: string): Problem => ({
	row,
	column: '数值',
	value,
	zh: '不是数字',
	en: 'Not a number',
	severity: 'error',
	code: 'E_VALUE_NOT_NUMBER'
});
const rowsFrom = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('groupProblems', () => {
	it('folds 192 identical rows into one group "2–193"', () => {
		const groups = groupProblems(rowsFrom(2, 192).map(locked));
		expect(groups).toHaveLength(1);
		expect(groups[0]).toMatchObject({
			code: 'E_PERIOD_LOCKED',
			column: '报告期',
			severity: 'error',
			zh: '报告期 2025Q4 已锁定',
			en: 'Period 2025Q4 is locked',
			ranges: '2–193',
			count: 192,
			values: ['2025Q4'],
			otherValues: 0
		});
		expect(groups[0].rows).toEqual(rowsFrom(2, 192));
		expect(groups[0].items).toHaveLength(192);
		expect(groups[0].items[191]).toEqual({ row: 193, value: '2025Q4' });
	});

	it('writes gaps as separate ranges and keeps the first few distinct values, counting the rest', () => {
		const rows = [9, 2, 3, 4, 7, 10, 12];
		const values = ['a', 'b', 'a', 'c', 'd', 'e', 'b'];
		const groups = groupProblems(rows.map((r, i) => notNumber(r, values[i])));
		expect(groups).toHaveLength(1);
		expect(groups[0].ranges).toBe('2–4, 7, 9–10, 12');
		expect(groups[0].rows).toEqual([2, 3, 4, 7, 9, 10, 12]);
		expect(groups[0].count).toBe(7);
		// in row order: 2 b, 3 a, 4 c, 7 d, 9 a, 10 e, 12 b
		expect(groups[0].values).toEqual(['b', 'a', 'c']);
		expect(groups[0].otherValues).toBe(2);
		expect(groups[0].items.map((i) => i.row)).toEqual([2, 3, 4, 7, 9, 10, 12]);
	});

	it('keeps codes, columns and messages apart, ordered by first row', () => {
		const other = { ...notNumber(3, 'x'), column: 'value' };
		const otherMessage = { ...notNumber(6, 'y'), zh: '别的', en: 'other' };
		const groups = groupProblems([
			notNumber(5, 'x'),
			locked(4),
			notNumber(2, 'x'),
			other,
			locked(5),
			otherMessage,
			notNumber(3, 'z')
		]);
		expect(groups.map((g) => [g.code, g.column, g.ranges, g.count])).toEqual([
			['E_VALUE_NOT_NUMBER', '数值', '2–3, 5', 3],
			['E_VALUE_NOT_NUMBER', 'value', '3', 1],
			['E_PERIOD_LOCKED', '报告期', '4–5', 2],
			['E_VALUE_NOT_NUMBER', '数值', '6', 1]
		]);
		expect(groups[3].en).toBe('other');
	});

	it('groups problems without a code by severity, and keeps every problem about the whole file on its own', () => {
		const plain = (row: number | null, severity: Problem['severity']): Problem => ({
			row,
			column: row === null ? null : '省份',
			value: null,
			zh: '问题',
			en: 'problem',
			severity
		});
		const groups = groupProblems([
			plain(2, 'error'),
			plain(null, 'error'),
			plain(3, 'warning'),
			plain(3, 'error'),
			plain(null, 'error')
		]);
		expect(groups.map((g) => [g.code, g.severity, g.ranges, g.count])).toEqual([
			[null, 'error', '', 1],
			[null, 'error', '', 1],
			[null, 'error', '2–3', 2],
			[null, 'warning', '3', 1]
		]);
		expect(groups[0].rows).toEqual([]);
		expect(groups[0].values).toEqual([]);
	});

	it('counts two problems on one row once in the ranges but twice in the count', () => {
		const groups = groupProblems([notNumber(2, 'a'), notNumber(2, 'a'), notNumber(3, 'a')]);
		expect(groups[0]).toMatchObject({ ranges: '2–3', count: 3, rows: [2, 3] });
	});

	it('shortens a long list of ranges the way notices do, still counting every row', () => {
		const groups = groupProblems(rowsFrom(1, 30).map((i) => notNumber(2 * i, 'x')));
		expect(groups[0].ranges).toBe('2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, … (+18)');
		expect(groups[0].count).toBe(30);
	});

	it('gives nothing for no problems', () => {
		expect(groupProblems([])).toEqual([]);
	});
});
