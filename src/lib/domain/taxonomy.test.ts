// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import {
	AIR_REGION_LABELS,
	AIR_PRIORITY_INDUSTRIES,
	BASIN_PRIORITY_INDUSTRIES,
	CATEGORY_LABELS,
	INDUSTRIES,
	INDUSTRY_LABELS,
	PILOT_STATUSES,
	PILOT_TRANSITIONS,
	allowedBodyTypes,
	resolveCode
} from './taxonomy';

describe('taxonomy', () => {
	it('has the notice’s four categories and thirteen key industries, each labelled in zh and en', () => {
		expect(Object.keys(CATEGORY_LABELS)).toEqual(['1', '2', '3', '4']);
		expect(INDUSTRIES).toHaveLength(13);
		expect(INDUSTRIES.map((i) => INDUSTRY_LABELS[i].zh).join('、')).toBe(
			'能源、钢铁、焦化、建材、有色金属、石化化工、印染、造纸、化学原料药、电镀、农副食品加工、工业涂装、包装印刷'
		);
		for (const i of INDUSTRIES) expect(INDUSTRY_LABELS[i].en.length).toBeGreaterThan(2);
	});

	it('names the five key air regions and the priority industries of regions and basins', () => {
		expect(Object.values(AIR_REGION_LABELS).map((l) => l.zh)).toEqual([
			'京津冀及周边地区',
			'汾渭平原',
			'长三角地区',
			'珠三角地区',
			'成渝地区'
		]);
		expect(AIR_PRIORITY_INDUSTRIES.map((i) => INDUSTRY_LABELS[i].zh)).toEqual([
			'钢铁',
			'石化化工',
			'焦化',
			'工业涂装',
			'包装印刷'
		]);
		expect(BASIN_PRIORITY_INDUSTRIES.map((i) => INDUSTRY_LABELS[i].zh)).toEqual([
			'印染',
			'造纸',
			'化学原料药',
			'农副食品加工'
		]);
	});

	it('resolves codes and zh/en labels, trimmed and in any case, and nothing else', () => {
		expect(resolveCode(INDUSTRY_LABELS, ' 印染 ')).toBe('dyeing');
		expect(resolveCode(INDUSTRY_LABELS, 'PULP & PAPER')).toBe('paper');
		expect(resolveCode(INDUSTRY_LABELS, 'api')).toBe('api');
		expect(resolveCode(AIR_REGION_LABELS, '汾渭平原')).toBe('fenwei');
		expect(resolveCode(INDUSTRY_LABELS, '轴承')).toBeNull();
		expect(resolveCode(INDUSTRY_LABELS, '')).toBeNull();
	});

	it('allows a provincial department for category 4 only, and the other bodies for categories 1–3', () => {
		expect(allowedBodyTypes(4)).toEqual(['provincial_dept']);
		for (const c of [1, 2, 3] as const) expect(allowedBodyTypes(c)).toEqual(['park', 'county_gov', 'prefecture_dept']);
	});

	it('follows the lifecycle: withdrawal from any live state, evaluation ends in passed or not passed', () => {
		for (const s of PILOT_STATUSES) {
			const isFinal = ['passed', 'not_passed', 'withdrawn'].includes(s);
			expect(PILOT_TRANSITIONS[s].includes('withdrawn')).toBe(!isFinal);
		}
		expect(PILOT_TRANSITIONS.evaluating).toEqual(['passed', 'not_passed', 'withdrawn']);
		expect(PILOT_TRANSITIONS.recommended).toContain('approved');
	});
});
