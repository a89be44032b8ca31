import { describe, expect, it } from 'vitest';
import { contentFromForm, numberOf, sheetFromForm } from './summary-form';
import { DEFAULT_CRITERIA } from '$lib/domain/evaluation/scoring';

describe('numberOf', () => {
	it('reads what people type, blank as null and anything else as NaN', () => {
		expect(numberOf('1,250.5')).toBe(1250.5);
		expect(numberOf('８５０')).toBe(850);
		expect(numberOf(' ')).toBeNull();
		expect(numberOf(null)).toBeNull();
		expect(numberOf('八百')).toBeNaN();
	});
});

describe('contentFromForm and sheetFromForm', () => {
	it('maps the fields by name', () => {
		const form = new FormData();
		form.set('parts.3', '目标');
		form.set('innovations', '创新');
		form.set('fundsAmount', '12.5');
		const c = contentFromForm(form);
		expect([c.parts['3'], c.parts['1'], c.innovations, c.problems, c.fundsAmount]).toEqual([
			'目标',
			'',
			'创新',
			'',
			12.5
		]);
		form.set('expert', '王');
		form.set('score.attainment', '90');
		const s = sheetFromForm(form, DEFAULT_CRITERIA);
		expect([s.expert, s.scores.attainment, s.scores.funds]).toEqual(['王', 90, null]);
	});
});
