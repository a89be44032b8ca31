import { describe, expect, it } from 'vitest';
import * as openings from './openings';
import { intakeTestDb } from '../testing/registry';

describe('provisional openings', () => {
	it('opens only a running term quarter, with a reason, and audits opening and closing', () => {
		const { db, sqlite } = intakeTestDb();
		const pilot = {
			...(sqlite.prepare("SELECT id, code FROM pilots WHERE code = 'Q-3'").get() as { id: number; code: string }),
			termStart: '2026-10-01'
		};
		const actor = { userId: null, name: 'admin', ip: null };
		// 2026Q4..2027Q3; on 2026-11-29 2026Q4 runs
		expect(openings.open(db, actor, pilot, '2026Q3', 'x', '2026-11-29')).toMatchObject({ ok: false });
		expect(openings.open(db, actor, pilot, '2027Q1', 'x', '2026-11-29')).toMatchObject({
			ok: false,
			why: { en: 'Only a running quarter can be opened; an ended quarter can be reported without it' }
		});
		expect(openings.open(db, actor, pilot, '2026Q4', '  ', '2026-11-29')).toMatchObject({
			ok: false,
			why: { en: 'Give a reason for opening it' }
		});
		expect(openings.open(db, actor, pilot, '2026Q4', 'monthly figures for the review', '2026-11-29')).toEqual({
			ok: true
		});
		expect(openings.open(db, actor, pilot, '2026Q4', 'again', '2026-11-29')).toEqual({ ok: true });
		expect([...openings.periodsOf(db, pilot.id)]).toEqual(['2026Q4']);
		openings.close(db, actor, pilot, '2026Q4');
		expect(openings.list(db, pilot.id)).toEqual([]);
		const actions = sqlite.prepare("SELECT action, entity_id AS id FROM audit_log WHERE action LIKE 'period.%'").all();
		expect(actions).toEqual([
			{ action: 'period.open_provisional', id: `${pilot.id}/2026Q4` },
			{ action: 'period.close_provisional', id: `${pilot.id}/2026Q4` }
		]);
	});
});
