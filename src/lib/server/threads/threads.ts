/**
 * Writing value threads: open one on a cell with a first comment, reply, mark a value corrected, resolve and reopen.
 * Every call checks who is asking (access.ts), refuses with a bilingual reason, writes in one transaction with its
 * audit line, and queues the notice to the other side.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db, Tx } from '../db';
import { enterprises, pilots, quarterReviews, revisions, valueComments, valueThreads } from '../db/schema';
import { record } from '../audit/audit';
import type { SessionUser } from '../auth';
import type { Bilingual } from '../../domain/taxonomy';
import { indicatorByCode } from '../../domain/indicators';
import { periodKey, termQuarters } from '../../domain/periods';
import { abilitiesOf, partOf, type ThreadPart } from './access';
import { cellNow } from './read';
import { tellOthers } from './notices';
import { MAX_COMMENT, REFUSED, tooLong } from './messages';

export type Cell = { period: string; enterpriseCode: string | null; indicatorCode: string };
export type Kind = 'comment' | 'corrected' | 'resolve' | 'reopen';
export type Outcome = { ok: true; threadId: number } | { ok: false; status: 400 | 403 | 404; why: Bilingual };

const refuse = (status: 400 | 403 | 404, why: Bilingual) => ({ ok: false as const, status, why });
const clean = (body: string) => body.replace(/\r\n?/g, '\n').trim();

/** Why a body cannot be saved (empty where one is needed, or too long), or null. */
function bodyProblem(body: string, isRequired: boolean): Bilingual | null {
	if (isRequired && !body) return REFUSED.empty;
	return body.length > MAX_COMMENT ? tooLong(body.length) : null;
}

function isApproved(tx: Tx, pilotId: number, period: string): boolean {
	const row = tx
		.select({ state: quarterReviews.state })
		.from(quarterReviews)
		.where(and(eq(quarterReviews.pilotId, pilotId), eq(quarterReviews.period, period)))
		.get();
	return row?.state === 'approved';
}

/** Adds one entry to a thread's timeline (with the value and revision now), audits it and tells the other side. */
function addEntry(
	tx: Tx,
	user: SessionUser,
	ip: string | null,
	part: ThreadPart,
	thread: { id: number; pilotId: number; period: string; enterpriseId: number | null; indicatorCode: string },
	kind: Kind,
	body: string,
	action: string = `thread.${kind}`
): number {
	const now = cellNow(tx, thread.pilotId, thread.period, thread.enterpriseId, thread.indicatorCode);
	const at = Date.now();
	const { id } = tx
		.insert(valueComments)
		.values({
			threadId: thread.id,
			kind,
			authorId: user.id,
			author: user.username,
			authorRole: part,
			body,
			createdAt: at,
			value: now.value,
			revisionId: now.revisionId
		})
		.returning({ id: valueComments.id })
		.get();
	const pilot = tx
		.select({ id: pilots.id, code: pilots.code, provinceCode: pilots.provinceCode })
		.from(pilots)
		.where(eq(pilots.id, thread.pilotId))
		.get()!;
	const enterpriseCode =
		thread.enterpriseId === null
			? null
			: tx.select({ code: enterprises.code }).from(enterprises).where(eq(enterprises.id, thread.enterpriseId)).get()!
					.code;
	record(
		tx,
		{ userId: user.id, name: user.username, ip },
		{
			action,
			entity: 'quarter',
			entityId: `${thread.pilotId}/${thread.period}`,
			after: { thread: thread.id, indicator: thread.indicatorCode, enterprise: enterpriseCode, value: now.value, body }
		}
	);
	tellOthers(
		tx,
		pilot,
		{ ...thread, enterpriseCode },
		{ id, kind, authorId: user.id, author: user.displayName, authorPart: part }
	);
	return id;
}

/**
 * Opens a thread on a cell of a term quarter with its first comment: the province's reviewers, the ministry and
 * admins may; the quarter must not be approved; the enterprise must be the pilot's and the indicator known.
 */
