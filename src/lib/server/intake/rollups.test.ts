/**
 * The roll-ups an import writes, computed in memory from the file's rows, against the same roll-ups computed by
 * SQL over the stored current values (the queries the intake used before): amounts summed or taken at pilot level,
 * rates weighted when every enterprise has a weight, plainly averaged when one lacks it or the weights sum to 0.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importIndicators } from './index';
import { intakeFile, intakeTestDb, TEST_TODAY } from '../testing';

/** The roll-ups of one pilot's quarter by SQL over the current observations: the oracle. */
const ORACLE = `
	WITH weights(code, weight_code) AS (
		VALUES ('solid_waste_use_rate', 'solid_waste'), ('water_reuse_rate', NULL), ('option_implementation_rate', NULL)
	),
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
	SELECT indicator_code AS c, COALESCE(MAX(CASE WHEN enterprise_id IS NULL THEN value END), SUM(value)) AS value,
		SUM(CASE WHEN enterprise_id IS NOT NULL THEN value END) AS enterprise_sum, COUNT(enterprise_id) AS enterprises
	FROM observations WHERE pilot_id = @pilot AND period = @period AND superseded_by IS NULL
		AND indicator_code NOT IN (SELECT code FROM weights)
	GROUP BY indicator_code
	UNION ALL
	SELECT code, COALESCE(pilot.value, mean.value), mean.value, COALESCE(mean.n, 0)
	FROM weights
	LEFT JOIN observations pilot ON pilot.pilot_id = @pilot AND pilot.period = @period AND pilot.indicator_code = weights.code
		AND pilot.enterprise_id IS NULL AND pilot.superseded_by IS NULL
	LEFT JOIN mean ON mean.indicator_code = weights.code
	WHERE pilot.value IS NOT NULL OR mean.value IS NOT NULL
	ORDER BY 1`;

describe('roll-ups from the file’s rows', () => {
	it('match SQL’s own aggregates over the stored values, through a second import that changes and drops rows', async () => {
		const t = intakeTestDb();
		const dataDir = mkdtempSync(join(tmpdir(), 'rollups-'));
		const send = (rows: string[]) =>
			importIndicators(t.db, intakeFile(rows), {
				user: t.users.imp1,
				dryRun: false,
				fileName: 'q.csv',
				channel: 'web',
				today: TEST_TODAY,
				dataDir
			});
		const first = await send([
			// amounts: enterprises only, pilot level with enterprises, sums that naive addition gets wrong
			'Q-1,E01,2025Q3,voc,0.1,t,',
			'Q-1,E02,2025Q3,voc,0.2,t,',
			'Q-1,E03,2025Q3,voc,0.3,t,',
			'Q-1,,2025Q3,energy,900,tce,',
			'Q-1,E01,2025Q3,energy,400,tce,',
			// a weighted rate (every enterprise has its solid waste), and one whose weights are missing for E03
			'Q-1,E01,2025Q3,solid_waste,10,t,',
			'Q-1,E02,2025Q3,solid_waste,30,t,',
			'Q-1,E01,2025Q3,solid_waste_use_rate,50,%,',
			'Q-1,E02,2025Q3,solid_waste_use_rate,90,%,',
			'Q-1,E01,2025Q4,solid_waste,10,t,',
			'Q-1,E01,2025Q4,solid_waste_use_rate,40,%,',
			'Q-1,E03,2025Q4,solid_waste_use_rate,80,%,',
			// a plain mean, and a rate given at pilot level beside its enterprises
			'Q-1,E01,2025Q4,water_reuse_rate,70,%,',
			'Q-1,E02,2025Q4,water_reuse_rate,75.5,%,',
			'Q-1,,2025Q4,option_implementation_rate,60,%,',
			'Q-1,E02,2025Q4,option_implementation_rate,20,%,'
		]);
		expect(first.errorCount).toBe(0);
		const second = await send([
			// Q3 again: a value changed, E03's voc dropped, weights that sum to 0
			'Q-1,E01,2025Q3,voc,0.7,t,',
			'Q-1,E02,2025Q3,voc,0.2,t,',
			'Q-1,E01,2025Q3,solid_waste,0,t,',
			'Q-1,E02,2025Q3,solid_waste,0,t,',
			'Q-1,E01,2025Q3,solid_waste_use_rate,50,%,',
			'Q-1,E02,2025Q3,solid_waste_use_rate,90,%,'
		]);
		expect(second.errorCount).toBe(0);
		const pilot = (t.sqlite.prepare("SELECT id FROM pilots WHERE code = 'Q-1'").get() as { id: number }).id;
		for (const period of ['2025Q3', '2025Q4']) {
			const stored = t.sqlite
				.prepare(
					'SELECT indicator_code AS c, value, enterprise_sum, enterprises FROM rollups WHERE pilot_id = ? AND period = ? ORDER BY 1'
				)
				.all(pilot, period);
			const oracle = t.sqlite.prepare(ORACLE).all({ pilot, period });
			expect(stored.length).toBeGreaterThan(2);
			expect(stored).toEqual(oracle);
		}
		// the figures themselves, for the reader: a compensated sum, a weighted mean, a plain mean for want of a weight
		const of = (period: string, c: string) =>
			t.sqlite
				.prepare(
					'SELECT value, enterprise_sum AS e FROM rollups WHERE pilot_id = ? AND period = ? AND indicator_code = ?'
				)
				.get(pilot, period, c);
		expect(of('2025Q3', 'voc')).toEqual({ value: 0.8999999999999999, e: 0.8999999999999999 });
		expect(of('2025Q3', 'solid_waste_use_rate')).toEqual({ value: 70, e: 70 });
		expect(of('2025Q4', 'solid_waste_use_rate')).toEqual({ value: 60, e: 60 });
		expect(of('2025Q4', 'option_implementation_rate')).toEqual({ value: 60, e: 20 });
	});
});
