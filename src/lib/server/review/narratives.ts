/**
 * The implementers' quarterly progress narratives: Markdown, stored as written and shown through the sanitising
 * renderer of src/lib/review/markdown.ts (raw HTML as text, safe links only).
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { narratives } from '../db/schema';
import { record, type Actor } from '../audit/audit';

export const MAX_NARRATIVE = 4000;

/** The pilot's narratives by period. */
export function forPilot(
	db: Db,
	pilotId: number
): Record<string, { text: string; updatedBy: string; updatedAt: number }> {
	const rows = db.select().from(narratives).where(eq(narratives.pilotId, pilotId)).all();
	return Object.fromEntries(
		rows.map((r) => [r.period, { text: r.text, updatedBy: r.updatedBy, updatedAt: r.updatedAt }])
	);
}

/** Writes (or, with empty text, deletes) one quarter's narrative; audited with before and after. */
export function save(db: Db, pilotId: number, period: string, text: string, actor: Actor): void {
	const clean = text.replace(/\r\n?/g, '\n').trim().slice(0, MAX_NARRATIVE);
	db.transaction((tx) => {
		const where = and(eq(narratives.pilotId, pilotId), eq(narratives.period, period));
		const before = tx.select().from(narratives).where(where).get();
		if (!clean) tx.delete(narratives).where(where).run();
		else if (before)
			tx.update(narratives).set({ text: clean, updatedBy: actor.name, updatedAt: Date.now() }).where(where).run();
		else
			tx.insert(narratives)
				.values({ pilotId, period, text: clean, updatedBy: actor.name, updatedAt: Date.now() })
				.run();
		record(tx, actor, {
			action: 'narrative.save',
			entity: 'pilot',
			entityId: `${pilotId}/${period}`,
			before: before?.text ?? null,
			after: clean || null
		});
	});
}
