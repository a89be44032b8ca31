import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { toCsv } from './write';

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
