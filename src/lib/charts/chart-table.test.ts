import { describe, expect, it } from 'vitest';
import { tableCsv, tableJson, type ChartTable } from './chart-table';

const table: ChartTable = {
	columns: [
		{ key: 'name', label: '试点 pilot' },
		{ key: 'value', label: '值 value', isNumeric: true },
		{ key: 'note', label: '备注 note' }
	],
	rows: [
		{ name: '=1+1', value: 12.5, note: null },
		{ name: 'A, "quoted"', value: -3, note: '-5' },
		{ name: 'B', value: null, note: '@sum', extra: 'not a column' }
	],
	hrefs: ['/pilots/A', null, '/pilots/B']
};

describe('tableCsv', () => {
	const lines = tableCsv(table).split('\r\n');

	it('starts with a BOM and has the labels as header', () => {
		expect(lines[0]).toBe('\uFEFF试点 pilot,值 value,备注 note');
	});

	it('neutralises formula-like text and leaves numbers alone', () => {
		expect(lines[1]).toBe("'=1+1,12.5,");
		expect(lines[2]).toBe('"A, ""quoted""",-3,-5');
		expect(lines[3]).toBe("B,,'@sum");
	});

	it('writes only the header when there are no rows', () => {
		const csv = tableCsv({ ...table, rows: [] });
		expect(csv.split('\r\n').filter(Boolean)).toEqual(['\uFEFF试点 pilot,值 value,备注 note']);
	});
});

describe('tableJson', () => {
	it('round-trips to the rows keyed by column, without extra fields', () => {
		expect(JSON.parse(tableJson(table))).toEqual([
			{ name: '=1+1', value: 12.5, note: null },
			{ name: 'A, "quoted"', value: -3, note: '-5' },
			{ name: 'B', value: null, note: '@sum' }
		]);
	});

	it('is pretty-printed and writes a missing cell as null', () => {
		const json = tableJson({ columns: table.columns, rows: [{ name: 'C' }] });
		expect(json).toBe('[\n  {\n    "name": "C",\n    "value": null,\n    "note": null\n  }\n]');
	});
});
