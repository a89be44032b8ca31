/**
 * Writing one pilot's compared rows inside the import's transaction: a new revision per covered
 * quarter that changes, changed and removed values closed by it, new and changed values inserted,
 * unchanged ones untouched, and the quarter's roll-up recomputed. Raw prepared statements: this is
 * the hot path of a million-row import.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import type Database from 'better-sqlite3';
import { INDICATORS } from '../../domain/indicators';
import { UNCHANGED, type PilotComparison } from './compare';
import type { PilotContext } from './context';
import type { RowStore } from './rows';

const RATES = INDICATORS.filter((i) => i.kind === 'rate');

/** Prepares the statements once per import and returns the per-pilot writer. */
export function writer(sqlite: Database.Database, uploadId: number, now: number, uploader: string) {
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
	// The lists' cached statuses of a changed pilot are recomputed on their next read.
	const markStale = sqlite.prepare('UPDATE pilots SET status_computed_on = NULL WHERE id = ?');
	// A new revision of a quarter under review withdraws the submission: it must be submitted again.
	const withdraw = sqlite.prepare(
		"UPDATE quarter_reviews SET state = 'draft', updated_by = ?, updated_at = ? WHERE pilot_id = ? AND period = ? AND state = 'submitted'"
	);
	const withdrawEvent = sqlite.prepare(
		"INSERT INTO review_events (pilot_id, period, action, from_state, to_state, actor, at, comment) VALUES (?, ?, 'revise', 'submitted', 'draft', ?, ?, NULL)"
	);
	// Amounts: the pilot-level value, else the enterprises' sum. Rates are never summed (see fillRateRollup).
	const fillRollup = sqlite.prepare(`
		INSERT INTO rollups (pilot_id, period, indicator_code, value, enterprise_sum, enterprises, revision_id)
		SELECT pilot_id, period, indicator_code,
			COALESCE(MAX(CASE WHEN enterprise_id IS NULL THEN value END), SUM(value)),
			SUM(CASE WHEN enterprise_id IS NOT NULL THEN value END),
			COUNT(enterprise_id),
			?
		FROM observations WHERE pilot_id = ? AND period = ? AND superseded_by IS NULL
			AND indicator_code NOT IN (${RATES.map((r) => `'${r.code}'`).join(', ') || "''"})
		GROUP BY indicator_code`);
	// Rates: the pilot-level value, else the enterprises' mean weighted by their value of the rate's denominator
	// indicator in the same quarter when every enterprise reported one (and they do not sum to 0), else a plain mean.
	// enterprise_sum holds that mean for rates.
	const fillRateRollup = sqlite.prepare(`
		WITH weights(code, weight_code) AS (VALUES ${RATES.map((r) => `('${r.code}', ${r.weightBy ? `'${r.weightBy}'` : 'NULL'})`).join(', ')}),
		ent AS (
			SELECT o.indicator_code, o.value, w.value AS weight
			FROM observations o JOIN weights ON weights.code = o.indicator_code
			LEFT JOIN observations w ON w.pilot_id = o.pilot_id AND w.period = o.period AND w.enterprise_id = o.enterprise_id
				AND w.indicator_code = weights.weight_code AND w.superseded_by IS NULL
			WHERE o.pilot_id = @pilot AND o.period = @period AND o.superseded_by IS NULL AND o.enterprise_id IS NOT NULL
		),
		mean AS (
			SELECT indicator_code,
				CASE WHEN COUNT(weight) = COUNT(*) AND SUM(weight) > 0 THEN SUM(value * weight) / SUM(weight) ELSE AVG(value) END AS value,
				COUNT(*) AS n
			FROM ent GROUP BY indicator_code
		)
		INSERT INTO rollups (pilot_id, period, indicator_code, value, enterprise_sum, enterprises, revision_id)
		SELECT @pilot, @period, code, COALESCE(pilot.value, mean.value), mean.value, COALESCE(mean.n, 0), @revision
		FROM weights
		LEFT JOIN observations pilot ON pilot.pilot_id = @pilot AND pilot.period = @period AND pilot.indicator_code = weights.code
			AND pilot.enterprise_id IS NULL AND pilot.superseded_by IS NULL
		LEFT JOIN mean ON mean.indicator_code = weights.code
		WHERE pilot.value IS NOT NULL OR mean.value IS NOT NULL`);

	/** Writes the pilot's changes; returns the revisions it created. */
	return function writePilot(pilot: PilotContext, store: RowStore, order: Int32Array, cmp: PilotComparison) {
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
		for (let k = 0; k < cmp.to - cmp.from; k++) {
			if (cmp.status[k] === UNCHANGED) continue;
			const i = order[cmp.from + k];
			const p = store.period[i];
			if (cmp.oldId[k]) close.run(revision[p], cmp.oldId[k]);
			const e = store.enterprise[i];
			insert.run(
				pilot.id,
				pilot.periods[p],
				e === 0 ? null : e,
				INDICATORS[store.indicator[i]].code,
				store.value[i],
				store.noteOf(i),
				revision[p]
			);
		}
		if (created.length) markStale.run(pilot.id);
		for (let p = 0; p < 4; p++) {
			if (!revision[p]) continue;
			clearRollup.run(pilot.id, pilot.periods[p]);
			fillRollup.run(revision[p], pilot.id, pilot.periods[p]);
			fillRateRollup.run({ revision: revision[p], pilot: pilot.id, period: pilot.periods[p] });
		}
		return created;
	};
}
