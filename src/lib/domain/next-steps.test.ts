import { describe, expect, it } from 'vitest';
import { calendar } from './calendar';
import { nextSteps } from './next-steps';

// term 2023-08-15: 2023Q3 (due 2023-10-15), 2023Q4 (due 2024-01-15), 2024Q1 (due 2024-04-15), 2024Q2 (due 2024-07-15)
const TERM = '2023-08-15';
const periods = (entries: { period: string }[]) => entries.map((c) => c.period);

describe('nextSteps', () => {
	it('asks for the missing quarter and the submission of the stored draft', () => {
		const cal = calendar(TERM, 15, { '2023Q3': '2023-10-10' }, '2024-02-01');
		const steps = nextSteps(cal, {});
		expect(steps.upload?.period).toBe('2023Q4');
		expect(steps.submit?.period).toBe('2023Q3');
		expect(periods(steps.overdue)).toEqual(['2023Q4']);
		expect(steps.awaitingReview).toEqual([]);
	});

	it('does not ask to submit a quarter already submitted; it waits for review', () => {
		const cal = calendar(TERM, 15, { '2023Q3': '2023-10-10' }, '2024-02-01');
		const steps = nextSteps(cal, { '2023Q3': { state: 'submitted' } });
		expect(steps.submit).toBeNull();
		expect(periods(steps.awaitingReview)).toEqual(['2023Q3']);
	});

	it('with every quarter stored, a returned quarter is the one to fix and submit again', () => {
		const sent = { '2023Q3': '2023-10-01', '2023Q4': '2024-01-20', '2024Q1': '2024-04-01', '2024Q2': '2024-07-01' };
		const cal = calendar(TERM, 15, sent, '2024-08-01');
		const steps = nextSteps(cal, {
			'2023Q3': { state: 'approved' },
			'2023Q4': { state: 'returned' },
			'2024Q1': { state: 'approved' },
			'2024Q2': { state: 'submitted' }
		});
		expect(steps.upload?.period).toBe('2023Q4');
		expect(steps.submit?.period).toBe('2023Q4');
		expect(periods(steps.overdue)).toEqual(['2023Q4']);
		expect(periods(steps.awaitingReview)).toEqual(['2024Q2']);
	});

	it('asks nothing while the first quarter runs, unless an admin opened it', () => {
		const running = nextSteps(calendar(TERM, 15, {}, '2023-09-01'), {});
		expect(running.upload).toBeNull();
		expect(running.submit).toBeNull();
		expect(running.overdue).toEqual([]);
		const opened = nextSteps(calendar(TERM, 15, {}, '2023-09-01', new Set(['2023Q3'])), {});
		expect(opened.upload?.period).toBe('2023Q3');
	});
});
