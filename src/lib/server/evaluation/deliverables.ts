/**
 * A pilot's deliverables (成果): recorded, changed and deleted by the pilot's own implementers and admins, each with a
 * file kept under DATA_DIR by sha256 (like uploads) or an http(s) link. A refusal is a list of bilingual problems and
 * writes nothing, file included; every change is audited in its own transaction. Reading is for everyone who sees the
 * pilot: the caller finds the pilot through pilots.get under its scope. The catalogue and the public list are in
 * deliverables-catalogue.ts, re-exported here.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { deliverables, userPilots, users } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import { keepFile, sanitiseFileName } from '../intake/store';
import { chinaToday } from '../ops/clock';
import {
	checkDeliverable,
	DELIVERABLE_FILE_LIMIT,
	type DeliverableInput,
	type DeliverableKind
} from '../../domain/evaluation/deliverables';
import { checkFile, type Problem } from '../../domain/evaluation/summary';
import type { Role } from '../auth';

export {
	catalogue,
	catalogueFilterFrom,
	countsByKind,
	publicFile,
	publicFileName,
	publicOfPassed
} from './deliverables-catalogue';
export type { CatalogueFilter, CatalogueRow, PublicDeliverable } from './deliverables-catalogue';

export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; problems: Problem[] };
/** What the form gives; `dropFile` removes the kept file on an update (a link must then remain). */
export type DeliverableFields = Omit<DeliverableInput, 'fileName'> & { dropFile?: boolean };
export type DeliverableFile = { fileName: string; bytes: Uint8Array };
export type PilotRef = { id: number; code: string };
export type Deliverable = typeof deliverables.$inferSelect;

const NOT_ALLOWED: Problem = {
	field: '_form',
	zh: '只有本试点的实施单位和管理员可以登记或修改成果',
	en: "Only the pilot's implementers and administrators can record or change its deliverables"
};
const NOT_FOUND: Problem = { field: '_form', zh: '找不到该成果', en: 'No such deliverable' };

/** The pilot's deliverables, newest date first. The caller has checked that the pilot is within the reader's scope. */
export function list(db: DbOrTx, pilotId: number): Deliverable[] {
	return db
		.select()
		.from(deliverables)
		.where(eq(deliverables.pilotId, pilotId))
		.orderBy(desc(deliverables.date), desc(deliverables.id))
		.all();
}

/** One deliverable of the pilot, or null (also when it belongs to another pilot). */
export function get(db: DbOrTx, pilotId: number, id: number): Deliverable | null {
	return (
		db
			.select()
			.from(deliverables)
			.where(and(eq(deliverables.id, id), eq(deliverables.pilotId, pilotId)))
			.get() ?? null
	);
}

/** Whether the user may record and change the pilot's deliverables: an admin, or an implementer linked to the pilot. */
export function mayEdit(db: DbOrTx, user: { id: number; role: Role }, pilotId: number): boolean {
	if (user.role === 'admin') return true;
	if (user.role !== 'implementer') return false;
	const link = db
		.select({ pilotId: userPilots.pilotId })
		.from(userPilots)
		.where(and(eq(userPilots.userId, user.id), eq(userPilots.pilotId, pilotId)))
		.get();
	return link !== undefined;
}

/** The actor's right to edit: a signed-in user by mayEdit (a disabled one never); the CLI and the seed (no user) may. */
function actorMayEdit(db: DbOrTx, actor: Actor, pilotId: number): boolean {
	if (actor.userId === null) return true;
	const user = db
		.select({ id: users.id, role: users.role, isDisabled: users.isDisabled })
		.from(users)
		.where(eq(users.id, actor.userId))
		.get();
	return !!user && !user.isDisabled && mayEdit(db, { id: user.id, role: user.role as Role }, pilotId);
}

const clean = (f: DeliverableFields) => ({
	kind: f.kind.trim(),
	titleZh: f.titleZh.trim(),
	titleEn: f.titleEn.trim(),
	date: f.date.trim(),
	url: f.url.trim(),
	abstract: f.abstract.trim(),
	isPublic: f.isPublic
});

/** The domain's checks of the fields with the file that will be kept (new, or the one already kept). */
function problemsOf(fields: DeliverableFields, file: DeliverableFile | null, keptName: string | null, today: string) {
	const fileName = file ? sanitiseFileName(file.fileName) : keptName;
	const problems = checkDeliverable({ ...fields, fileName }, today);
	if (file) problems.push(...checkFile({ fileName: fileName!, size: file.bytes.length }, 0, DELIVERABLE_FILE_LIMIT));
	return problems;
}

type KeptFile = { fileName: string | null; size: number | null; sha256: string | null };
const NO_FILE: KeptFile = { fileName: null, size: null, sha256: null };

