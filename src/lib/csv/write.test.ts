import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { problemReportCsv, toCsv } from './write';
import type { Problem } from './problems';

describe('toCsv', () => {
	it('writes what a CSV reader reads back: quotes, commas, line breaks, edge spaces; formula-safe; BOM and CRLF', () => {
		const rows = [
			['a,b', 'say "hi"', 'two\nlines', ' padded', 12.5, null],
			['=SUM(A1)', '-3', '+x', '普通', 0, 'end']
		];
		const text = toCsv(['名称', 'note', 'c', 'd', 'e', 'f'], rows);
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text.endsWith('\r\n')).toBe(true);
		const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
		expect(parsed).toEqual([
			['名称', 'note', 'c', 'd', 'e', 'f'],
			['a,b', 'say "hi"', 'two\nlines', ' padded', '12.5', ''],
			["'=SUM(A1)", '-3', "'+x", '普通', '0', 'end']
		]);
		expect(text.split('\r\n')[1]).toBe('"a,b","say ""hi""","two\nlines"," padded",12.5,');
	});
});

describe('problemReportCsv', () => {
	const problem = (row: number | null, value: string | null, code = 'E_VALUE_NOT_NUMBER'): Problem => ({
		row,
		column: row === null ? null : '数值',
		value,
		zh: '不是数字',
		en: 'Not a number',
		severity: 'error',
		code
	});

	it('writes one line per group with its row ranges and count, formula-safe', () => {
		const problems = [
			problem(null, null, 'E_FILE_EMPTY'),
			...Array.from({ length: 192 }, (_, i) => problem(i + 2, i === 5 ? '=1+1' : 'abc')),
			problem(200, 'abc')
		];
		const parsed = Papa.parse<string[]>(problemReportCsv(problems).slice(1), { skipEmptyLines: true }).data;
		expect(parsed).toEqual([
			['行 rows', '条数 count', '列 column', '值 value', '代码 code', '级别 severity', '问题', 'problem'],
			['', '1', '', '', 'E_FILE_EMPTY', 'error', '不是数字', 'Not a number'],
			['2–193, 200', '193', '数值', 'abc, =1+1', 'E_VALUE_NOT_NUMBER', 'error', '不是数字', 'Not a number']
		]);
		const single = Papa.parse<string[]>(problemReportCsv([problem(7, '=1+1')]).slice(1)).data[1];
		expect(single.slice(0, 4)).toEqual(['7', '1', '数值', "'=1+1"]);
	});

	it('lists up to a thousand ranges in a cell, then counts the rest', () => {
		const problems = Array.from({ length: 1500 }, (_, i) => problem(2 * i + 2, 'abc'));
		const rows = Papa.parse<string[]>(problemReportCsv(problems).slice(1)).data[1][0];
		expect(rows.startsWith('2, 4, 6')).toBe(true);
		expect(rows.endsWith('2000, … (+500)')).toBe(true);
	});
});
