// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import {
	calendar,
	isTermOver,
	quartersDue,
	reportStatus,
	reportSummary,
	type CalendarEntry,
	type ReportStatus
} from './calendar';

describe('reportStatus', () => {
	it.each([
		// due 2024-04-15; submitted on the due date itself counts as on time (<=)
		{ due: '2024-04-15', sub: '2024-04-15', today: '2024-05-01', want: 'on_time' },
		// one day after the due date → late
		{ due: '2024-04-15', sub: '2024-04-16', today: '2024-05-01', want: 'late' },
		// submitted early, before the quarter even ended, still on time
		{ due: '2024-04-15', sub: '2024-03-20', today: '2024-03-25', want: 'on_time' },
		// late stays late whatever today is
		{ due: '2023-10-15', sub: '2024-02-01', today: '2025-01-01', want: 'late' },
		// not submitted, today == due → not yet due (today on/before due)
		{ due: '2024-04-15', sub: null, today: '2024-04-15', want: 'not_due' },
		// not submitted, today = due + 1 day → missing
		{ due: '2024-04-15', sub: null, today: '2024-04-16', want: 'missing' },
		// not submitted, across a year end: 2024-01-15 < 2024-02-01 → missing
		{ due: '2024-01-15', sub: null, today: '2024-02-01', want: 'missing' },
		// not submitted, long before due
		{ due: '2024-07-15', sub: null, today: '2023-09-01', want: 'not_due' }
	])('due $due, submitted $sub, today $today → $want', ({ due, sub, today, want }) => {
		expect(reportStatus(due, sub, today)).toBe(want);
	});

	it.each([
		['2024-4-15', null, '2024-05-01'],
		['2024-04-15', '2024-02-30', '2024-05-01'],
		['2024-04-15', null, 'today']
	])('refuses a non-ISO date (%s, %s, %s)', (due, sub, today) => {
		expect(() => reportStatus(due, sub, today)).toThrow(RangeError);
	});
});

type Row = [period: string, start: string, end: string, due: string, submittedOn: string | null, status: ReportStatus];
const rows = (cal: CalendarEntry[]): Row[] =>
	cal.map((e) => [e.period, e.start, e.end, e.due, e.submittedOn, e.status]);

