/**
 * Reading value threads: a quarter's threads with their timelines and each value then and now, the open count per
 * quarter, and the open threads that hold back an approval. Also the cell's current value and the quarter's latest
 * revision, which every new comment records.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { enterprises, observations, revisions, users, valueComments, valueThreads } from '../db/schema';
import type { SessionUser } from '../auth';
import { partOf } from './access';
import type { ThreadComment, ThreadView } from '../../review/threads';

/** The value of one cell in the quarter's current revision (null: not reported) and that revision's id. */
export function cellNow(
	db: DbOrTx,
	pilotId: number,
	period: string,
	enterpriseId: number | null,
	indicatorCode: string
): { value: number | null; revisionId: number | null } {
	const latest = db
		.select({ id: revisions.id })
		.from(revisions)
		.where(and(eq(revisions.pilotId, pilotId), eq(revisions.period, period)))
		.orderBy(desc(revisions.number))
		.get();
	const row = db
		.select({ value: observations.value })
		.from(observations)
		.where(
			and(
				eq(observations.pilotId, pilotId),
				eq(observations.period, period),
				isNull(observations.supersededBy),
				eq(observations.indicatorCode, indicatorCode),
				enterpriseId === null ? isNull(observations.enterpriseId) : eq(observations.enterpriseId, enterpriseId)
			)
		)
		.get();
	return { value: row?.value ?? null, revisionId: latest?.id ?? null };
}

/** The open threads of a quarter, by indicator and enterprise code: what an approval waits for. */
export function openOn(db: DbOrTx, pilotId: number, period: string) {
	return db
		.select({ id: valueThreads.id, indicatorCode: valueThreads.indicatorCode, enterpriseCode: enterprises.code })
		.from(valueThreads)
		.leftJoin(enterprises, eq(enterprises.id, valueThreads.enterpriseId))
		.where(and(eq(valueThreads.pilotId, pilotId), eq(valueThreads.period, period), eq(valueThreads.state, 'open')))
		.orderBy(asc(valueThreads.id))
		.all();
}

/** How many threads are open in each quarter of the pilot (quarters without any are left out). */
export function openCounts(db: DbOrTx, pilotId: number): Record<string, number> {
	const rows = db
		.select({ period: valueThreads.period, n: sql<number>`COUNT(*)` })
		.from(valueThreads)
		.where(and(eq(valueThreads.pilotId, pilotId), eq(valueThreads.state, 'open')))
		.groupBy(valueThreads.period)
		.all();
	return Object.fromEntries(rows.map((r) => [r.period, r.n]));
}

/**
 * A quarter's threads as `user` may see them (null outside their scope), open ones first, each with its timeline
 * (authors by display name), the value and revision each comment was written against, and the cell's value now.
 */
export function forQuarter(db: DbOrTx, user: SessionUser, pilotId: number, period: string): ThreadView[] | null {
	if (!partOf(db, user, pilotId)) return null;
	const threads = db
		.select({
			id: valueThreads.id,
			period: valueThreads.period,
			enterpriseId: valueThreads.enterpriseId,
			enterpriseCode: enterprises.code,
			indicatorCode: valueThreads.indicatorCode,
			state: valueThreads.state,
			openedBy: sql<string>`COALESCE((SELECT ${users.displayName} FROM ${users} WHERE ${users.id} = ${valueThreads.openedById}), ${valueThreads.openedBy})`,
			openedAt: valueThreads.openedAt,
			closedBy: sql<
				string | null
			>`COALESCE((SELECT ${users.displayName} FROM ${users} WHERE ${users.id} = ${valueThreads.closedById}), ${valueThreads.closedBy})`,
			closedAt: valueThreads.closedAt
		})
		.from(valueThreads)
		.leftJoin(enterprises, eq(enterprises.id, valueThreads.enterpriseId))
		.where(and(eq(valueThreads.pilotId, pilotId), eq(valueThreads.period, period)))
		.orderBy(desc(sql`${valueThreads.state} = 'open'`), asc(valueThreads.id))
		.all();
	if (!threads.length) return [];
	const comments = db
		.select({
			id: valueComments.id,
			threadId: valueComments.threadId,
			kind: valueComments.kind,
			author: sql<string>`COALESCE(${users.displayName}, ${valueComments.author})`,
			authorRole: valueComments.authorRole,
			body: valueComments.body,
			createdAt: valueComments.createdAt,
			value: valueComments.value,
			revision: revisions.number
		})
		.from(valueComments)
		.leftJoin(users, eq(users.id, valueComments.authorId))
		.leftJoin(revisions, eq(revisions.id, valueComments.revisionId))
		.where(
			inArray(
				valueComments.threadId,
				threads.map((t) => t.id)
			)
		)
		.orderBy(asc(valueComments.id))
		.all();
	const latest = db
		.select({ number: revisions.number })
		.from(revisions)
		.where(and(eq(revisions.pilotId, pilotId), eq(revisions.period, period)))
		.orderBy(desc(revisions.number))
		.get();
	return threads.map(({ enterpriseId, ...t }) => ({
		...t,
		state: t.state as ThreadView['state'],
		valueNow: cellNow(db, pilotId, period, enterpriseId, t.indicatorCode).value,
		revisionNow: latest?.number ?? null,
		comments: comments
			.filter((c) => c.threadId === t.id)
			.map(({ threadId: _, ...c }) => ({ ...c, kind: c.kind as ThreadComment['kind'] }))
	}));
}
