import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { intakeTestDb } from '../testing/registry';
import * as recommendations from './recommendations';
import * as pilots from '../registry/pilots';
import * as audit from '../audit/audit';
import { batches } from '../db/schema';
import { PLAN_OUTLINE } from '../../domain/recommendation';
import type { StoredDraft } from '../../recommendations/form';

const actor = { userId: null, name: 'province-user', ip: null };
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

const draft = (n: number): StoredDraft => ({
	projectName: `测试园区${n}清洁生产整体审核创新试点`,
	applicantName: `测试园区${n}管委会`,
	applicantType: 'park',
	category: 2,
	industries: ['dyeing'],
	provinceCode: '320000',
	airRegion: null,
	basin: 'yangtze',
	enterprises: 12,
	attestations: {
		noInspectionIssue: true,
		noMediaExposure: true,
		hasBasis: true,
		hasFunding: true,
		fundingSource: '省级财政',
		fundingAmount: 200
	},
	plan: Object.fromEntries(PLAN_OUTLINE.map((p) => [p.key, '内容'])),
	targets: [{ indicatorCode: 'nh3n', baseYear: 2025, baseline: 80, targetKind: 'percent', targetValue: 10 }]
});

function setup() {
	const { db } = intakeTestDb();
	db.update(batches).set({ recommendationDeadline: '2026-12-31' }).where(eq(batches.number, 1)).run();
	const batchId = db.select().from(batches).where(eq(batches.number, 1)).get()!.id;
	const dataDir = mkdtempSync(join(tmpdir(), 'rec-'));
	const scope = { kind: 'province' as const, provinceCode: '320000' };
	/** A complete recommendation with both attachments, submitted on `today`. */
	const prepare = (n: number, today = '2026-11-29') => {
		const id = recommendations.create(db, batchId, '320000', actor);
		expect(recommendations.save(db, recommendations.get(db, scope, id)!, draft(n), actor)).toEqual({ ok: true });
		for (const kind of ['letter', 'plan'] as const)
			recommendations.attach(
				db,
				recommendations.get(db, scope, id)!,
				{ kind, fileName: `${kind}.pdf`, bytes: PDF },
				actor,
				dataDir
			);
		return { id, outcome: recommendations.submit(db, recommendations.get(db, scope, id)!, actor, today) };
	};
	return { db, scope, prepare, dataDir };
}

describe('recommendations through the server module', () => {
	it('takes five per province and refuses a sixth, naming the quota; nothing of the sixth is submitted', () => {
		const { db, scope, prepare } = setup();
		for (let n = 1; n <= 5; n++) expect(prepare(n).outcome).toEqual({ ok: true });
		const sixth = prepare(6);
		expect(sixth.outcome.ok).toBe(false);
		if (!sixth.outcome.ok) expect(sixth.outcome.problems.map((p) => p.zh).join()).toContain('5');
		expect(recommendations.get(db, scope, sixth.id)!.state).toBe('draft');
		// another province's user cannot see it
		expect(recommendations.get(db, { kind: 'province', provinceCode: '110000' }, sixth.id)).toBeNull();
	});

	it('refuses after the deadline and refuses an attachment of the wrong kind or over the limit', () => {
		const { db, scope, prepare, dataDir } = setup();
		const late = prepare(1, '2027-01-01');
		expect(late.outcome.ok).toBe(false);
		const r = recommendations.get(db, scope, late.id)!;
		const exe = recommendations.attach(db, r, { kind: 'plan', fileName: 'plan.exe', bytes: PDF }, actor, dataDir);
		expect(exe.ok).toBe(false);
		db.update(batches).set({ packageLimitBytes: 40 }).where(eq(batches.number, 1)).run();
		const big = recommendations.attach(
			db,
			recommendations.get(db, scope, late.id)!,
			{ kind: 'plan', fileName: 'plan.pdf', bytes: new Uint8Array(41) },
			actor,
			dataDir
		);
		expect(big.ok).toBe(false);
	});

	it('approves into the registry: a pilot whose term starts on the approval day, with the plan’s targets; audited', () => {
		const { db, prepare } = setup();
		const { id } = prepare(1);
		const r = recommendations.get(db, { kind: 'all' }, id)!;
		const approved = recommendations.approve(db, r, 'ministry', { ...actor, name: 'ministry-user' }, '2026-12-01');
		expect(approved).toEqual({ ok: true, pilotCode: 'B1-01' });
		const pilot = pilots.get(db, { kind: 'all' }, 'B1-01')!;
		expect(pilot).toMatchObject({
			nameZh: '测试园区1清洁生产整体审核创新试点',
			status: 'approved',
			termStart: '2026-12-01',
			termEnd: '2027-11-30',
			provinceCode: '320000',
			basin: 'yangtze',
			bodyType: 'park'
		});
		expect(pilot.indicators).toEqual([
			expect.objectContaining({ indicatorCode: 'nh3n', baseline: 80, targetKind: 'percent', targetValue: 10 })
		]);
		expect(recommendations.get(db, { kind: 'all' }, id)!.state).toBe('approved');
		// a second approval is refused by the state machine
		expect(recommendations.approve(db, recommendations.get(db, { kind: 'all' }, id)!, 'ministry', actor).ok).toBe(
			false
		);
		const actions = audit.list(db, { action: 'recommendation.' }).map((a) => a.action);
		expect(actions).toContain('recommendation.approve');
		expect(actions).toContain('recommendation.submit');
	});

	it('declines only with a reason', () => {
		const { db, prepare } = setup();
		const { id } = prepare(1);
		const r = recommendations.get(db, { kind: 'all' }, id)!;
		expect(recommendations.decline(db, r, 'ministry', ' ', actor).ok).toBe(false);
		expect(recommendations.decline(db, r, 'ministry', '基础薄弱', actor)).toEqual({ ok: true });
		expect(recommendations.get(db, { kind: 'all' }, id)).toMatchObject({
			state: 'declined',
			decisionReason: '基础薄弱'
		});
	});
});
