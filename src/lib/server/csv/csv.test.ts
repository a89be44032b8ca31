// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode, type Decoded } from './decode';
import type { Problem } from '../../csv/problems';
import { readTable, type ColumnSpec } from './table';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/registry/${name}`));
const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

function decoded(bytes: Uint8Array): Decoded {
	const out = decode(bytes);
	if ('severity' in out) throw new Error(`not decoded: ${out.en}`);
	return out;
}

function refused(bytes: Uint8Array): Problem {
	const out = decode(bytes);
	if (!('severity' in out)) throw new Error(`decoded as ${out.encoding}`);
	return out;
}

/** UTF-16 bytes of the text, with BOM, in the given byte order (written by hand: no encoder for UTF-16BE in Node). */
function utf16(text: string, order: 'le' | 'be'): Uint8Array {
	const bytes: number[] = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		bytes.push(...(order === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
	}
	return Uint8Array.from(bytes);
}

describe('decode', () => {
	const text = '试点编号,批次\nT-001,2\n';

	it('reads UTF-8 and drops its BOM', () => {
		const out = decoded(concat([0xef, 0xbb, 0xbf], utf8(text)));
		expect(out).toEqual({ text, encoding: 'utf-8' });
		expect(decoded(utf8(text))).toEqual({ text, encoding: 'utf-8' });
	});

	it('falls back to GB18030 for bytes that are not UTF-8', () => {
		const out = decoded(fixture('pilots-valid-gb18030.csv'));
		expect(out.encoding).toBe('gb18030');
		const zh = decoded(fixture('pilots-valid-zh.csv'));
		expect(out.text).toBe(zh.text);
		expect(out.text.startsWith('试点编号,批次,试点名称')).toBe(true);
	});

	it('reads UTF-16 LE and BE with their BOM', () => {
		expect(decoded(utf16(text, 'le'))).toEqual({ text, encoding: 'utf-16le' });
		expect(decoded(utf16(text, 'be'))).toEqual({ text, encoding: 'utf-16be' });
		const file = decoded(fixture('pilots-valid-utf16le.csv'));
		expect(file.encoding).toBe('utf-16le');
		expect(file.text).toBe(decoded(fixture('pilots-valid-zh.csv')).text);
	});

	it('refuses a UTF-16 file whose content is broken', () => {
		// A lone high surrogate (D800) followed by an ASCII unit.
		const problem = refused(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]));
		expect(problem.severity).toBe('error');
		expect(problem.en).toMatch(/UTF-16 LE/);
		expect(problem.zh).toMatch(/UTF-16 LE/);
	});

	it('refuses bytes valid in neither UTF-8 nor GB18030 and names the row of the bad byte', () => {
		const problem = refused(fixture('pilots-invalid-bytes.csv'));
		expect(problem).toMatchObject({ row: 3, column: null, severity: 'error' });
		expect(problem.zh).toContain('第 3 行');
		expect(problem.en).toContain('Row 3');
		const inline = refused(concat(utf8('a,b\n1,2\n3,'), [0xff], utf8('\n')));
		expect(inline.row).toBe(3);
	});

	it('names the right row for a GB18030 file with a stray byte', () => {
		const problem = refused(fixture('pilots-invalid-bytes-gb18030.csv'));
		expect(problem.row).toBe(3);
		expect(problem.en).toContain('Row 3');
	});
});

const SPECS: ColumnSpec[] = [
	{ key: 'pilot_code', aliases: ['试点编号', 'code'], required: true },
	{ key: 'name_zh', aliases: ['试点名称', 'name'], required: true },
	{ key: 'province', aliases: ['省份', 'Province Name'], required: false },
	{ key: 'note', aliases: ['备注'], required: false }
];

describe('readTable', () => {
	it('maps zh and en aliases in any order, case and spacing, ignoring a BOM', () => {
		const table = readTable('\uFEFF  PROVINCE   name \t,试点名称, Code \n江苏,苏州试点,T-001\n', [
			...SPECS.slice(0, 2),
			{ key: 'province', aliases: ['省份', 'province name'], required: false }
		]);
		expect(table.problems).toEqual([]);
		expect(table.columns).toEqual({ province: 'PROVINCE   name', name_zh: '试点名称', pilot_code: 'Code' });
		expect(table.rows).toEqual([{ row: 2, cells: { province: '江苏', name_zh: '苏州试点', pilot_code: 'T-001' } }]);
	});

	it('warns about an unknown extra column and still reads the rest', () => {
		const table = readTable('试点编号,试点名称,颜色\nT-001,甲,红\n', SPECS);
		expect(table.problems).toHaveLength(1);
		expect(table.problems[0]).toMatchObject({ row: 1, column: '颜色', severity: 'warning' });
		expect(table.problems[0].zh).toContain('颜色');
		expect(table.problems[0].en).toContain('颜色');
		expect(table.rows).toEqual([{ row: 2, cells: { pilot_code: 'T-001', name_zh: '甲' } }]);
	});

	it('refuses a missing required column, named as the file names its columns', () => {
		const table = readTable('试点编号,省份\nT-001,江苏\n', SPECS);
		const errors = table.problems.filter((p) => p.severity === 'error');
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ row: 1, column: '试点名称' });
		expect(errors[0].zh).toContain('试点名称');
		expect(errors[0].en).toContain('name_zh');
		const english = readTable('pilot_code,province\nT-001,江苏\n', SPECS).problems.filter(
			(p) => p.severity === 'error'
		);
		expect(english[0]).toMatchObject({ row: 1, column: 'name_zh' });
	});

	it('refuses a duplicated column, even when spelt with another alias', () => {
		const table = readTable('试点编号,试点名称,name\nT-001,甲,乙\n', SPECS);
		expect(table.problems).toHaveLength(1);
		expect(table.problems[0]).toMatchObject({ row: 1, column: 'name', severity: 'error' });
		expect(table.rows[0].cells.name_zh).toBe('甲');
	});

	it('ignores empty and separator-only rows and trims cells', () => {
		const table = readTable('试点编号,试点名称,省份\n T-001 , 甲 ,\n,,\n\nT-002,乙,江苏\n,,\n , ,\n', SPECS);
		expect(table.problems).toEqual([]);
		expect(table.rows).toEqual([
			{ row: 2, cells: { pilot_code: 'T-001', name_zh: '甲', province: '' } },
			{ row: 5, cells: { pilot_code: 'T-002', name_zh: '乙', province: '江苏' } }
		]);
	});

	it('reads CR-only, CRLF and semicolon-delimited files', () => {
		const expected = [
			{ row: 2, cells: { pilot_code: 'T-001', name_zh: '甲' } },
			{ row: 3, cells: { pilot_code: 'T-002', name_zh: '乙' } }
		];
		for (const text of [
			'试点编号,试点名称\rT-001,甲\rT-002,乙\r',
			'试点编号,试点名称\r\nT-001,甲\r\nT-002,乙\r\n',
			'试点编号;试点名称\nT-001;甲\nT-002;乙\n',
			'试点编号\t试点名称\nT-001\t甲\nT-002\t乙\n'
		]) {
			const table = readTable(text, SPECS);
			expect(table.problems, JSON.stringify(text)).toEqual([]);
			expect(table.rows, JSON.stringify(text)).toEqual(expected);
		}
	});

	it('keeps a quoted line break inside its field and counts rows as a spreadsheet does', () => {
		const table = readTable('试点编号,试点名称,备注\nT-001,"甲, 一期","第一行\n第二行"\nT-002,乙,"说 ""好"""\n', SPECS);
		expect(table.problems).toEqual([]);
		expect(table.rows).toEqual([
			{ row: 2, cells: { pilot_code: 'T-001', name_zh: '甲, 一期', note: '第一行\n第二行' } },
			{ row: 3, cells: { pilot_code: 'T-002', name_zh: '乙', note: '说 "好"' } }
		]);
	});

	it('refuses an unbalanced quote at the row where it opens', () => {
		const table = readTable('试点编号,试点名称\nT-001,甲\nT-002,"乙\nT-003,丙\n', SPECS);
		const errors = table.problems.filter((p) => p.severity === 'error');
		expect(errors).toHaveLength(1);
		expect(errors[0].row).toBe(3);
		expect(errors[0].zh).toContain('第 3 行');
		expect(errors[0].en).toContain('Row 3');
	});

	it('refuses a file with no header', () => {
		for (const text of ['', '\n\n', ',,\n']) {
			const table = readTable(text, SPECS);
			expect(table.rows).toEqual([]);
			expect(table.problems).toHaveLength(1);
			expect(table.problems[0]).toMatchObject({ row: null, severity: 'error' });
		}
	});
});
