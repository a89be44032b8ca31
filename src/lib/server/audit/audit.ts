/**
 * The audit trail: one append-only row per change (who, when, what, before → after, from where).
 * Write it in the same transaction as the change it describes.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, desc, eq, gte, inArray, like, lte, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { auditLog, pilots, users } from '../db/schema';
import { scopeCondition, scopeOf, type Scope } from '../auth/access';
import type { Role } from '../auth';

export type Actor = { userId: number | null; name: string; ip: string | null };

/** The actor for changes made by the command line or the seed. */
export function systemActor(name = 'cli'): Actor {
	return { userId: null, name, ip: null };
}

/** Appends one entry; `before`/`after` are stored as JSON. */
export function record(
	db: DbOrTx,
	actor: Actor,
	entry: { action: string; entity: string; entityId?: string | number | null; before?: unknown; after?: unknown }
): void {
	db.insert(auditLog)
		.values({
			at: Date.now(),
			userId: actor.userId,
			actor: actor.name,
			action: entry.action,
			entity: entry.entity,
			entityId: entry.entityId == null ? null : String(entry.entityId),
			before: entry.before === undefined ? null : JSON.stringify(entry.before),
			after: entry.after === undefined ? null : JSON.stringify(entry.after),
			ip: actor.ip
		})
		.run();
}

export type AuditFilter = {
	action?: string;
	actor?: string;
	entity?: string;
	from?: string;
	to?: string;
	limit?: number;
};

/** The filter of an audit view from its URL (action, actor, entity, from, to). */
export function filterFromUrl(url: URL): AuditFilter {
	const get = (k: string) => url.searchParams.get(k)?.trim().slice(0, 60) || undefined;
	return { action: get('action'), actor: get('actor'), entity: get('entity'), from: get('from'), to: get('to') };
}

/** Entries matching the filter (action prefix, actor, entity, China dates from/to inclusive), newest first. */
export function list(db: DbOrTx, filter: AuditFilter = {}) {
	const day = (iso: string, end: boolean) => Date.parse(`${iso}T${end ? '23:59:59.999' : '00:00:00'}+08:00`);
	const conditions = [
		filter.action ? like(auditLog.action, `${filter.action.replace(/[%_]/g, '')}%`) : undefined,
		filter.actor ? eq(auditLog.actor, filter.actor) : undefined,
		filter.entity ? eq(auditLog.entity, filter.entity) : undefined,
		filter.from && /^\d{4}-\d{2}-\d{2}$/.test(filter.from) ? gte(auditLog.at, day(filter.from, false)) : undefined,
		filter.to && /^\d{4}-\d{2}-\d{2}$/.test(filter.to) ? lte(auditLog.at, day(filter.to, true)) : undefined
	];
	return db
		.select()
		.from(auditLog)
		.where(and(...conditions))
		.orderBy(desc(auditLog.id))
		.limit(filter.limit ?? 500)
		.all();
}

/** One entry of a pilot's trail as its viewer may see it. */
export type TrailEntry = {
	id: number;
	at: number;
	actor: string;
	action: string;
	entity: string;
	entityId: string | null;
	before: string | null;
	after: string | null;
	ip: string | null;
};

type UploadAfter = { revisions?: { pilotCode?: string }[]; channel?: unknown; [field: string]: unknown };

/**
 * Everything recorded about one pilot — its registry edits, its quarters' reviews and the imports that touched it —
 * as `viewer` may see it. Admins see every column. Everyone else: no IP address; the actor by display name, not
 * username; and an import whose file also covered pilots outside the viewer's scope shows only its channel and the
 * revisions of pilots within the scope — not the file's name, hash or whole-file counts, nor the other pilots.
 */
export function forPilot(
	db: DbOrTx,
	pilot: { id: number; code: string },
	viewer: { id: number; role: Role; provinceCode: string | null },
	limit = 200
): TrailEntry[] {
	const isAdmin = viewer.role === 'admin';
	const rows = db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			actor: isAdmin ? auditLog.actor : sql<string>`COALESCE(${users.displayName}, ${auditLog.actor})`,
			action: auditLog.action,
			entity: auditLog.entity,
			entityId: auditLog.entityId,
			before: auditLog.before,
			after: auditLog.after,
			ip: isAdmin ? auditLog.ip : sql<string | null>`NULL`
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.userId))
		.where(
			or(
				and(eq(auditLog.entity, 'pilot'), eq(auditLog.entityId, pilot.code)),
				and(eq(auditLog.entity, 'quarter'), like(auditLog.entityId, `${pilot.id}/%`)),
				and(eq(auditLog.entity, 'upload'), like(auditLog.after, `%"pilotCode":"${pilot.code.replace(/[%_"]/g, '')}"%`))
			)
		)
		.orderBy(desc(auditLog.id))
		.limit(limit)
		.all();
	const scope = scopeOf({ ...viewer, username: '', displayName: '' });
	if (scope.kind === 'all') return rows;
	return rows.map((row) => (row.entity === 'upload' ? { ...row, after: uploadInScope(db, row.after, scope) } : row));
}

/** An import's details restricted to the scope: whole when every pilot of its file is within it. */
function uploadInScope(db: DbOrTx, after: string | null, scope: Scope): string | null {
	if (!after) return after;
	const parsed = JSON.parse(after) as UploadAfter;
	const revisions = parsed.revisions ?? [];
	const codes = [...new Set(revisions.map((r) => r.pilotCode).filter((c): c is string => typeof c === 'string'))];
	const visible = new Set(
		codes.length
			? db
					.select({ code: pilots.code })
					.from(pilots)
					.where(and(inArray(pilots.code, codes), scopeCondition(scope)))
					.all()
					.map((p) => p.code)
			: []
	);
	if (codes.every((c) => visible.has(c))) return after;
	return JSON.stringify({
		channel: parsed.channel,
		revisions: revisions.filter((r) => typeof r.pilotCode === 'string' && visible.has(r.pilotCode))
	});
}
