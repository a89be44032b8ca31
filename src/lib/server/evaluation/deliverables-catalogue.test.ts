import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { intakeTestDb, TEST_TODAY } from '../testing/registry';
import { systemActor } from '../audit/audit';
import { pilotIndustries, pilots } from '../db/schema';
import * as deliverables from './deliverables';
import { catalogueCsv } from './deliverables-csv';
import type { DeliverableFields } from './deliverables';

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

const fields = (over: Partial<DeliverableFields>): DeliverableFields => ({
	kind: 'norm',
	titleZh: '',
	titleEn: '',
	date: '2026-10-20',
	url: '',
	abstract: '',
	isPublic: true,
	...over
});

describe('the catalogue and the public list', () => {
	/** Q-1 (province 32, passed, dyeing) two deliverables; Q-2 (province 11) one; Q-3 (32, in progress) one public. */
	function programme() {
		const { db, users } = intakeTestDb();
		const dataDir = mkdtempSync(join(tmpdir(), 'deliverables-'));
		const pilot = (code: string) =>
			db.select({ id: pilots.id, code: pilots.code }).from(pilots).where(eq(pilots.code, code)).get()!;
		const [q1, q2, q3] = [pilot('Q-1'), pilot('Q-2'), pilot('Q-3')];
		const seed = systemActor('seed');
		db.update(pilots).set({ provinceCode: '11', category: 2 }).where(eq(pilots.id, q2.id)).run();
		db.update(pilots).set({ status: 'passed' }).where(eq(pilots.id, q1.id)).run();
		db.insert(pilotIndustries).values({ pilotId: q1.id, industry: 'dyeing' }).run();
		const add = (p: typeof q1, over: Partial<DeliverableFields>, withFile = true) => {
			const file = withFile ? { fileName: 'guide.pdf', bytes: PDF } : null;
			const outcome = deliverables.create(db, p, fields(over), file, seed, TEST_TODAY, dataDir);
			if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
			return outcome.id;
		};
		const ids = {
			guide: add(q1, { kind: 'norm', titleZh: '指南', date: '2026-09-01' }),
			internal: add(q1, { kind: 'case', titleZh: '内部案例', isPublic: false, date: '2026-09-02' }),
			linked: add(q1, { kind: 'tech_list', titleZh: '技术清单', url: 'https://example.org/list' }, false),
			elsewhere: add(q2, { kind: 'case', titleZh: '外省案例' }),
			running: add(q3, { kind: 'standard', titleZh: '进行中的标准' })
		};
		return { db, users, ids };
	}
	const titles = (rows: { titleZh: string }[]) => rows.map((r) => r.titleZh).sort();

	it('lists within the scope: all for the ministry, the province’s own, an implementer’s own pilots', () => {
		const { db, users } = programme();
		expect(deliverables.catalogue(db, { kind: 'all' })).toHaveLength(5);
		expect(titles(deliverables.catalogue(db, { kind: 'province', provinceCode: '32' }))).toEqual(
			titles([{ titleZh: '指南' }, { titleZh: '内部案例' }, { titleZh: '技术清单' }, { titleZh: '进行中的标准' }])
		);
		expect(titles(deliverables.catalogue(db, { kind: 'pilots', userId: users.imp2.id }))).toEqual(['外省案例']);
		// a province in the filter cannot widen a province user's scope
		expect(deliverables.catalogue(db, { kind: 'province', provinceCode: '32' }, { province: '11' })).toEqual([]);
	});

	it('filters by the pilot facets and the kind; counts per kind leave the kind out', () => {
		const { db } = programme();
		const all = { kind: 'all' } as const;
		expect(titles(deliverables.catalogue(db, all, { industry: 'dyeing' }))).toEqual(
			['内部案例', '技术清单', '指南'].sort()
		);
		expect(titles(deliverables.catalogue(db, all, { category: '2', kind: 'case' }))).toEqual(['外省案例']);
		expect(titles(deliverables.catalogue(db, all, { province: '32', kind: 'case' }))).toEqual(['内部案例']);
		expect(deliverables.catalogue(db, all, { batch: '1' })).toHaveLength(5);
		expect(deliverables.catalogue(db, all, { batch: '2' })).toHaveLength(0);
		expect(deliverables.countsByKind(db, all, { province: '32', kind: 'case' })).toEqual({
			model: 0,
			norm: 1,
			tech_list: 1,
			standard: 1,
			case: 1,
			other: 0
		});
		expect(deliverables.countsByKind(db, { kind: 'province', provinceCode: '11' }).case).toBe(1);
	});

	it('exports the catalogue as CSV: bilingual headers, one line per row, labels in the language', () => {
		const { db } = programme();
		const rows = deliverables.catalogue(db, { kind: 'all' }, { kind: 'tech_list' });
		const lines = catalogueCsv(rows, 'zh').split('\r\n');
		expect(lines[0].startsWith('\uFEFF编号 id,试点编号 pilot code')).toBe(true);
		expect(lines.filter(Boolean)).toHaveLength(2);
		expect(lines[1]).toContain('Q-1,测试试点 Q-1');
		expect(lines[1]).toContain('技术清单,技术清单');
		expect(lines[1]).toContain('https://example.org/list');
		expect(catalogueCsv(rows, 'en').split('\r\n')[1]).toContain('Test pilot Q-1');
	});

	it('reads the filter from the URL, dropping unknown kinds and malformed values', () => {
		const params = new URLSearchParams('province=32&kind=case&industry=dyeing&basin=%3Cx%3E&q=1');
		expect(deliverables.catalogueFilterFrom(params)).toEqual({ province: '32', kind: 'case', industry: 'dyeing' });
		expect(deliverables.catalogueFilterFrom(new URLSearchParams('kind=poster'))).toEqual({});
	});

	it('shows the public only public deliverables of passed pilots, under a public file name, without who or which hash', () => {
		const { db, ids } = programme();
		const shown = deliverables.publicOfPassed(db);
		expect(shown.map((d) => d.id).sort()).toEqual([ids.guide, ids.linked].sort());
		const guide = shown.find((d) => d.id === ids.guide)!;
		expect(guide).toMatchObject({ pilotCode: 'Q-1', file: `deliverable-${ids.guide}.pdf`, url: null });
		expect(shown.find((d) => d.id === ids.linked)).toMatchObject({ file: null, url: 'https://example.org/list' });
		for (const d of shown)
			for (const key of ['sha256', 'fileName', 'createdBy', 'updatedBy']) expect(d).not.toHaveProperty(key);

		expect(deliverables.publicFile(db, ids.guide)).toMatchObject({ name: `deliverable-${ids.guide}.pdf` });
		for (const id of [ids.internal, ids.linked, ids.elsewhere, ids.running, 9999])
			expect(deliverables.publicFile(db, id), String(id)).toBeNull();
	});
});
