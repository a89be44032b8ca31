import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../db';
import { seedAll } from './index';
import { board } from '../evaluation/board';
import * as lists from '../evaluation/pass-lists';
import * as credits from '../evaluation/credits';
import * as cases from '../cases/cases';
import { DEMO_LIST } from './demo-evaluation';
import { publicOfPassed } from '../evaluation/deliverables';

describe('the demo evaluation', () => {
	it('shows the end of the lifecycle: every summary state, decisions both ways, a published list, credits, cases', async () => {
		process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'demo-eval-'));
		const { db, sqlite } = openDb(':memory:');
		const today = '2026-12-06';
		const { evaluation } = await seedAll(db, true, today);
		expect(evaluation).not.toBeNull();
		const rows = board(db, { kind: 'all' }, today, DEMO_LIST.batch);
		const stages = new Set(rows.map((r) => r.stage));
		for (const stage of ['not_started', 'draft', 'submitted', 'returned', 'forwarded', 'passed', 'not_passed'])
			expect(stages, stage).toContain(stage);
		expect(rows.some((r) => r.isOverdue)).toBe(true);
		const view = lists.view(db, DEMO_LIST.batch)!;
		expect(view.list.refNo).toBe(DEMO_LIST.refNo);
		expect(view.list.passed).toBeGreaterThan(0);
		expect(view.list.notPassed).toBeGreaterThan(0);
		expect(view.list.evaluated).toBe(view.list.passed + view.list.notPassed);
		// every enterprise of every passed pilot holds a credit; some have a credit code, some do not
		const all = credits.forBatch(db, DEMO_LIST.batch);
		const expected = view.list.entries.filter((e) => e.decision === 'passed').reduce((n, e) => n + e.enterprises, 0);
		expect(all.filter((c) => c.grantedOn === view.list.publishedOn)).toHaveLength(expected);
		// one pilot decided after the publication: a dated correction, its enterprises credited on that day
		expect(view.corrections).toHaveLength(1);
		const [late] = view.corrections;
		expect(late.toDecision).toBe('passed');
		const lateCredits = all.filter((c) => c.pilotCode === late.pilotCode);
		expect(lateCredits.length).toBeGreaterThan(0);
		expect(lateCredits.every((c) => c.grantedOn === late.correctedOn)).toBe(true);
		expect(all.some((c) => c.hasCode) && all.some((c) => !c.hasCode)).toBe(true);
		expect(cases.published(db).length).toBeGreaterThanOrEqual(3);
		expect(evaluation!.deliverables).toBeGreaterThanOrEqual(8);
		expect(publicOfPassed(db).length).toBeGreaterThan(0);
		// a second start writes nothing twice
		expect((await seedAll(db, true, today)).evaluation).toBeNull();
		sqlite.close();
	});
});
