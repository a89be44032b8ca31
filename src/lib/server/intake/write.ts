/**
 * Writing one pilot's compared rows inside the import's transaction: a new revision per covered
 * quarter that changes, changed and removed values closed by it, new and changed values inserted,
 * unchanged ones untouched, and the quarter's roll-up recomputed from the file's rows (rollups.ts). Raw prepared
 * statements, many rows per call: this is the hot path of a million-row import.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import type Database from 'better-sqlite3';
import { INDICATORS } from '../../domain/indicators';
import { UNCHANGED, type PilotComparison } from './compare';
import type { PilotContext } from './context';
import type { RowStore } from './rows';
import { rollupsOf } from './rollups';

const BATCH = 64;

/** Prepares the statements once per import and returns the per-pilot writer. */
export function writer(sqlite: Database.Database, uploadId: number, now: number, uploader: string) {
	const nextNumber = sqlite.prepare(
		'SELECT COALESCE(MAX(number), 0) + 1 AS n FROM revisions WHERE pilot_id = ? AND period = ?'
	);
	const insertRevision = sqlite.prepare(
		'INSERT INTO revisions (pilot_id, period, number, upload_id, created_at, added, changed, removed, unchanged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
	);
	const close = sqlite.prepare('UPDATE observations SET superseded_by = ? WHERE id = ?');
	const insertSql = (n: number) =>
		'INSERT INTO observations (pilot_id, period, enterprise_id, indicator_code, value, note, revision_id) VALUES ' +
		Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
	// rows go in BATCH at a time (one statement call for many rows: the per-call cost is most of a row's)
	const insertBatch = sqlite.prepare(insertSql(BATCH));
	const insert = sqlite.prepare(insertSql(1));
	const pending: unknown[] = [];
	const flush = () => {
		for (let k = 0; k < pending.length; k += 7) insert.run(pending.slice(k, k + 7));
		pending.length = 0;
	};
	const clearRollup = sqlite.prepare('DELETE FROM rollups WHERE pilot_id = ? AND period = ?');
	const insertRollup = sqlite.prepare(
		'INSERT INTO rollups (pilot_id, period, indicator_code, value, enterprise_sum, enterprises, revision_id) VALUES (?, ?, ?, ?, ?, ?, ?)'
	);
	// The lists' cached statuses of a changed pilot are recomputed on their next read.
	const markStale = sqlite.prepare('UPDATE pilots SET status_computed_on = NULL WHERE id = ?');
	// A new revision of a quarter under review withdraws the submission: it must be submitted again.
	const withdraw = sqlite.prepare(
		"UPDATE quarter_reviews SET state = 'draft', updated_by = ?, updated_at = ? WHERE pilot_id = ? AND period = ? AND state = 'submitted'"
	);
	const withdrawEvent = sqlite.prepare(
		"INSERT INTO review_events (pilot_id, period, action, from_state, to_state, actor, at, comment) VALUES (?, ?, 'revise', 'submitted', 'draft', ?, ?, NULL)"
	);
	/** Writes the pilot's changes; returns the revisions it created. */
	return function writePilot(pilot: PilotContext, store: RowStore, cmp: PilotComparison) {
		const revision = [0, 0, 0, 0];
		const created: { period: string; revisionId: number; number: number }[] = [];
		for (let p = 0; p < 4; p++) {
			if (!cmp.changed[p]) continue;
			const period = pilot.periods[p];
			const number = (nextNumber.get(pilot.id, period) as { n: number }).n;
			const c = cmp.counts;
			revision[p] = Number(
				insertRevision.run(
					pilot.id,
					period,
					number,
					uploadId,
					now,
					c.new[p],
					c.changed[p],
					c.removed[p],
					c.unchanged[p]
				).lastInsertRowid
			);
			created.push({ period, revisionId: revision[p], number });
			if (withdraw.run(uploader, now, pilot.id, period).changes) withdrawEvent.run(pilot.id, period, uploader, now);
		}
		for (const r of cmp.removed) close.run(revision[r.period], r.id);
		// quarter by quarter: the index on (pilot, period, …) then grows at one end
		for (let q = 0; q < 4; q++)
			for (let k = 0; k < cmp.to - cmp.from; k++) {
				if (cmp.status[k] === UNCHANGED) continue;
				const i = cmp.from + k;
				const p = store.period[i];
				if (p !== q) continue;
				if (cmp.oldId[k]) close.run(revision[p], cmp.oldId[k]);
				const e = store.enterprise(i);
				pending.push(
					pilot.id,
					pilot.periods[p],
					e === 0 ? null : e,
					INDICATORS[store.indicator[i]].code,
					store.value[i],
					store.noteOf(i),
					revision[p]
				);
				if (pending.length === BATCH * 7) {
					insertBatch.run(pending);
					pending.length = 0;
				}
			}
		flush();
		if (created.length) markStale.run(pilot.id);
		// a covered quarter's current values are exactly the file's rows of it: its roll-ups come from them
		for (const { period, revisionId, rows } of rollupsOf(pilot, store, cmp, revision)) {
			clearRollup.run(pilot.id, period);
			for (const r of rows)
				insertRollup.run(pilot.id, period, r.indicator, r.value, r.enterpriseSum, r.enterprises, revisionId);
		}
		return created;
	};
}