export function open(db: Db, user: SessionUser, ip: string | null, pilotId: number, cell: Cell, body: string): Outcome {
	const text = clean(body);
	return db.transaction((tx) => {
		const part = partOf(tx, user, pilotId);
		if (!part) return refuse(404, REFUSED.notYours);
		if (!abilitiesOf(part).canOpen) return refuse(403, REFUSED.onlyReviewerOpens);
		const pilot = tx.select({ termStart: pilots.termStart }).from(pilots).where(eq(pilots.id, pilotId)).get()!;
		const periods = pilot.termStart ? termQuarters(pilot.termStart).map(periodKey) : [];
		if (!periods.includes(cell.period)) return refuse(400, REFUSED.badPeriod);
		if (!indicatorByCode(cell.indicatorCode)) return refuse(400, REFUSED.badIndicator);
		let enterpriseId: number | null = null;
		if (cell.enterpriseCode !== null) {
			const found = tx
				.select({ id: enterprises.id })
				.from(enterprises)
				.where(and(eq(enterprises.pilotId, pilotId), eq(enterprises.code, cell.enterpriseCode)))
				.get();
			if (!found) return refuse(400, REFUSED.badEnterprise);
			enterpriseId = found.id;
		}
		if (isApproved(tx, pilotId, cell.period)) return refuse(400, REFUSED.locked);
		const problem = bodyProblem(text, true);
		if (problem) return refuse(400, problem);
		const thread = tx
			.insert(valueThreads)
			.values({
				pilotId,
				period: cell.period,
				enterpriseId,
				indicatorCode: indicatorByCode(cell.indicatorCode)!.code,
				state: 'open',
				openedById: user.id,
				openedBy: user.username,
				openedAt: Date.now()
			})
			.returning()
			.get();
		addEntry(tx, user, ip, part, thread, 'comment', text, 'thread.open');
		return { ok: true as const, threadId: thread.id };
	});
}

/**
 * Adds to a thread: a comment (anyone who sees the pilot), "corrected" (its implementers, once the quarter has a
 * revision newer than the reviewers' last word), resolve or reopen (reviewers; the comment is optional). An approved
 * quarter takes nothing more; a resolved thread takes only a reopen. Given `onPilot`, a thread of another pilot is
 * refused as not found (a page acts only on its own pilot's threads).
 */
export function write(
	db: Db,
	user: SessionUser,
	ip: string | null,
	threadId: number,
	kind: Kind,
	body: string,
	onPilot?: number
): Outcome {
	const text = clean(body);
	return db.transaction((tx) => {
		const thread = tx.select().from(valueThreads).where(eq(valueThreads.id, threadId)).get();
		const part = thread ? partOf(tx, user, thread.pilotId) : null;
		if (!thread || !part || (onPilot !== undefined && onPilot !== thread.pilotId)) return refuse(404, REFUSED.notFound);
		const may = abilitiesOf(part);
		if (!may.canReply) return refuse(403, REFUSED.notYours);
		if ((kind === 'resolve' || kind === 'reopen') && !may.canResolve) return refuse(403, REFUSED.onlyReviewerCloses);
		if (kind === 'corrected' && !may.canMarkCorrected) return refuse(403, REFUSED.onlyImplementerCorrects);
		if (isApproved(tx, thread.pilotId, thread.period)) return refuse(400, REFUSED.locked);
		if (kind === 'resolve' && thread.state === 'resolved') return refuse(400, REFUSED.alreadyResolved);
		if (kind === 'reopen' && thread.state === 'open') return refuse(400, REFUSED.alreadyOpen);
		if ((kind === 'comment' || kind === 'corrected') && thread.state === 'resolved')
			return refuse(400, REFUSED.resolvedThread);
		const problem = bodyProblem(text, kind === 'comment' || kind === 'corrected');
		if (problem) return refuse(400, problem);
		if (kind === 'corrected' && !hasNewRevision(tx, thread)) return refuse(400, REFUSED.notCorrectedYet);
		if (kind === 'resolve' || kind === 'reopen') {
			const isResolve = kind === 'resolve';
			tx.update(valueThreads)
				.set({
					state: isResolve ? 'resolved' : 'open',
					closedById: isResolve ? user.id : null,
					closedBy: isResolve ? user.username : null,
					closedAt: isResolve ? Date.now() : null
				})
				.where(eq(valueThreads.id, threadId))
				.run();
		}
		addEntry(tx, user, ip, part, thread, kind, text);
		return { ok: true as const, threadId };
	});
}

/** Whether the quarter has a revision newer than the one the reviewers last wrote against. */
function hasNewRevision(tx: Tx, thread: { id: number; pilotId: number; period: string }): boolean {
	const lastWord = tx
		.select({ revisionId: valueComments.revisionId })
		.from(valueComments)
		.where(and(eq(valueComments.threadId, thread.id), ne(valueComments.authorRole, 'implementer')))
		.orderBy(desc(valueComments.id))
		.get();
	const latest = tx
		.select({ id: revisions.id })
		.from(revisions)
		.where(and(eq(revisions.pilotId, thread.pilotId), eq(revisions.period, thread.period)))
		.orderBy(desc(revisions.number))
		.get();
	return latest !== undefined && (lastWord?.revisionId ?? 0) < latest.id;
}
