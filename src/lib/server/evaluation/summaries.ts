/**
 * The term-end summary on the database: the implementer's draft (saved any number of times), its attachments, the
 * submission to the province (complete, after the term's last quarter), the province's return with a comment or its
 * forwarding to the ministry. Each step is one transaction with its event, the audit entry and the notices.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { asc, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { summaryEvents, summaryFiles, termSummaries } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import { keepFile } from '../intake/store';
import {
	EMPTY_SUMMARY,
	isSummaryOverdue,
	summaryOpensOn,
	checkFile,
	checkSummaryDraft,
	checkSummarySubmission,
	summaryTransition,
	termProblems,
	type Problem,
	type SummaryAction,
	type SummaryContent,
	type SummaryRole,
	type SummaryState
} from '../../domain/evaluation/summary';
import { figuresOf, type SummaryFigures } from './figures';
import { audienceOf, notify } from '../review/notify';
import { setPilotStatus } from './pilot-status';
import type * as pilots from '../registry/pilots';

type Pilot = NonNullable<ReturnType<typeof pilots.get>>;
export type Outcome = { ok: true } | { ok: false; problems: Problem[] };

const refuse = (why: { zh: string; en: string }, field = '_form'): Outcome => ({
	ok: false,
	problems: [{ field, ...why }]
});

/** The pilot's summary with its attachments and events (newest first), or null when none was started. */
export function get(db: DbOrTx, pilotId: number) {
	const row = db.select().from(termSummaries).where(eq(termSummaries.pilotId, pilotId)).get();
	if (!row) return null;
	return {
		...row,
		state: row.state as SummaryState,
		content: { ...EMPTY_SUMMARY, ...(JSON.parse(row.content) as Partial<SummaryContent>) } as SummaryContent,
		figures: row.figures ? (JSON.parse(row.figures) as SummaryFigures) : null,
		files: filesOf(db, pilotId),
		events: db
			.select()
			.from(summaryEvents)
			.where(eq(summaryEvents.pilotId, pilotId))
			.orderBy(desc(summaryEvents.id))
			.all()
	};
}
export type Summary = NonNullable<ReturnType<typeof get>>;

/** The summary's attachments in the order they were added. */
export function filesOf(db: DbOrTx, pilotId: number) {
	return db.select().from(summaryFiles).where(eq(summaryFiles.pilotId, pilotId)).orderBy(asc(summaryFiles.id)).all();
}

function event(
	tx: DbOrTx,
	pilotId: number,
	action: string,
	from: string,
	to: string,
	actor: Actor,
	comment: string | null = null
) {
	tx.insert(summaryEvents)
		.values({ pilotId, action, fromState: from, toState: to, actor: actor.name, at: Date.now(), comment })
		.run();
}

/** Saves the draft (creating it on first save) after the draft checks; refused before the term's last quarter has ended. */
export function save(
	db: Db,
	pilot: Pilot,
	content: SummaryContent,
	role: SummaryRole,
	actor: Actor,
	today: string
): Outcome {
	if (!pilot.termStart) return refuse({ zh: '试点实施期未知', en: 'The pilot has no known term' });
	const early = termProblems(pilot.termStart, today);
	if (early.length) return { ok: false, problems: early };
	const current = get(db, pilot.id);
	const allowed = summaryTransition(current?.state ?? 'draft', 'save', role);
	if (!allowed.ok) return refuse(allowed.why);
	const problems = checkSummaryDraft(content);
	if (problems.length) return { ok: false, problems };
	db.transaction((tx) => {
		const now = Date.now();
		const json = JSON.stringify(content);
		tx.insert(termSummaries)
			.values({
				pilotId: pilot.id,
				state: 'draft',
				content: json,
				createdBy: actor.name,
				createdAt: now,
				updatedBy: actor.name,
				updatedAt: now
			})
			.onConflictDoUpdate({
				target: termSummaries.pilotId,
				set: { state: allowed.next, content: json, updatedBy: actor.name, updatedAt: now }
			})
			.run();
		record(tx, actor, {
			action: 'summary.save',
			entity: 'summary',
			entityId: pilot.code,
			before: current ? { state: current.state } : undefined,
			after: { state: allowed.next }
		});
	});
	return { ok: true };
}

/**
 * Submits the saved summary to the province once it is complete: freezes the figures part as of today, moves the
 * pilot to 评估中 / evaluating (if it was still running) and tells the province's users.
 */
export function submit(db: Db, pilot: Pilot, role: SummaryRole, actor: Actor, today: string): Outcome {
	if (!pilot.termStart) return refuse({ zh: '试点实施期未知', en: 'The pilot has no known term' });
	const current = get(db, pilot.id);
	if (!current)
		return {
			ok: false,
			problems: [
				...termProblems(pilot.termStart, today),
				...checkSummarySubmission(EMPTY_SUMMARY, { termStart: pilot.termStart, today }).filter(
					(p) => p.field !== '_form'
				)
			]
		};
	const allowed = summaryTransition(current.state, 'submit', role);
	if (!allowed.ok) return refuse(allowed.why);
	const problems = checkSummarySubmission(current.content, { termStart: pilot.termStart, today });
	if (problems.length) return { ok: false, problems };
	const figures = figuresOf(db, pilot, today);
	db.transaction((tx) => {
		const now = Date.now();
		tx.update(termSummaries)
			.set({
				state: allowed.next,
				figures: JSON.stringify(figures),
				submittedAt: now,
				updatedBy: actor.name,
				updatedAt: now
			})
			.where(eq(termSummaries.pilotId, pilot.id))
			.run();
		event(tx, pilot.id, 'submit', current.state, allowed.next, actor);
		if (pilot.status === 'in_progress' || pilot.status === 'approved')
			setPilotStatus(tx, pilot.id, 'evaluating', today, '提交总结报告 / term-end summary submitted');
		record(tx, actor, {
			action: 'summary.submit',
			entity: 'summary',
			entityId: pilot.code,
			before: { state: current.state },
			after: { state: allowed.next }
		});
		notify(
			tx,
			{
				key: `summary_submitted:${pilot.code}:${now}`,
				kind: 'summary_submitted',
				pilotCode: pilot.code,
				title: {
					zh: `${pilot.code} 已提交总结报告，请审核`,
					en: `${pilot.code} submitted its term-end summary for review`
				}
			},
			audienceOf(tx, pilot, ['province'])
		);
	});
	return { ok: true };
}

