import { describe, expect, it } from 'vitest';
import { checkPublication, creditEffect, listCounts } from './pass-list';

describe('listCounts', () => {
	it('counts as the batch-1 announcement does: 56 evaluated, 44 passed, 12 not', () => {
		const entries = [
			...Array.from({ length: 44 }, () => ({ decision: 'passed' as const })),
			...Array.from({ length: 12 }, () => ({ decision: 'not_passed' as const }))
		];
		expect(listCounts(entries)).toEqual({ evaluated: 56, passed: 44, notPassed: 12 });
	});
});

describe('checkPublication', () => {
	const ctx = { today: '2026-12-01', decided: 3, isPublished: false };
	it('accepts a reference and a past date', () => {
		expect(checkPublication({ refNo: '环办科财函〔2026〕1号', publishedOn: '2026-12-01' }, ctx)).toEqual([]);
	});
	it('refuses editing a published list', () => {
		const problems = checkPublication({ refNo: 'x', publishedOn: '2026-11-01' }, { ...ctx, isPublished: true });
		expect(problems[0].en).toBe(
			"This batch's list is published and cannot be edited; a changed decision appears as a correction"
		);
	});
	it('refuses an empty reference, a future date and a batch without decisions', () => {
		expect(
			checkPublication({ refNo: ' ', publishedOn: '2026-12-02' }, { ...ctx, decided: 0 }).map((p) => p.field)
		).toEqual(['refNo', 'publishedOn', '_form']);
	});
});

describe('creditEffect', () => {
	it('credits exist exactly while the current decision is passed', () => {
		expect(creditEffect('passed', 'not_passed')).toBe('revoke');
		expect(creditEffect('passed', null)).toBe('revoke');
		expect(creditEffect('not_passed', 'passed')).toBe('grant');
		expect(creditEffect(null, 'passed')).toBe('grant');
		expect(creditEffect('passed', 'passed')).toBe('none');
		expect(creditEffect('not_passed', null)).toBe('none');
	});
});
