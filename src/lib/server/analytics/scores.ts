/**
 * The replicable-case scores, cached in `pilot_scores`. A score ranks a pilot against its peers, so when any pilot's
 * figures or statuses change every score is recomputed together, from the term-to-date roll-ups of all pilots.
 */
import { count, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { pilots, pilotScores } from '../db/schema';
import * as analytics from './analytics';
import { scoreInputOf } from '../../domain/analytics';
import { scorePilots, type PilotScore } from '../../domain/score';

export type ScoreDetail = Pick<PilotScore, 'parts' | 'rank'>;

/**
 * Recomputes every pilot's score (they rank against each other) and stores, in one transaction, only the rows that
 * differ from what is stored — after one pilot's import that is a few rows, not all; returns how many were scored.
 */
export function refreshScores(db: Db, today: string): number {
	const rows = analytics.pilotRows(db, { kind: 'all' }, {});
	const facts = analytics.facts(db, rows, {});
	const scores = scorePilots(rows.map((p) => scoreInputOf(p, facts)));
	const stored = new Map(
		db
			.select()
			.from(pilotScores)
			.all()
			.map((r) => [r.pilotId, r])
	);
	db.transaction((tx) => {
		const upsert = tx
			.insert(pilotScores)
			.values({
				pilotId: sql.placeholder('pilotId'),
				score: sql.placeholder('score'),
				isCandidate: sql.placeholder('isCandidate'),
				detail: sql.placeholder('detail'),
				computedOn: sql.placeholder('computedOn')
			})
			.onConflictDoUpdate({
				target: pilotScores.pilotId,
				set: {
					score: sql`excluded.score`,
					isCandidate: sql`excluded.is_candidate`,
					detail: sql`excluded.detail`,
					computedOn: sql`excluded.computed_on`
				}
			})
			.prepare();
		scores.forEach((s, i) => {
			const pilotId = rows[i].id;
			const detail = JSON.stringify({ parts: s.parts, rank: s.rank } satisfies ScoreDetail);
			const before = stored.get(pilotId);
			stored.delete(pilotId);
			if (
				before &&
				before.score === s.score &&
				before.isCandidate === s.isCandidate &&
				before.detail === detail &&
				before.computedOn === today
			)
				return;
			upsert.run({ pilotId, score: s.score, isCandidate: s.isCandidate ? 1 : 0, detail, computedOn: today });
		});
		// scores of pilots no longer listed (none today: pilots are never deleted) do not linger
		for (const pilotId of stored.keys()) tx.delete(pilotScores).where(eq(pilotScores.pilotId, pilotId)).run();
	});
	return scores.length;
}

/** True when some pilot has no score yet (a new pilot, or a database from before scores). */
export function isIncomplete(db: DbOrTx): boolean {
	const row = db
		.select({ n: count() })
		.from(pilots)
		.leftJoin(pilotScores, eq(pilotScores.pilotId, pilots.id))
		.where(isNull(pilotScores.pilotId))
		.get();
	return (row?.n ?? 0) > 0;
}

/** One pilot's score with its parts, or null when it has none. */
export function ofPilot(db: DbOrTx, pilotId: number) {
	const row = db.select().from(pilotScores).where(eq(pilotScores.pilotId, pilotId)).get();
	if (!row) return null;
	return { score: row.score, isCandidate: row.isCandidate, computedOn: row.computedOn, ...detailOf(row.detail) };
}

/** The parsed detail column. */
export function detailOf(json: string): ScoreDetail {
	return JSON.parse(json) as ScoreDetail;
}

/** Every pilot's score with its detail, keyed by pilot id (for the shortlist). */
export function all(db: DbOrTx) {
	return new Map(
		db
			.select()
			.from(pilotScores)
			.all()
			.map((r) => [
				r.pilotId,
				{ score: r.score, isCandidate: r.isCandidate, computedOn: r.computedOn, ...detailOf(r.detail) }
			])
	);
}