/** The province returns a submitted summary with a comment (the implementer is told) or forwards it to the ministry. */
export function review(
	db: Db,
	pilot: Pilot,
	action: Extract<SummaryAction, 'return' | 'forward'>,
	role: SummaryRole,
	comment: string,
	actor: Actor
): Outcome {
	const current = get(db, pilot.id);
	if (!current) return refuse({ zh: '尚无总结报告', en: 'There is no summary yet' });
	const allowed = summaryTransition(current.state, action, role, comment);
	if (!allowed.ok) return refuse(allowed.why, action === 'return' ? 'comment' : '_form');
	db.transaction((tx) => {
		const now = Date.now();
		tx.update(termSummaries)
			.set({
				state: allowed.next,
				updatedBy: actor.name,
				updatedAt: now,
				...(action === 'forward' ? { forwardedAt: now } : {})
			})
			.where(eq(termSummaries.pilotId, pilot.id))
			.run();
		event(tx, pilot.id, action, current.state, allowed.next, actor, comment.trim() || null);
		record(tx, actor, {
			action: `summary.${action}`,
			entity: 'summary',
			entityId: pilot.code,
			before: { state: current.state },
			after: { state: allowed.next, comment: comment.trim() || null }
		});
		const title =
			action === 'return'
				? {
						zh: `${pilot.code} 总结报告被退回：${comment.trim()}`,
						en: `${pilot.code} summary returned: ${comment.trim()}`
					}
				: { zh: `${pilot.code} 总结报告已报送，待评估`, en: `${pilot.code} summary forwarded for evaluation` };
		notify(
			tx,
			{ key: `summary_${action}:${pilot.code}:${now}`, kind: `summary_${action}`, pilotCode: pilot.code, title },
			audienceOf(tx, pilot, action === 'return' ? ['implementer'] : ['implementer', 'ministry'])
		);
	});
	return { ok: true };
}

/** Keeps an attachment (PDF/Office, 50 MB for all together) by its sha256 on a draft or returned summary. */
export function attach(
	db: Db,
	pilot: Pilot,
	file: { fileName: string; bytes: Uint8Array },
	role: SummaryRole,
	actor: Actor,
	dataDir?: string
): Outcome {
	const current = get(db, pilot.id);
	if (!current) return refuse({ zh: '请先保存草稿再上传附件', en: 'Save the draft before attaching files' }, 'file');
	const allowed = summaryTransition(current.state, 'save', role);
	if (!allowed.ok) return refuse(allowed.why, 'file');
	const existing = current.files.reduce((n, f) => n + f.size, 0);
	const problems = checkFile({ fileName: file.fileName, size: file.bytes.length }, existing);
	if (problems.length) return { ok: false, problems };
	const sha256 = keepFile(file.bytes, dataDir);
	db.transaction((tx) => {
		tx.insert(summaryFiles)
			.values({
				pilotId: pilot.id,
				fileName: file.fileName,
				size: file.bytes.length,
				sha256,
				uploadedBy: actor.name,
				uploadedAt: Date.now()
			})
			.run();
		record(tx, actor, {
			action: 'summary.attach',
			entity: 'summary',
			entityId: pilot.code,
			after: { fileName: file.fileName, size: file.bytes.length, sha256 }
		});
	});
	return { ok: true };
}

/** Removes an attachment from a draft or returned summary (the kept bytes stay: other records may share them). */
export function detach(db: Db, pilot: Pilot, fileId: number, role: SummaryRole, actor: Actor): Outcome {
	const current = get(db, pilot.id);
	const file = current?.files.find((f) => f.id === fileId);
	if (!current || !file) return refuse({ zh: '没有此附件', en: 'No such attachment' }, 'file');
	const allowed = summaryTransition(current.state, 'save', role);
	if (!allowed.ok) return refuse(allowed.why, 'file');
	db.transaction((tx) => {
		tx.delete(summaryFiles).where(eq(summaryFiles.id, fileId)).run();
		record(tx, actor, {
			action: 'summary.detach',
			entity: 'summary',
			entityId: pilot.code,
			before: { fileName: file.fileName, sha256: file.sha256 }
		});
	});
	return { ok: true };
}

/**
 * Where a pilot stands with its term-end summary, for the overview: its state (null: not started) and whether it is
 * overdue; null while the summary cannot be written yet and none exists.
 */
export function summaryStatus(db: DbOrTx, pilot: Pilot, today: string) {
	const row = db.select().from(termSummaries).where(eq(termSummaries.pilotId, pilot.id)).get();
	const opensOn = pilot.termStart ? summaryOpensOn(pilot.termStart) : null;
	if (!row && (opensOn === null || today < opensOn)) return null;
	const state = (row?.state ?? null) as SummaryState | null;
	const isDecided = pilot.status === 'passed' || pilot.status === 'not_passed';
	return {
		state,
		isDecided,
		isOverdue: !isDecided && isSummaryOverdue(pilot.termEnd, pilot.batch.summaryOverdueDays, state, today)
	};
}
