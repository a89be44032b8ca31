/**
 * Writing one pilot's compared rows inside the import's transaction: a new revision per covered
 * quarter that changes, changed and removed values closed by it, new and changed values inserted,
 * unchanged ones untouched, and the quarter's roll-up recomputed. Raw prepared statements: this is
 * the hot path of a million-row import.
 */
import type Database from 'better-sqlite3';
import { INDICATORS } from '../../domain/indicators';
import type { PilotComparison } from './compare';
import type { PilotContext } from './context';
import type { RowStore } from './rows';

export type Writer = ReturnType<typeof writer>;

/** Prepares the statements once per import. */
export function writer(sqlite: Database.Database, uploadId: number, now: number) {
	const nextNumber = sqlite.prepare(
		'SELECT COALESCE(MAX(number), 0) + 1 AS n FROM revisions WHERE pilot_id = ? AND period = ?'
	);
	const insertRevision = sqlite.prepare(
		'INSERT INTO revisions (pilot_id, period, number, upload_id, created_at, added, changed, removed, unchanged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
	);
	const close = sqlite.prepare('UPDATE observations SET superseded_by = ? WHERE id = ?');
	const insert = sqlite.prepare(
		'INSERT INTO observations (pilot_id, period, enterprise_id, indicator_code, value, note, revision_id) VALUES (?, ?, ?, ?, ?, ?, ?)'
	);
	const clearRollup = sqlite.prepare('DELETE FROM rollups WHERE pilot_id = ? AND period = ?');
	const fillRollup = sqlite.prepare(`
		INSERT INTO rollups (pilot_id, period, indicator_code, value, enterprise_sum, enterprises, revision_id)
		SELECT pilot_id, period, indicator_code,
			COALESCE(MAX(CASE WHEN enterprise_id IS NULL THEN value END), SUM(value)),
			SUM(CASE WHEN enterprise_id IS NOT NULL THEN value END),
			COUNT(enterprise_id),
			?
		FROM observations WHERE pilot_id = ? AND period = ? AND superseded_by IS NULL
		GROUP BY indicator_code`);

	/** Writes the pilot's changes; returns the revisions it created. */
	return function writePilot(pilot: PilotContext, store: RowStore, cmp: PilotComparison) {
		const created: { period: string; revisionId: number; number: number }[] = [];
		for (const p of cmp.periods) {
			const rows = cmp.statuses.filter((s) => store.period[s.i] === p);
			const removed = cmp.removed.filter((r) => r.period === p);
			const count = (status: string) => rows.filter((s) => s.status === status).length;
			if (count('new') + count('changed') + removed.length === 0) continue;
			const period = pilot.periods[p];
			const number = (nextNumber.get(pilot.id, period) as { n: number }).n;
			const revisionId = Number(
				insertRevision.run(
					pilot.id,
					period,
					number,
					uploadId,
					now,
					count('new'),
					count('changed'),
					removed.length,
					count('unchanged')
				).lastInsertRowid
			);
			for (const r of removed) close.run(revisionId, r.stored.id);
			for (const s of rows) {
				if (s.status === 'unchanged') continue;
				if (s.old) close.run(revisionId, s.old.id);
				const e = store.enterprise[s.i];
				insert.run(
					pilot.id,
					period,
					e === 0 ? null : e,
					INDICATORS[store.indicator[s.i]].code,
					store.value[s.i],
					store.notes.get(s.i) ?? null,
					revisionId
				);
			}
			clearRollup.run(pilot.id, period);
			fillRollup.run(revisionId, pilot.id, period);
			created.push({ period, revisionId, number });
		}
		return created;
	};
}
