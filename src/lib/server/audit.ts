/**
 * The audit trail: one append-only row per change (who, when, what, before → after, from where).
 * Write it in the same transaction as the change it describes.
 */
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from './db';
import { auditLog } from './db/schema';

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

/** The latest entries, newest first (optionally of one entity). */
export function list(db: DbOrTx, options: { entity?: string; limit?: number } = {}) {
	const query = db.select().from(auditLog);
	const filtered = options.entity ? query.where(eq(auditLog.entity, options.entity)) : query;
	return filtered
		.orderBy(desc(auditLog.id))
		.limit(options.limit ?? 200)
		.all();
}