/** Keeps the file under the data folder (content-addressed) and describes it for the row. */
function keep(file: DeliverableFile, dataDir?: string): KeptFile {
	const sha256 = keepFile(file.bytes, dataDir);
	return { fileName: sanitiseFileName(file.fileName), size: file.bytes.length, sha256 };
}

/** The stored row of checked fields and the file kept (empty optional texts stored as NULL). */
function rowOf(f: ReturnType<typeof clean>, kept: KeptFile) {
	return {
		kind: f.kind as DeliverableKind,
		titleZh: f.titleZh,
		titleEn: f.titleEn || null,
		date: f.date,
		url: f.url || null,
		...kept,
		abstract: f.abstract,
		isPublic: f.isPublic
	};
}

/** What the audit trail keeps of a deliverable: every field but the bookkeeping. */
function trail(
	pilot: PilotRef,
	d: Pick<
		Deliverable,
		'kind' | 'titleZh' | 'titleEn' | 'date' | 'url' | 'fileName' | 'size' | 'sha256' | 'abstract' | 'isPublic'
	>
) {
	return {
		pilot: pilot.code,
		kind: d.kind,
		titleZh: d.titleZh,
		titleEn: d.titleEn,
		date: d.date,
		url: d.url,
		fileName: d.fileName,
		size: d.size,
		sha256: d.sha256,
		abstract: d.abstract,
		isPublic: d.isPublic
	};
}

/**
 * Records a deliverable of the pilot after the checks (the actor's right, kind, titles, date not in the future, a file
 * or a link, a PDF/Office file within DELIVERABLE_FILE_LIMIT, the abstract's length); refused with the problems and
 * nothing written otherwise — not even the file.
 */
export function create(
	db: Db,
	pilot: PilotRef,
	fields: DeliverableFields,
	file: DeliverableFile | null,
	actor: Actor,
	today = chinaToday(),
	dataDir?: string
): Outcome<{ id: number }> {
	if (!actorMayEdit(db, actor, pilot.id)) return { ok: false, problems: [NOT_ALLOWED] };
	const f = clean(fields);
	const problems = problemsOf(f, file, null, today);
	if (problems.length) return { ok: false, problems };
	const row = rowOf(f, file ? keep(file, dataDir) : NO_FILE);
	return db.transaction((tx) => {
		const now = Date.now();
		const id = tx
			.insert(deliverables)
			.values({
				...row,
				pilotId: pilot.id,
				createdBy: actor.name,
				createdAt: now,
				updatedBy: actor.name,
				updatedAt: now
			})
			.returning({ id: deliverables.id })
			.get().id;
		record(tx, actor, { action: 'deliverable.create', entity: 'deliverable', entityId: id, after: trail(pilot, row) });
		return { ok: true as const, id };
	});
}

/**
 * Changes a deliverable of the pilot: the same checks as create, where a new file replaces the kept one and
 * `dropFile` removes it (a link must then remain). Refused with the problems and nothing written otherwise.
 */
export function update(
	db: Db,
	pilot: PilotRef,
	id: number,
	fields: DeliverableFields,
	file: DeliverableFile | null,
	actor: Actor,
	today = chinaToday(),
	dataDir?: string
): Outcome {
	if (!actorMayEdit(db, actor, pilot.id)) return { ok: false, problems: [NOT_ALLOWED] };
	const before = get(db, pilot.id, id);
	if (!before) return { ok: false, problems: [NOT_FOUND] };
	const f = clean(fields);
	const keptName = fields.dropFile ? null : before.fileName;
	const problems = problemsOf(f, file, keptName, today);
	if (problems.length) return { ok: false, problems };
	const kept = file
		? keep(file, dataDir)
		: fields.dropFile
			? NO_FILE
			: { fileName: before.fileName, size: before.size, sha256: before.sha256 };
	const row = rowOf(f, kept);
	db.transaction((tx) => {
		tx.update(deliverables)
			.set({ ...row, updatedBy: actor.name, updatedAt: Date.now() })
			.where(eq(deliverables.id, id))
			.run();
		record(tx, actor, {
			action: 'deliverable.update',
			entity: 'deliverable',
			entityId: id,
			before: trail(pilot, before),
			after: trail(pilot, row)
		});
	});
	return { ok: true };
}

/** Deletes a deliverable of the pilot (its kept file stays: files are content-addressed and may be shared). */
export function remove(db: Db, pilot: PilotRef, id: number, actor: Actor): Outcome {
	if (!actorMayEdit(db, actor, pilot.id)) return { ok: false, problems: [NOT_ALLOWED] };
	const before = get(db, pilot.id, id);
	if (!before) return { ok: false, problems: [NOT_FOUND] };
	db.transaction((tx) => {
		tx.delete(deliverables).where(eq(deliverables.id, id)).run();
		record(tx, actor, {
			action: 'deliverable.remove',
			entity: 'deliverable',
			entityId: id,
			before: trail(pilot, before)
		});
	});
	return { ok: true };
}
