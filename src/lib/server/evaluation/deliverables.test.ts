import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, like } from 'drizzle-orm';
import { intakeTestDb, TEST_TODAY } from '../testing/registry';
import { rawFilePath } from '../intake/store';
import * as audit from '../audit/audit';
import { systemActor } from '../audit/audit';
import { auditLog, deliverables as table, pilots } from '../db/schema';
import { DELIVERABLE_FILE_LIMIT } from '../../domain/evaluation/deliverables';
import * as deliverables from './deliverables';
import type { DeliverableFields } from './deliverables';
import type { Db } from '../db';

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const pdf = (fileName = '审核工作指南.pdf') => ({ fileName, bytes: PDF });

const fields = (over: Partial<DeliverableFields> = {}): DeliverableFields => ({
	kind: 'norm',
	titleZh: '园区清洁生产整体审核工作指南',
	titleEn: 'Guide to whole-park audits',
	date: '2026-10-20',
	url: '',
	abstract: '分行业的审核要点与流程。',
	isPublic: true,
	...over
});

function setup() {
	const { db, users } = intakeTestDb();
	const dataDir = mkdtempSync(join(tmpdir(), 'deliverables-'));
	const pilot = (code: string) =>
		db.select({ id: pilots.id, code: pilots.code }).from(pilots).where(eq(pilots.code, code)).get()!;
	const actorOf = (u: { id: number; username: string }) => ({ userId: u.id, name: u.username, ip: '127.0.0.1' });
	return {
		db,
		dataDir,
		q1: pilot('Q-1'),
		q2: pilot('Q-2'),
		imp1: actorOf(users.imp1),
		imp2: actorOf(users.imp2),
		admin: actorOf(users.admin),
		province: actorOf(users.province)
	};
}

/** Rows and audit entries of deliverables: what a refusal must leave as it was. */
const written = (db: Db) => ({
	rows: db.select().from(table).all().length,
	audited: db.select().from(auditLog).where(like(auditLog.action, 'deliverable.%')).all().length
});

describe('recording deliverables', () => {
	it('records one with its file kept by sha256, audited with the pilot and the file', () => {
		const { db, dataDir, q1, imp1 } = setup();
		const outcome = deliverables.create(db, q1, fields(), pdf(), imp1, TEST_TODAY, dataDir);
		expect(outcome.ok).toBe(true);
		const [row] = deliverables.list(db, q1.id);
		expect(row).toMatchObject({
			kind: 'norm',
			titleZh: '园区清洁生产整体审核工作指南',
			fileName: '审核工作指南.pdf',
			size: PDF.length,
			url: null,
			isPublic: true,
			createdBy: 'imp1'
		});
		expect(readFileSync(rawFilePath(row.sha256!, dataDir))).toEqual(Buffer.from(PDF));
		const [entry] = audit.list(db, { action: 'deliverable.' });
		expect(entry).toMatchObject({ action: 'deliverable.create', entity: 'deliverable', entityId: String(row.id) });
		expect(JSON.parse(entry.after!)).toMatchObject({ pilot: 'Q-1', fileName: '审核工作指南.pdf', sha256: row.sha256 });
	});

	it('takes a link instead of a file, and stores an empty English title as none', () => {
		const { db, q1, imp1 } = setup();
		const outcome = deliverables.create(
			db,
			q1,
			fields({ url: ' https://example.org/guide ', titleEn: ' ' }),
			null,
			imp1,
			TEST_TODAY
		);
		expect(outcome.ok).toBe(true);
		expect(deliverables.list(db, q1.id)[0]).toMatchObject({ url: 'https://example.org/guide', titleEn: null });
	});

	it('refuses without a file or a link, a future date, a bad link, an unknown kind: bilingual, nothing written', () => {
		const { db, dataDir, q1, imp1 } = setup();
		const refused = deliverables.create(db, q1, fields(), null, imp1, TEST_TODAY, dataDir);
		expect(refused).toEqual({
			ok: false,
			problems: [{ field: 'file', zh: '请上传文件或填写链接', en: 'Attach a file or give a link' }]
		});
		const many = deliverables.create(
			db,
			q1,
			fields({ kind: 'poster', date: '2026-11-30', url: 'ftp://example.org/x' }),
			null,
			imp1,
			TEST_TODAY,
			dataDir
		);
		expect(many.ok).toBe(false);
		if (!many.ok) expect(many.problems.map((p) => p.field).sort()).toEqual(['date', 'kind', 'url']);
		expect(written(db)).toEqual({ rows: 0, audited: 0 });
	});

	it('refuses a file that is not PDF or Office, an empty one or one over the limit, and keeps none of them', () => {
		const { db, dataDir, q1, imp1 } = setup();
		const files = [
			{ fileName: 'guide.exe', bytes: PDF },
			{ fileName: 'empty.pdf', bytes: new Uint8Array(0) },
			{ fileName: 'huge.pdf', bytes: new Uint8Array(DELIVERABLE_FILE_LIMIT + 1) }
		];
		for (const file of files) {
			const outcome = deliverables.create(
				db,
				q1,
				fields({ url: 'https://example.org' }),
				file,
				imp1,
				TEST_TODAY,
				dataDir
			);
			expect(outcome.ok, file.fileName).toBe(false);
			if (!outcome.ok) expect(outcome.problems.every((p) => p.field === 'file' && p.zh && p.en)).toBe(true);
		}
		expect(written(db)).toEqual({ rows: 0, audited: 0 });
		expect(existsSync(join(dataDir, 'uploads'))).toBe(false);
	});

	it('lets only the pilot’s own implementers, admins and the command line write', () => {
		const { db, dataDir, q1, imp1, imp2, admin, province } = setup();
		for (const stranger of [imp2, province]) {
			const outcome = deliverables.create(db, q1, fields(), pdf(), stranger, TEST_TODAY, dataDir);
			expect(outcome.ok).toBe(false);
			if (!outcome.ok) expect(outcome.problems[0].field).toBe('_form');
		}
		expect(written(db)).toEqual({ rows: 0, audited: 0 });
		expect(existsSync(join(dataDir, 'uploads'))).toBe(false);
		expect(deliverables.create(db, q1, fields(), pdf(), admin, TEST_TODAY, dataDir).ok).toBe(true);
		expect(deliverables.create(db, q1, fields(), pdf(), systemActor('seed'), TEST_TODAY, dataDir).ok).toBe(true);
		expect(deliverables.mayEdit(db, { id: imp1.userId, role: 'implementer' }, q1.id)).toBe(true);
		expect(deliverables.mayEdit(db, { id: imp2.userId, role: 'implementer' }, q1.id)).toBe(false);
		expect(deliverables.mayEdit(db, { id: 999, role: 'ministry' }, q1.id)).toBe(false);
	});
});

