import { describe, expect, it } from 'vitest';
import {
	DEFAULT_CRITERIA,
	checkCriteria,
	checkDecision,
	checkSheet,
	criteriaOf,
	meanScore,
	weightedTotal,
	type Criterion
} from './scoring';

const TWO: Criterion[] = [
	{ key: 'a', label: { zh: '甲', en: 'A' }, weight: 60 },
	{ key: 'b', label: { zh: '乙', en: 'B' }, weight: 40 }
];

describe('criteria', () => {
	it('the default sheet is valid and weighs 100', () => {
		expect(checkCriteria(DEFAULT_CRITERIA)).toEqual([]);
		expect(DEFAULT_CRITERIA.reduce((n, c) => n + c.weight, 0)).toBe(100);
		expect(criteriaOf(null)).toBe(DEFAULT_CRITERIA);
	});
	it('a batch may set its own sheet; weights that do not add up to 100 are refused', () => {
		expect(criteriaOf(JSON.stringify(TWO))).toEqual(TWO);
		expect(checkCriteria([{ ...TWO[0], weight: 50 }, TWO[1]]).map((p) => p.en)).toEqual([
			'Weights must add up to 100 (they add up to 90)'
		]);
		expect(() => criteriaOf(JSON.stringify([TWO[0], TWO[0]]))).toThrow(/repeated/);
	});
});

describe('weightedTotal and meanScore', () => {
	it('weighs each score by its criterion (hand-computed)', () => {
		// 80 × 0.6 + 90 × 0.4 = 48 + 36 = 84
		expect(weightedTotal(TWO, { a: 80, b: 90 })).toBe(84);
		// 71 × 0.6 + 62 × 0.4 = 42.6 + 24.8 = 67.4
		expect(weightedTotal(TWO, { a: 71, b: 62 })).toBe(67.4);
	});
	it('the mean of the experts’ totals, one decimal', () => {
		// (84 + 67.4) / 2 = 75.7
		expect(meanScore(TWO, [{ scores: { a: 80, b: 90 } }, { scores: { a: 71, b: 62 } }])).toBe(75.7);
		expect(meanScore(TWO, [])).toBeNull();
	});
});

describe('checkSheet', () => {
	it('needs the expert and a 0–100 score for every criterion', () => {
		expect(checkSheet(TWO, { expert: '张三', scores: { a: 0, b: 100 }, comment: '' })).toEqual([]);
		expect(checkSheet(TWO, { expert: ' ', scores: { a: 101, b: null }, comment: '' }).map((p) => p.field)).toEqual([
			'expert',
			'score.a',
			'score.b'
		]);
	});
});

describe('checkDecision', () => {
	const ok = { decision: 'passed', reason: '目标全部完成', decidedOn: '2026-11-20' };
	it('accepts a decision with a reason, a past date and a sheet', () => {
		expect(checkDecision(ok, { today: '2026-12-01', sheets: 1 })).toEqual([]);
	});
	it('refuses a decision without a reason, in both languages', () => {
		expect(checkDecision({ ...ok, reason: '  ' }, { today: '2026-12-01', sheets: 1 })).toEqual([
			{ field: 'reason', zh: '请写明评估结论的理由', en: 'A reason for the decision is required' }
		]);
	});
	it('refuses a date before the term’s end', () => {
		expect(checkDecision(ok, { today: '2026-12-01', sheets: 1, termEnd: '2026-11-21' })).toEqual([
			{
				field: 'decidedOn',
				zh: '评估日期不能早于实施期结束日 2026-11-21',
				en: "The date of the decision cannot be before the term's end, 2026-11-21"
			}
		]);
		expect(checkDecision(ok, { today: '2026-12-01', sheets: 1, termEnd: '2026-11-20' })).toEqual([]);
	});
	it('refuses an unknown decision, a future or malformed date and no sheet', () => {
		expect(
			checkDecision(
				{ decision: 'maybe', reason: 'x', decidedOn: '2026-12-02' },
				{ today: '2026-12-01', sheets: 0 }
			).map((p) => p.field)
		).toEqual(['decision', 'decidedOn', '_form']);
		expect(checkDecision({ ...ok, decidedOn: '2026-13-01' }, { today: '2026-12-01', sheets: 1 })[0].field).toBe(
			'decidedOn'
		);
	});
});
