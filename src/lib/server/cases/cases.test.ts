import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importIndicators } from '../intake';
import { intakeFile as file, intakeTestDb, TEST_TODAY } from '../testing';
import * as cases from './cases';
import * as review from '../review/review';
import * as narratives from '../review/narratives';
import * as audit from '../audit/audit';
import { contentFromForm, publicationProblems, type PublishedCase } from '../../cases/content';

const actor = { userId: null, name: 'analyst', ip: null };

function form(fields: Record<string, string | string[]>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
	return f;
}

const WRITE_UP = {
	'title.zh': '测试案例',
	'background.zh': '背景',
	'measures.zh': '措施',
	'results.zh': '成效',
	'experience.zh': '经验',
	'criterion.innovation': 'on',
	'note.innovation.zh': '首创',
	indicator: ['voc']
};

describe('the case write-up', () => {
	it('reads a form, keeps both languages and the checklist, and refuses foreign indicators and overlong text', () => {
		const { content, problems } = contentFromForm(form({ ...WRITE_UP, 'title.en': 'Test case' }), ['voc', 'energy']);
		expect(problems).toEqual([]);
		expect(content.title).toEqual({ zh: '测试案例', en: 'Test case' });
		expect(content.criteria.innovation).toEqual({ isMet: true, note: { zh: '首创', en: '' } });
		expect(content.criteria.transferability.isMet).toBe(false);
		expect(content.indicators).toEqual(['voc']);
		const bad = contentFromForm(form({ 'title.zh': '', 'background.en': 'x'.repeat(5001), indicator: 'co2' }), ['voc']);
		expect(bad.problems.map((p) => p.field)).toEqual(['title.zh', 'background.en', 'indicator']);
		expect(bad.problems[1].zh).toContain('5000');
	});

	it('names what is missing before it can be published', () => {
		const { content } = contentFromForm(form({ 'title.zh': '题目' }), []);
		expect(publicationProblems(content).map((p) => p.field)).toEqual([
			'background.zh',
			'measures.zh',
			'results.zh',
			'experience.zh',
			'indicator'
		]);
	});
});