describe('calendar', () => {
	it.each<{ name: string; start: string; offset: number; subs: Record<string, string>; today: string; want: Row[] }>([
		{
			// term starts mid-quarter: 2023-08-15 lies in Q3 (Jul–Sep) → 2023Q3..2024Q2; due = quarter end + 15 days:
			// 09-30 + 15 = 10-15; 12-31 + 15 = 01-15; 03-31 + 15 = 04-15; 06-30 + 15 = 07-15
			name: 'mid-quarter start, one on time, one late, two not due',
			start: '2023-08-15',
			offset: 15,
			subs: { '2023Q3': '2023-10-12', '2023Q4': '2024-01-20' },
			today: '2024-02-01',
			want: [
				['2023Q3', '2023-07-01', '2023-09-30', '2023-10-15', '2023-10-12', 'on_time'], // 10-12 <= 10-15
				['2023Q4', '2023-10-01', '2023-12-31', '2024-01-15', '2024-01-20', 'late'], // 01-20 > 01-15
				['2024Q1', '2024-01-01', '2024-03-31', '2024-04-15', null, 'not_due'], // 02-01 <= 04-15
				['2024Q2', '2024-04-01', '2024-06-30', '2024-07-15', null, 'not_due']
			]
		},
		{
			// same term, today 2024-04-16 > 2024Q1 due 04-15 and nothing uploaded → missing; keys outside the term ignored
			name: 'missing quarter; out-of-term key ignored',
			start: '2023-08-15',
			offset: 15,
			subs: { '2023Q3': '2023-10-01', '2023Q4': '2024-01-15', '2023Q2': '2023-07-01' },
			today: '2024-04-16',
			want: [
				['2023Q3', '2023-07-01', '2023-09-30', '2023-10-15', '2023-10-01', 'on_time'],
				['2023Q4', '2023-10-01', '2023-12-31', '2024-01-15', '2024-01-15', 'on_time'], // equal → on time
				['2024Q1', '2024-01-01', '2024-03-31', '2024-04-15', null, 'missing'],
				['2024Q2', '2024-04-01', '2024-06-30', '2024-07-15', null, 'not_due']
			]
		},
		{
			// term starting on a quarter's first day, offset 30: 03-31 + 30 = 04-30; 06-30 + 30 = 07-30;
			// 09-30 + 30 = 10-30; 12-31 + 30 = 2025-01-30
			name: 'quarter-aligned start, 30-day offset',
			start: '2024-01-01',
			offset: 30,
			subs: { '2024Q1': '2024-04-30', '2024Q2': '2024-07-31' },
			today: '2024-10-30',
			want: [
				['2024Q1', '2024-01-01', '2024-03-31', '2024-04-30', '2024-04-30', 'on_time'],
				['2024Q2', '2024-04-01', '2024-06-30', '2024-07-30', '2024-07-31', 'late'],
				['2024Q3', '2024-07-01', '2024-09-30', '2024-10-30', null, 'not_due'], // today == due
				['2024Q4', '2024-10-01', '2024-12-31', '2025-01-30', null, 'not_due']
			]
		},
		{
			// last day of a quarter (2023-12-31) starts in Q4; offset 0 → due = quarter end; leap-year Q1 end 2024-03-31
			name: 'start on a quarter end, zero offset',
			start: '2023-12-31',
			offset: 0,
			subs: {},
			today: '2024-04-01',
			want: [
				['2023Q4', '2023-10-01', '2023-12-31', '2023-12-31', null, 'missing'],
				['2024Q1', '2024-01-01', '2024-03-31', '2024-03-31', null, 'missing'], // 04-01 > 03-31
				['2024Q2', '2024-04-01', '2024-06-30', '2024-06-30', null, 'not_due'],
				['2024Q3', '2024-07-01', '2024-09-30', '2024-09-30', null, 'not_due']
			]
		}
	])('$name', ({ start, offset, subs, today, want }) => {
		expect(rows(calendar(start, offset, subs, today))).toEqual(want);
	});

	it('refuses a bad term start', () => {
		expect(() => calendar('2023-13-01', 15, {}, '2024-01-01')).toThrow(RangeError);
	});
});

const entry = (period: string, due: string, status: ReportStatus, isDue = status !== 'not_due'): CalendarEntry => ({
	period,
	start: '',
	end: '',
	due,
	submittedOn: null,
	status,
	hasEnded: isDue,
	canReport: isDue,
	isDue
});
// An on-time report of a quarter whose due date has not come (sent early) is written 'early'.
type Status = ReportStatus | 'early';
const cal = (...statuses: Status[]): CalendarEntry[] =>
	statuses.map((s, i) =>
		s === 'early'
			? entry(['2023Q3', '2023Q4', '2024Q1', '2024Q2'][i], `due-${i}`, 'on_time', false)
			: entry(['2023Q3', '2023Q4', '2024Q1', '2024Q2'][i], `due-${i}`, s)
	);

