/**
 * The replicable-case scores, cached in `pilot_scores`. A score ranks a pilot against its peers, so when any pilot's
 * figures or statuses change every score is recomputed together, from the term-to-date roll-ups of all pilots.
 */
import { count, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { pilots, pilotScores } from '../db/schema';
import * as analytics from './analytics';
import { scoreInputOf } from '../../domain/analytics';
import { scorePilots, type PilotScore } from '../../domain/score';

export type ScoreDetail = Pick<PilotScore, 'parts' | 'rank'>;

/** Recomputes and stores every pilot's score in one transaction; returns how many were scored. */
export function refreshScores(db: Db, today: string): number {
	const rows = analytics.pilotRows(db, { kind: 'all' }, {});
	const facts = analytics.facts(db, rows, {});
	const scores = scorePilots(rows.map((p) => scoreInputOf(p, facts)));
	db.transaction((tx) => {
		tx.delete(pilotScores).run();
		scores.forEach((s, i) =>
			tx
				.insert(pilotScores)
				.values({
					pilotId: rows[i].id,
					score: s.score,
					isCandidate: s.isCandidate,
					detail: JSON.stringify({ parts: s.parts, rank: s.rank } satisfies ScoreDetail),
					computedOn: today
				})
				.run()
		);
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