describe('publishing freezes the approved figures with their provenance', () => {
	it('publishes only approved quarters, keeps them through later changes, withdraws with a reason; all audited', async () => {
		const { db, users } = intakeTestDb();
		const dataDir = mkdtempSync(join(tmpdir(), 'cases-'));
		const send = (rows: string[], at: string) =>
			importIndicators(db, file(rows), {
				user: users.imp1,
				dryRun: false,
				fileName: `q-${at}.csv`,
				channel: 'web',
				today: TEST_TODAY,
				dataDir,
				at: Date.parse(`${at}T10:00:00+08:00`)
			});
		await send(['Q-1,E01,2025Q3,voc,50,t,', 'Q-1,E02,2025Q3,voc,40,t,'], '2025-10-10');
		await send(['Q-1,E01,2025Q4,voc,45,t,', 'Q-1,E02,2025Q4,voc,40,t,'], '2026-01-10');
		const pilot = { id: 1, code: 'Q-1', nameZh: '测试试点 Q-1', nameEn: 'Test pilot Q-1' };
		let record = cases.open(db, pilot, actor);
		expect(record).toMatchObject({ slug: 'q-1', state: 'draft' });
		expect(cases.open(db, pilot, actor).id).toBe(record.id);

		cases.save(db, record, contentFromForm(form(WRITE_UP), ['voc', 'energy']).content, actor);
		record = cases.ofPilot(db, 1)!;
		// no approved quarter yet: refused, nothing published
		const refused = cases.publish(db, record, actor);
		expect(refused.ok).toBe(false);
		expect(cases.published(db)).toEqual([]);

		narratives.save(db, 1, '2025Q3', '说明', actor);
		review.act(db, 1, '2025Q3', 'submit', 'admin', '', actor);
		review.act(db, 1, '2025Q3', 'approve', 'province', '', {
			userId: users.province.id,
			name: users.province.username,
			ip: '10.0.0.7'
		});
		const at = Date.parse('2026-11-29T09:00:00+08:00');
		expect(cases.publish(db, cases.ofPilot(db, 1)!, actor, at)).toEqual({ ok: true });
		const [published] = cases.published(db);
		expect(published.frozenOn).toBe('2026-11-29');
		// only the approved 2025Q3: 90 t, improvement 100 − 90 = 10, from revision 1 of its upload, approved by the province
		const voc = published.indicators[0];
		expect(voc).toMatchObject({ code: 'voc', unit: 't', baseline: 400 });
		expect(voc.points).toHaveLength(1);
		expect(voc.points[0]).toMatchObject({
			period: '2025Q3',
			value: 90,
			improvement: 10,
			revision: 1,
			approvedBy: '测试用户 province'
		});
		// the public sees the approver's display name and the revision number: no username, no file name
		expect(voc.points[0]).not.toHaveProperty('fileName');
		const publicText = JSON.stringify(cases.publishedBySlug(db, 'q-1'));
		expect(publicText).not.toContain('q-2025-10-10.csv');
		expect(publicText).not.toContain('"province"');
		expect(voc.points[0].sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(cases.publishedBySlug(db, 'q-1')?.pilotCode).toBe('Q-1');
		expect(JSON.stringify(published)).not.toContain('E01');

		// A later edit of the write-up does not reach the public until the case is published again.
		cases.save(db, cases.ofPilot(db, 1)!, { ...published.content, title: { zh: '改过的标题', en: '' } }, actor);
		expect(cases.publishedBySlug(db, 'q-1')!.content.title.zh).toBe('测试案例');

		expect(cases.withdraw(db, cases.ofPilot(db, 1)!, ' ', actor).ok).toBe(false);
		expect(cases.withdraw(db, cases.ofPilot(db, 1)!, '数据待核实', actor)).toEqual({ ok: true });
		expect(cases.publishedBySlug(db, 'q-1')).toBeNull();
		expect(cases.published(db)).toEqual([]);
		const actions = audit
			.list(db, { entity: 'case' })
			.map((r) => r.action)
			.reverse();
		expect(actions).toEqual(['case.open', 'case.save', 'case.publish', 'case.save', 'case.withdraw']);
	});
});

describe('snapshots frozen before names were redacted', () => {
	it('reach the public without file names and with approvers by display name', async () => {
		const { db, sqlite, users } = intakeTestDb();
		const dataDir = mkdtempSync(join(tmpdir(), 'cases-'));
		await importIndicators(db, file(['Q-1,E01,2025Q3,voc,50,t,']), {
			user: users.imp1,
			dryRun: false,
			fileName: 'legacy.csv',
			channel: 'web',
			today: TEST_TODAY,
			dataDir
		});
		narratives.save(db, 1, '2025Q3', '说明', actor);
		review.act(db, 1, '2025Q3', 'submit', 'admin', '', actor);
		review.act(db, 1, '2025Q3', 'approve', 'province', '', { userId: users.province.id, name: 'province', ip: null });
		cases.open(db, { id: 1, code: 'Q-1', nameZh: '测试试点 Q-1', nameEn: null }, actor);
		cases.save(db, cases.ofPilot(db, 1)!, contentFromForm(form(WRITE_UP), ['voc', 'energy']).content, actor);
		expect(cases.publish(db, cases.ofPilot(db, 1)!, actor)).toEqual({ ok: true });
		// what an earlier release stored: the upload's file name and the approver's username
		const row = sqlite.prepare("SELECT snapshot FROM cases WHERE slug = 'q-1'").get() as { snapshot: string };
		const legacy = JSON.parse(row.snapshot) as PublishedCase;
		for (const indicator of legacy.indicators)
			indicator.points = indicator.points.map((p) => ({ ...p, fileName: 'legacy.csv', approvedBy: 'province' }));
		sqlite.prepare("UPDATE cases SET snapshot = ? WHERE slug = 'q-1'").run(JSON.stringify(legacy));

		for (const shown of [cases.publishedBySlug(db, 'q-1')!, cases.published(db)[0]]) {
			const text = JSON.stringify(shown);
			expect(text).not.toContain('legacy.csv');
			expect(text).not.toContain('"approvedBy":"province"');
			expect(shown.indicators[0].points[0]).toMatchObject({ revision: 1, approvedBy: '测试用户 province' });
		}
	});
});
