/**
 * Reading reported values: a pilot's quarter figures (from the roll-ups), one quarter's values per
 * enterprise, the revision history with the file behind each revision, and the uploads a user may
 * download.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { enterprises, observations, pilots, revisions, rollups, uploads } from '../db/schema';
import { scopeCondition, type Scope } from '../auth/access';

/** The pilot's current figure per quarter and indicator, with how many enterprises reported it. */
export function quarterFigures(db: DbOrTx, pilotId: number) {
	return db
		.select({
			period: rollups.period,
			indicatorCode: rollups.indicatorCode,
			value: rollups.value,
			enterprises: rollups.enterprises
		})
		.from(rollups)
		.where(eq(rollups.pilotId, pilotId))
		.all();
}

/** One quarter's current values, per enterprise (enterprise null: the pilot-level value). */
export function quarterValues(db: DbOrTx, pilotId: number, period: string) {
	return db
		.select({
			enterpriseCode: enterprises.code,
			enterpriseName: enterprises.nameZh,
			indicatorCode: observations.indicatorCode,
			value: observations.value,
			note: observations.note
		})
		.from(observations)
		.leftJoin(enterprises, eq(enterprises.id, observations.enterpriseId))
		.where(and(eq(observations.pilotId, pilotId), eq(observations.period, period), isNull(observations.supersededBy)))
		.orderBy(asc(enterprises.code), asc(observations.indicatorCode))
		.all();
}

/** Every revision of the pilot's quarters, newest first, with who sent which file when. */
export function history(db: DbOrTx, pilotId: number) {
	return db
		.select({
			id: revisions.id,
			period: revisions.period,
			number: revisions.number,
			at: revisions.createdAt,
			added: revisions.added,
			changed: revisions.changed,
			removed: revisions.removed,
			unchanged: revisions.unchanged,
			uploadId: uploads.id,
			uploader: uploads.uploader,
			fileName: uploads.fileName,
			channel: uploads.channel,
			sha256: uploads.sha256
		})
		.from(revisions)
		.innerJoin(uploads, eq(uploads.id, revisions.uploadId))
		.where(eq(revisions.pilotId, pilotId))
		.orderBy(desc(revisions.createdAt), desc(revisions.id))
		.all();
}

/**
 * An upload the user may download: one whose every touched pilot is within the user's scope (a file
 * can cover several pilots, and none of them may be hidden from the user). Null otherwise.
 */
export function downloadableUpload(db: DbOrTx, scope: Scope, uploadId: number) {
	const upload = db.select().from(uploads).where(eq(uploads.id, uploadId)).get();
	if (!upload) return null;
	const touched = sql`${pilots.id} IN (SELECT ${revisions.pilotId} FROM ${revisions} WHERE ${revisions.uploadId} = ${uploadId})`;
	const all = db
		.select({ n: sql<number>`COUNT(*)` })
		.from(pilots)
		.where(touched)
		.get()!.n;
	const visible = db
		.select({ n: sql<number>`COUNT(*)` })
		.from(pilots)
		.where(and(touched, scopeCondition(scope)))
		.get()!.n;
	return all > 0 && all === visible ? upload : null;
}

/**
 * What the latest revision of a quarter changed against the one before: each value it added,
 * changed (old → new) or removed, for the reviewer.
 */
export function latestChanges(db: DbOrTx, pilotId: number, period: string) {
	const latest = db
		.select({ id: revisions.id, number: revisions.number })
		.from(revisions)
		.where(and(eq(revisions.pilotId, pilotId), eq(revisions.period, period)))
		.orderBy(desc(revisions.number))
		.get();
	if (!latest || latest.number === 1) return { number: latest?.number ?? null, changes: [] };
	const rows = db
		.select({
			enterpriseCode: enterprises.code,
			indicatorCode: observations.indicatorCode,
			value: observations.value,
			isNew: sql<number>`${observations.revisionId} = ${latest.id}`
		})
		.from(observations)
		.leftJoin(enterprises, eq(enterprises.id, observations.enterpriseId))
		.where(
			and(
				eq(observations.pilotId, pilotId),
				eq(observations.period, period),
				sql`(${observations.revisionId} = ${latest.id} OR ${observations.supersededBy} = ${latest.id})`
			)
		)
		.all();
	const key = (r: { enterpriseCode: string | null; indicatorCode: string }) =>
		`${r.enterpriseCode ?? ''}|${r.indicatorCode}`;
	const byKey = new Map<
		string,
		{ enterpriseCode: string | null; indicatorCode: string; old: number | null; new: number | null }
	>();
	for (const r of rows) {
		const entry = byKey.get(key(r)) ?? {
			enterpriseCode: r.enterpriseCode,
			indicatorCode: r.indicatorCode,
			old: null,
			new: null
		};
		if (r.isNew) entry.new = r.value;
		else entry.old = r.value;
		byKey.set(key(r), entry);
	}
	return { number: latest.number, changes: [...byKey.values()].sort((a, b) => key(a).localeCompare(key(b))) };
}