describe('changing and deleting deliverables', () => {
	it('replaces the file, or drops it when a link remains; refuses dropping the only source; audits before and after', () => {
		const { db, dataDir, q1, imp1 } = setup();
		const created = deliverables.create(db, q1, fields(), pdf(), imp1, TEST_TODAY, dataDir);
		if (!created.ok) throw new Error('not created');
		const id = created.id;

		const lonely = deliverables.update(db, q1, id, fields({ dropFile: true }), null, imp1, TEST_TODAY, dataDir);
		expect(lonely.ok).toBe(false);
		if (!lonely.ok) expect(lonely.problems[0].field).toBe('file');
		expect(deliverables.get(db, q1.id, id)!.fileName).toBe('审核工作指南.pdf');

		const other = new TextEncoder().encode('%PDF-1.7 second\n');
		expect(
			deliverables.update(
				db,
				q1,
				id,
				fields({ kind: 'case' }),
				{ fileName: 'v2.docx', bytes: other },
				imp1,
				TEST_TODAY,
				dataDir
			)
		).toEqual({ ok: true });
		expect(deliverables.get(db, q1.id, id)).toMatchObject({ kind: 'case', fileName: 'v2.docx', size: other.length });

		const linked = deliverables.update(
			db,
			q1,
			id,
			fields({ dropFile: true, url: 'https://example.org/case' }),
			null,
			imp1,
			TEST_TODAY
		);
		expect(linked).toEqual({ ok: true });
		expect(deliverables.get(db, q1.id, id)).toMatchObject({
			fileName: null,
			sha256: null,
			url: 'https://example.org/case'
		});

		const entries = audit.list(db, { action: 'deliverable.update' });
		expect(entries).toHaveLength(2);
		expect(JSON.parse(entries[0].before!)).toMatchObject({ kind: 'case', fileName: 'v2.docx' });
		expect(JSON.parse(entries[0].after!)).toMatchObject({ fileName: null, url: 'https://example.org/case' });
	});

	it('refuses another pilot’s implementer, and a deliverable of another pilot, leaving it unchanged', () => {
		const { db, dataDir, q1, q2, imp1, imp2 } = setup();
		const created = deliverables.create(db, q1, fields(), pdf(), imp1, TEST_TODAY, dataDir);
		if (!created.ok) throw new Error('not created');
		const before = written(db);
		expect(deliverables.update(db, q1, created.id, fields({ titleZh: '改' }), null, imp2, TEST_TODAY).ok).toBe(false);
		expect(deliverables.remove(db, q1, created.id, imp2).ok).toBe(false);
		// imp2's own pilot, but not its deliverable
		const foreign = deliverables.update(db, q2, created.id, fields({ titleZh: '改' }), null, imp2, TEST_TODAY);
		expect(foreign.ok).toBe(false);
		if (!foreign.ok) expect(foreign.problems[0].en).toBe('No such deliverable');
		expect(deliverables.remove(db, q2, created.id, imp2).ok).toBe(false);
		expect(written(db)).toEqual(before);
		expect(deliverables.get(db, q1.id, created.id)!.titleZh).toBe('园区清洁生产整体审核工作指南');
	});

	it('deletes, audited with what was deleted', () => {
		const { db, dataDir, q1, imp1 } = setup();
		const created = deliverables.create(db, q1, fields(), pdf(), imp1, TEST_TODAY, dataDir);
		if (!created.ok) throw new Error('not created');
		expect(deliverables.remove(db, q1, created.id, imp1)).toEqual({ ok: true });
		expect(deliverables.list(db, q1.id)).toEqual([]);
		const [entry] = audit.list(db, { action: 'deliverable.remove' });
		expect(JSON.parse(entry.before!)).toMatchObject({ pilot: 'Q-1', titleZh: '园区清洁生产整体审核工作指南' });
	});
});
