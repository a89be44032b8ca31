// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { intakeTestDb, sender } from '../testing';
import { pilotProgress } from './progress';
import * as pilots from '../registry/pilots';

describe('progress through the real intake', () => {
	it('imports two quarters and computes calendar, progress, attainment and status by hand-checked numbers', async () => {
		const { db, sqlite, users } = intakeTestDb();
		// term 2025-08-15 → 2025Q3..2026Q2; voc baseline 400 t/year (100 t a quarter), target 10 % = 40 t/year.
		sqlite
			.prepare("UPDATE pilot_indicators SET target_kind = 'percent', target_value = 10 WHERE indicator_code = 'voc'")
			.run();
		const send = sender(db, users.imp1, 'progress');
		// 2025Q3: E01 50 + E02 40 = 90 t → improvement 100 − 90 = 10; sent 2025-10-10 (due 2025-10-15: on time)
		expect((await send(['Q-1,E01,2025Q3,voc,50,t,', 'Q-1,E02,2025Q3,voc,40000,kg,'], '2025-10-10')).isWritten).toBe(
			true
		);
		// 2025Q4: 45 + 40 = 85 t → improvement 15; sent 2026-02-01 (due 2026-01-15: late)
		expect((await send(['Q-1,E01,2025Q4,voc,45,t,', 'Q-1,E02,2025Q4,voc,40,t,'], '2026-02-01')).isWritten).toBe(true);

		const pilot = pilots.get(db, { kind: 'all' }, 'Q-1')!;
		const at = pilotProgress(db, pilot, '2026-02-10')!;
		expect(at.calendar.map((c) => [c.period, c.due, c.status])).toEqual([
			['2025Q3', '2025-10-15', 'on_time'],
			['2025Q4', '2026-01-15', 'late'],
			['2026Q1', '2026-04-15', 'not_due'],
			['2026Q2', '2026-07-15', 'not_due']
		]);
		expect(at.quartersDue).toBe(2);
		const voc = at.indicators.find((i) => i.code === 'voc')!;
		// progress 10 + 15 = 25; expected 40 × 2/4 = 20; attainment 1.25 → on track
		expect(voc).toMatchObject({ baseline: 400, target: 40, progress: 25, expectedToDate: 20, status: 'on_track' });
		expect(voc.attainment).toBeCloseTo(1.25);
		expect(at.groups.find((g) => g.group === 'air')).toMatchObject({ status: 'on_track', indicators: 1 });

		// A revision of 2025Q4 (E01 now 70 t → 110 t, improvement −10) turns the same day's picture to behind:
		// progress 10 − 10 = 0, attainment 0 / 20 = 0.
		expect((await send(['Q-1,E01,2025Q4,voc,70,t,', 'Q-1,E02,2025Q4,voc,40,t,'], '2026-02-05')).counts.changed).toBe(1);
		const revised = pilotProgress(db, pilots.get(db, { kind: 'all' }, 'Q-1')!, '2026-02-10')!;
		expect(revised.indicators.find((i) => i.code === 'voc')).toMatchObject({
			progress: 0,
			attainment: 0,
			status: 'behind'
		});
		// the quarter keeps its first submission date for the calendar
		expect(revised.calendar[1]).toMatchObject({ submittedOn: '2026-02-01', status: 'late' });
		// and 2026Q1 becomes missing once its due date has passed without a report
		expect(pilotProgress(db, pilot, '2026-04-16')!.calendar[2].status).toBe('missing');
	});

	it('mid-term: a provisional value of the running quarter neither makes it due nor raises the expectation', async () => {
		const { db, sqlite, users } = intakeTestDb();
		// Q-1 (term quarters 2025Q3..2026Q2), voc baseline 400 t/a → 100 t a quarter, target 40 t/a absolute.
		sqlite
			.prepare("UPDATE pilot_indicators SET target_kind = 'absolute', target_value = 40 WHERE indicator_code = 'voc'")
			.run();
		const importRows = sender(db, users.imp1, 'progress');
		const send = (rows: string[], at: string, today: string) => importRows(rows, at, { today });
		// 2025Q3 88 t (improvement 12) and 2025Q4 90 t (improvement 10), each on time
		expect((await send(['Q-1,E01,2025Q3,voc,88,t,'], '2025-10-10', '2025-10-10')).isWritten).toBe(true);
		expect((await send(['Q-1,E01,2025Q4,voc,90,t,'], '2026-01-10', '2026-01-10')).isWritten).toBe(true);
		// on 2026-02-20, 2026Q1 runs: refused, until an admin opens it; then a partial 99 t is stored
		const running = ['Q-1,E01,2026Q1,voc,99,t,partial'];
		expect((await send(running, '2026-02-20', '2026-02-20')).problems[0].code).toBe('E_PERIOD_NOT_ENDED');
		sqlite
			.prepare(
				"INSERT INTO period_openings (pilot_id, period, opened_by, opened_at, reason) SELECT id, '2026Q1', 'admin', 0, 'monthly data' FROM pilots WHERE code = 'Q-1'"
			)
			.run();
		expect((await send(running, '2026-02-20', '2026-02-20')).isWritten).toBe(true);
		const at = pilotProgress(db, pilots.get(db, { kind: 'all' }, 'Q-1')!, '2026-02-20')!;
		expect(at.calendar.map((c) => [c.period, c.status, c.isDue, c.canReport])).toEqual([
			['2025Q3', 'on_time', true, true],
			['2025Q4', 'on_time', true, true],
			['2026Q1', 'on_time', false, true],
			['2026Q2', 'not_due', false, false]
		]);
		// due 2, not 3: expected 40 × 2/4 = 20, progress 12 + 10 = 22, attainment 1.1 → on track
		// (counting the running quarter would give 40 × 3/4 = 30, 22 + 1 = 23, 0.77 → behind)
		expect(at.quartersDue).toBe(2);
		const voc = at.indicators.find((i) => i.code === 'voc')!;
		expect(voc).toMatchObject({ progress: 22, expectedToDate: 20, status: 'on_track' });
		expect(voc.attainment).toBeCloseTo(1.1, 12);
	});
});