describe('reportSummary and quartersDue', () => {
	it.each<{
		statuses: Status[];
		counts: Record<ReportStatus, number>;
		next: string | null;
		complete: boolean;
		due: number;
	}>([
		// nothing due yet: 4 not_due, next is the first quarter, complete (nothing missing or late), 0 due
		{
			statuses: ['not_due', 'not_due', 'not_due', 'not_due'],
			counts: { on_time: 0, late: 0, missing: 0, not_due: 4 },
			next: '2023Q3',
			complete: true,
			due: 0
		},
		// 2 on time + 2 not due → next 2024Q1, complete, 2 due
		{
			statuses: ['on_time', 'on_time', 'not_due', 'not_due'],
			counts: { on_time: 2, late: 0, missing: 0, not_due: 2 },
			next: '2024Q1',
			complete: true,
			due: 2
		},
		// a late one makes it incomplete; 3 due (on_time, late, missing), next 2024Q2
		{
			statuses: ['on_time', 'late', 'missing', 'not_due'],
			counts: { on_time: 1, late: 1, missing: 1, not_due: 1 },
			next: '2024Q2',
			complete: false,
			due: 3
		},
		// all four on time: no next due, complete, 4 due
		{
			statuses: ['on_time', 'on_time', 'on_time', 'on_time'],
			counts: { on_time: 4, late: 0, missing: 0, not_due: 0 },
			next: null,
			complete: true,
			due: 4
		},
		// only late (no missing) is still incomplete
		{
			statuses: ['late', 'late', 'on_time', 'on_time'],
			counts: { on_time: 2, late: 2, missing: 0, not_due: 0 },
			next: null,
			complete: false,
			due: 4
		},
		// an early upload (its due date not come) never makes its quarter due: only the missing one counts → 1
		{
			statuses: ['missing', 'not_due', 'early', 'not_due'],
			counts: { on_time: 1, late: 0, missing: 1, not_due: 2 },
			next: '2023Q4',
			complete: false,
			due: 1
		}
	])('$statuses', ({ statuses, counts, next, complete, due }) => {
		const c = cal(...statuses);
		const s = reportSummary(c);
		expect(s.counts).toEqual(counts);
		expect(s.nextDue?.period ?? null).toBe(next);
		expect(s.isComplete).toBe(complete);
		expect(quartersDue(c)).toBe(due);
	});

	it('counts a quarter due from its due date on, whatever was stored (mid-term, current quarter reported)', () => {
		// term 2023-08-15: 2023Q3 due 10-15, 2023Q4 due 01-15, 2024Q1 due 04-15. Today 2024-02-20, in 2024Q1:
		// a value of the running 2024Q1 was stored on 02-10 — it is not due (04-15 has not come) → 2 due.
		const subs = { '2023Q3': '2023-10-01', '2023Q4': '2024-01-10', '2024Q1': '2024-02-10' };
		const c = calendar('2023-08-15', 15, subs, '2024-02-20');
		expect(quartersDue(c)).toBe(2);
		expect(c.map((e) => [e.hasEnded, e.isDue])).toEqual([
			[true, true],
			[true, true],
			[false, false],
			[false, false]
		]);
		// on its due date it counts; a quarter that ended (03-31) but is not yet due does not
		expect(quartersDue(calendar('2023-08-15', 15, subs, '2024-04-15'))).toBe(3);
		expect(quartersDue(calendar('2023-08-15', 15, subs, '2024-04-14'))).toBe(2);
		expect(calendar('2023-08-15', 15, subs, '2024-04-01')[2].hasEnded).toBe(true);
	});

	it('lets a quarter be reported once it has ended, or while running when an admin opened it', () => {
		const open = new Set(['2024Q1', '2024Q2']);
		const c = calendar('2023-08-15', 15, {}, '2024-02-20', open);
		// 2024Q1 runs and is open; 2024Q2 is open but has not begun
		expect(c.map((e) => e.canReport)).toEqual([true, true, true, false]);
		expect(calendar('2023-08-15', 15, {}, '2024-02-20').map((e) => e.canReport)).toEqual([true, true, false, false]);
	});

	it('counts quarters due from a real calendar: today 2024-04-16 → Q3, Q4 reported, Q1 missing → 3', () => {
		const c = calendar('2023-08-15', 15, { '2023Q3': '2023-10-01', '2023Q4': '2024-01-10' }, '2024-04-16');
		expect(quartersDue(c)).toBe(3);
		expect(reportSummary(c).nextDue?.due).toBe('2024-07-15');
	});
});

describe('isTermOver', () => {
	it.each([
		// term 2023-08-15 → 2024-08-14 inclusive
		['2024-08-14', '2024-08-13', false],
		['2024-08-14', '2024-08-14', false], // last day of the term is still in it
		['2024-08-14', '2024-08-15', true],
		['2024-08-14', '2025-01-01', true]
	])('term end %s, today %s → %s', (end, today, want) => {
		expect(isTermOver(end, today)).toBe(want);
	});

	it('refuses a bad date', () => {
		expect(() => isTermOver('2024-08-14', '2024/08/15')).toThrow(RangeError);
	});
});
