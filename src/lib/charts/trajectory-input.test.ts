import { describe, expect, it } from 'vitest';
import { trajectoryInput } from './trajectory-input';

const quarters = ['2025Q4', '2026Q1', '2026Q2', '2026Q3'];

describe('trajectoryInput', () => {
	it('draws a periodic lower-is-better target as baseline/4 − target/4 each quarter', () => {
		// baseline 400 t, target 40 t: 100 − 10 = 90 every quarter
		const input = trajectoryInput(
			{
				code: 'voc',
				direction: 'lower',
				kind: 'periodic',
				baseline: 400,
				target: 40,
				values: [95, 92, null, null],
				unit: 't'
			},
			quarters,
			'VOCs',
			'en'
		);
		expect(input.targetTrajectory).toEqual([90, 90, 90, 90]);
		expect(input.quarterlyBaseline).toBe(100);
		expect(input.reported).toEqual([95, 92, null, null]);
	});

	it('draws a cumulative higher-is-better target as a running share and no baseline line', () => {
		// target 20 enterprises: 5, 10, 15, 20
		const input = trajectoryInput(
			{
				code: 'enterprises_covered',
				direction: 'higher',
				kind: 'cumulative',
				baseline: null,
				target: 20,
				values: [4, 9, 14, 20],
				unit: '家'
			},
			quarters,
			'覆盖企业数',
			'zh'
		);
		expect(input.targetTrajectory).toEqual([5, 10, 15, 20]);
		expect(input.quarterlyBaseline).toBeNull();
	});

	it('has no target line without a target, or for a lower-is-better indicator without baseline', () => {
		expect(
			trajectoryInput(
				{ code: 'voc', direction: 'lower', kind: 'periodic', baseline: null, target: 40, values: [], unit: 't' },
				quarters,
				'x',
				'en'
			).targetTrajectory
		).toEqual([null, null, null, null]);
		expect(
			trajectoryInput(
				{
					code: 'benefit',
					direction: 'higher',
					kind: 'periodic',
					baseline: null,
					target: null,
					values: [],
					unit: '万元'
				},
				quarters,
				'x',
				'en'
			).targetTrajectory
		).toEqual([null, null, null, null]);
	});
});
