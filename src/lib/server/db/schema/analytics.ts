/** The replicable-case score cache (src/lib/domain/score.ts), one row per pilot, recomputed for all pilots together. */
// Repeated blocks here are table declarations: each table names its own id, pilot_id, who and when.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { pilots } from './registry';

export const pilotScores = sqliteTable(
	'pilot_scores',
	{
		pilotId: integer('pilot_id')
			.primaryKey()
			.references(() => pilots.id, { onDelete: 'cascade' }),
		score: real('score').notNull(),
		isCandidate: integer('is_candidate', { mode: 'boolean' }).notNull(),
		/** JSON: the parts with their values, weights, points, figures and peer ranks, and the score's own rank. */
		detail: text('detail').notNull(),
		computedOn: text('computed_on').notNull()
	},
	(t) => [index('pilot_scores_score_idx').on(t.score)]
);
