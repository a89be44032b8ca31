import { describe, expect, it } from 'vitest';
import { encodeGb18030 } from './gb18030-encode';

const decode = (bytes: Uint8Array) => new TextDecoder('gb18030', { fatal: true }).decode(bytes);

describe('encodeGb18030', () => {
	it('round-trips Chinese text, full-width punctuation and ASCII', () => {
		const text =
			'试点编号,企业编号,报告期,指标代码,数值,单位,备注\r\nD-001,E001,2025年第四季度,voc,12.34,吨,含停产检修（示例）\r\n' +
			'万千瓦时 立方米 千克 吨标准煤 二氧化碳当量：１２３，。、「」';
		expect(decode(encodeGb18030(text))).toBe(text);
	});

	it('writes known byte sequences: ASCII single-byte, 中文 as D6D0 CEC4', () => {
		expect([...encodeGb18030('A,1')]).toEqual([0x41, 0x2c, 0x31]);
		expect([...encodeGb18030('中文')]).toEqual([0xd6, 0xd0, 0xce, 0xc4]);
	});

	it('round-trips a spread of CJK characters', () => {
		let text = '';
		for (let code = 0x4e00; code <= 0x9fa5; code += 37) text += String.fromCodePoint(code);
		expect(decode(encodeGb18030(text))).toBe(text);
	});

	it('throws on characters that only have four-byte forms', () => {
		expect(() => encodeGb18030('m³')).toThrow(RangeError);
		expect(() => encodeGb18030('😀')).toThrow(/U\+1F600/);
	});
});
