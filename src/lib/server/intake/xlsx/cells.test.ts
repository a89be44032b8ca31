/** Cell values as exceljs's reader gives them, read as the text Excel shows. */
import { describe, expect, it } from 'vitest';
import { readCell } from './cells';

describe('readCell', () => {
	it('decodes the _xHHHH_ escapes Excel writes for characters XML cannot hold, in plain and rich text and results', () => {
		expect(readCell('第一行_x000D_\n第二行', undefined).text).toBe('第一行\r\n第二行');
		expect(readCell('typed _x005F_x0041_ as is', undefined).text).toBe('typed _x0041_ as is');
		expect(readCell({ richText: [{ text: 'a_x0009_' }, { text: 'b' }] }, undefined).text).toBe('a\tb');
		expect(readCell({ formula: 'A1', result: 'x_x000D_y' }, undefined)).toMatchObject({ text: 'x\ry', formula: 'A1' });
		expect(readCell('_x00ZZ_ and _x41_ stay', undefined).text).toBe('_x00ZZ_ and _x41_ stay');
	});
});
