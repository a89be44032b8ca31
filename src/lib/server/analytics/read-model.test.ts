import { describe, expect, it } from 'vitest';
import { intakeTestDb, sender } from '../testing';
import { model, refreshModel } from './analytics';
import * as review from '../review/review';
import * as narratives from '../review/narratives';
import * as registry from '../registry';
import { systemActor } from '../audit/audit';

const idOf = (sqlite: ReturnType<typeof intakeTestDb>['sqlite'], code: string) =>
	(sqlite.prepare('SELECT id FROM pilots WHERE code = ?').get(code) as { id: number }).id;

describe('the dashboard read model', () => {
	it('reads again only the pilots an import or a review step touched, and nothing is stale on the next request', async () => {
		const { db, sqlite, users } = intakeTestDb();
		const [q1, q2] = [idOf(sqlite, 'Q-1'), idOf(sqlite, 'Q-2')];
		const send = sender(db, users.imp1, 'read-model');
		expect((await send(['Q-1,E01,2025Q3,voc,50,t,'])).isWritten).toBe(true);
		const first = model(db);
		expect(first.byPilot.get(q1)?.quarters.get('voc')).toEqual([{ period: '2025Q3', value: 50 }]);
		const q2Before = first.byPilot.get(q2);

		// an import of Q-1 alone: Q-1 is read again, Q-2's data is the very same object
		expect((await send(['Q-1,E01,2025Q4,voc,40,t,'])).isWritten).toBe(true);
		const second = model(db);
		expect(second.byPilot.get(q1)?.quarters.get('voc')).toEqual([
			{ period: '2025Q3', value: 50 },
			{ period: '2025Q4', value: 40 }
		]);
		expect(second.byPilot.get(q2)).toBe(q2Before);

		// a review step (approval) reaches the model on the next request, for that pilot only
		narratives.save(db, q1, '2025Q3', '说明', { userId: null, name: 't', ip: null });
		const actor = { userId: users.admin.id, name: 'admin', ip: null };
		expect(review.act(db, q1, '2025Q3', 'submit', 'admin', '', actor).ok).toBe(true);
		expect(review.act(db, q1, '2025Q3', 'approve', 'admin', '', actor).ok).toBe(true);
		const third = model(db);
		expect([...(third.byPilot.get(q1)?.approved ?? [])]).toEqual(['2025Q3']);
		expect(third.byPilot.get(q2)).toBe(q2Before);

		// a registry edit reaches beyond single pilots: the model is read whole
		const file = new TextEncoder().encode('pilot_code,enterprise_code,enterprise_name\nQ-2,F02,企业 F02\n');
		expect(registry.importFile(db, file, { dryRun: false, actor: systemActor('test') }).isWritten).toBe(true);
		const fourth = model(db);
		expect(fourth.byPilot.get(q2)).not.toBe(q2Before);
		expect(fourth.byPilot.get(q2)?.enterprises).toBe(2);
	});
});

describe('the read model brought up to date in steps (a large change, read a slice of pilots at a time)', () => {
	it('reads every changed pilot, one slice a step, into what model() would read, and yields to a newer model', async () => {
		const { db, sqlite, users } = intakeTestDb();
		const send = sender(db, users.imp1, 'read-model-steps');
		expect((await send(['Q-1,E01,2025Q3,voc,50,t,'])).isWritten).toBe(true);
		model(db);
		// a registry change: the whole model is read again, here one pilot a step
		sqlite.prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES (0, 't', 'pilot.update', 'pilot')").run();
		let steps = 0;
		const step = async <T>(fn: () => T) => (steps++, fn());
		await refreshModel(db, step, 1);
		expect(steps).toBe(3);
		const stepped = model(db);
		expect(stepped.byPilot.get(idOf(sqlite, 'Q-1'))?.quarters.get('voc')).toEqual([{ period: '2025Q3', value: 50 }]);
		// what it published is current: model() keeps it, and reads nothing again
		expect(model(db)).toBe(stepped);

		// an import of two pilots, stepped, while model() publishes a newer model between two steps: that one is kept
		expect(
			(await send(['Q-1,E01,2025Q4,voc,40,t,', 'Q-2,F01,2025Q4,voc,7,t,'], undefined, { as: users.admin })).isWritten
		).toBe(true);
		let newer: ReturnType<typeof model> | undefined;
		await refreshModel(
			db,
			async (fn) => {
				const result = fn();
				newer ??= model(db);
				return result;
			},
			1
		);
		expect(model(db)).toBe(newer);
		expect(newer!.byPilot.get(idOf(sqlite, 'Q-2'))?.quarters.get('voc')).toEqual([{ period: '2025Q4', value: 7 }]);
	});
});
