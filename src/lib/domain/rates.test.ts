// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { factIndex, improvementOf, type Fact, type PilotRow } from './analytics';
import { RATE_CODES, rateSummaries } from './rates';

const pilot = (id: number): PilotRow => ({
	id,
	code: `P${id}`,
	nameZh: `试点${id}`,
	nameEn: null,
	batch: 1,
	category: 1,
	provinceCode: '32',
	airRegion: null,
	basin: null,
	industries: [],
	progressStatus: null,
	attainment: null,
	reportsDue: null,
	reportsOnTime: null,
	reportsLate: null,
	enterprises: 1,
	score: null,
	isCandidate: false
});
const fact = (pilotId: number, code: string, latestValue: number, baseline: number | null, quarters = 2): Fact => ({
	pilotId,
	indicatorCode: code,
	quarters,
	sum: latestValue * quarters,
	latestValue,
	baseline
});

describe('rateSummaries', () => {
	it('averages the latest levels and the changes from baseline in percentage points, never summing', () => {
		const facts = factIndex([
			fact(1, 'water_reuse_rate', 80, 70), // +10 pp
			fact(2, 'water_reuse_rate', 60, 58), // +2 pp
			fact(3, 'water_reuse_rate', 91, null), // no baseline: in the level mean only
			fact(1, 'solid_waste_use_rate', 50, 40)
		]);
		const rows = rateSummaries([pilot(1), pilot(2), pilot(3)], facts);
		expect(rows.map((r) => r.code)).toEqual(RATE_CODES);
		const water = rows.find((r) => r.code === 'water_reuse_rate')!;
		expect(water).toEqual({
			code: 'water_reuse_rate',
			pilots: 3,
			meanLatest: 77,
			meanBaseline: 64,
			meanChange: 6,
			withBaseline: 2
		});
		expect(rows.find((r) => r.code === 'option_implementation_rate')).toMatchObject({ pilots: 0, meanLatest: null });
	});

	it('keeps rates out of the summed improvements of the breakdowns', () => {
		expect(improvementOf(fact(1, 'water_reuse_rate', 80, 70))).toBeNull();
	});
});
