/**
 * A pilot's progress as the programme asks it: the reporting calendar, each indicator's progress
 * against its target, the group and overall status, and the doubtful values — computed from the
 * roll-ups the intake keeps, with the pure functions of src/lib/domain.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { revisions, rollups, uploads } from '../db/schema';
import * as analytics from '../analytics/analytics';
import { INDICATORS, indicatorByCode } from '../../domain/indicators';
import {
	calendar,
	isTermOver as termIsOver,
	quartersDue as countDue,
	reportSummary,
	type CalendarEntry
} from '../../domain/calendar';
import { groupProgress, indicatorProgress, overallProgress, type IndicatorProgressInput } from '../../domain/progress';
import { exceedsBaseline, jumps, relativeChanges, unitSlips, type DoubtFlag } from '../../domain/doubtful';
import { periodKey, termQuarters } from '../../domain/periods';
import type * as pilots from '../registry/pilots';
import * as openings from '../intake/openings';

/** What progress needs of a pilot: the full record of pilots.get, or the slimmer one of pilots.forProgress. */
type Pilot = Pick<
	NonNullable<ReturnType<typeof pilots.get>>,
	'id' | 'termStart' | 'termEnd' | 'batch' | 'indicators' | 'industries'
>;

export { chinaToday } from '../ops/clock';
import { chinaToday } from '../ops/clock';

/** Period → the China date of the first upload that made a revision of it. */
function firstSubmissions(db: Db, pilotId: number): Record<string, string> {
	const rows = db
		.select({ period: revisions.period, at: sql<number>`MIN(${uploads.at})` })
		.from(revisions)
		.innerJoin(uploads, eq(uploads.id, revisions.uploadId))
		.where(eq(revisions.pilotId, pilotId))
		.groupBy(revisions.period)
		.all();
	return Object.fromEntries(rows.map((r) => [r.period, chinaToday(r.at)]));
}

/**
 * Quarter-on-quarter changes of the same indicator at other pilots of the same primary industry, from the dashboard's
 * in-memory read model of the roll-ups (kept up to date on every request) rather than a query per indicator.
 */
function peerChanges(db: Db, pilotId: number, industry: string | undefined, code: string): number[] {
	if (!industry) return [];
	const out: number[] = [];
	for (const [id, data] of analytics.model(db).byPilot) {
		if (id === pilotId || !data.industries.includes(industry)) continue;
		const series = data.quarters.get(code);
		if (series) out.push(...relativeChanges(series));
	}
	return out;
}

export type PilotProgress = ReturnType<typeof pilotProgress>;

/**
 * Everything the pilot page, the API and the lists need about one pilot's progress on `today`. The doubtful-value
 * flags compare with industry peers, which costs a query per indicator; the cached list statuses skip them.
 */
export function pilotProgress(db: Db, pilot: Pilot, today = chinaToday(), options = { withFlags: true }) {
	if (!pilot.termStart) return null;
	const periods = termQuarters(pilot.termStart).map(periodKey);
	const cal: CalendarEntry[] = calendar(
		pilot.termStart,
		pilot.batch.dueOffsetDays,
		firstSubmissions(db, pilot.id),
		today,
		openings.periodsOf(db, pilot.id)
	);
	const due = countDue(cal);
	const isOver = due === 4 && termIsOver(pilot.termEnd ?? cal[3].end, today);
	const figures = db.select().from(rollups).where(eq(rollups.pilotId, pilot.id)).all();
	const flags: DoubtFlag[] = [];
	const indicators = pilot.indicators
		.map((row) => {
			const def = indicatorByCode(row.indicatorCode);
			if (!def) return null;
			const input: IndicatorProgressInput = {
				code: def.code,
				direction: def.direction,
				kind: def.kind,
				baseline: row.baseline,
				targetKind: row.targetKind as 'absolute' | 'percent' | null,
				targetValue: row.targetValue,
				values: periods.map((p) => figures.find((f) => f.period === p && f.indicatorCode === def.code)?.value ?? null)
			};
			const result = indicatorProgress(input, due, isOver);
			const ctx = { periods };
			if (options.withFlags)
				flags.push(
					...exceedsBaseline(input, due, ctx),
					...unitSlips(input, ctx),
					...jumps(
						periods.map((period, q) => ({ period, value: input.values[q] })),
						peerChanges(db, pilot.id, pilot.industries[0], def.code),
						def.code
					)
				);
			return {
				...result,
				unit: def.unit,
				direction: def.direction,
				kind: def.kind,
				group: def.group,
				values: input.values
			};
		})
		.filter((x) => x !== null)
		.sort((a, b) => INDICATORS.findIndex((i) => i.code === a.code) - INDICATORS.findIndex((i) => i.code === b.code));
	const groups = groupProgress(indicators, isOver);
	return {
		periods,
		calendar: cal,
		report: reportSummary(cal),
		quartersDue: due,
		isTermOver: isOver,
		indicators,
		groups,
		overall: overallProgress(groups, isOver),
		flags
	};
}
