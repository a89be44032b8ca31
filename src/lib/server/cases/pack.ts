/**
 * The term-end evaluation pack of one pilot (the ministry's 评估 step): targets against what was achieved per indicator
 * group and indicator, reporting completeness, the approval trail, the audit's input-output figures, the replicable-case
 * score and one trajectory chart per indicator drawn to SVG here, so the pack prints and exports without JavaScript.
 * Built only from existing modules; the result is plain data (it crosses to the page and into the CLI's renderer).
 */
import type { Db } from '../db';
import type { Scope } from '../auth/access';
import * as pilots from '../registry/pilots';
import * as review from '../review/review';
import * as scores from '../analytics/scores';
import * as analytics from '../analytics/analytics';
import { chinaToday, pilotProgress } from '../progress/progress';
import { refreshStale } from '../progress/statuses';
import { auditInputOutput, type Facts } from '../../domain/analytics';
import { indicatorByCode } from '../../domain/indicators';
import type { ReviewState } from '../../domain/review';
import { renderSvg, type EChartsOption } from '../../charts/echarts';
import { indicatorTrajectoryOption } from '../../charts/indicator-trajectory';
import { trajectoryInput } from '../../charts/trajectory-input';
import type { Locale } from '../../i18n';

/** The print width of a chart: A4 portrait less 15 mm margins is 180 mm ≈ 680 CSS px, so charts print at 1:1. */
export const PACK_CHART_SIZE = { width: 680, height: 260 } as const;

export type PackOptions = {
	/** The day the pack is built on (statuses, due quarters); China's today by default. */
	today?: string;
	/** Whether to include the replicable-case score; the pilot page leaves it out for implementers. */
	withScore?: boolean;
};

export type Pack = NonNullable<ReturnType<typeof packOf>>;

/**
 * The trajectory option, with the first and last quarter labels aligned inwards: the x axis has no boundary gap, so at
 * print width they would overhang the chart's edges and be cut off.
 */
function printOption(option: EChartsOption): EChartsOption {
	const xAxis = option.xAxis;
	if (!xAxis || Array.isArray(xAxis)) return option;
	return { ...option, xAxis: { ...xAxis, axisLabel: { alignMinLabel: 'left', alignMaxLabel: 'right' } } };
}

/** The latest value of a cumulative audit indicator (a running total), null when never reported. */
function latestOf(facts: Facts | undefined, pilotId: number, code: string): number | null {
	return facts?.get(pilotId)?.get(code)?.latestValue ?? null;
}

/**
 * The pack of the pilot `code` as seen within `scope`, or null when the pilot does not exist or lies outside the scope
 * (callers answer 404 either way). Chart titles and legends are in `locale`; everything else is data for the view.
 */
export function packOf(db: Db, scope: Scope, code: string, locale: Locale, options: PackOptions = {}) {
	const pilot = pilots.get(db, scope, code);
	if (!pilot) return null;
	const today = options.today ?? chinaToday();
	// the score and the statuses behind it are cached; bring them up to date first, as the lists and dashboards do
	if (options.withScore !== false) refreshStale(db, today);
	const progress = pilotProgress(db, pilot, today, { withFlags: false });
	const states = review.statesOf(db, pilot.id);
	const periods = progress?.periods ?? [];
	const events = review.eventsOf(db, pilot.id);

	// the same facts and ratio definitions as the dashboard's audit view, for this one pilot
	const row = analytics.pilotRows(db, scope, {}).find((r) => r.id === pilot.id);
	const facts = row ? analytics.facts(db, [row], {}) : undefined;
	const ratios = row && facts ? auditInputOutput([row], facts, 'batch')[0] : undefined;

	const indicators = (progress?.indicators ?? []).map((i) => ({
		code: i.code,
		group: i.group,
		unit: i.unit,
		direction: i.direction,
		kind: i.kind,
		baseline: i.baseline,
		target: i.target,
		expectedToDate: i.expectedToDate,
		progress: i.progress,
		attainment: i.attainment,
		status: i.status,
		values: i.values
	}));

	return {
		generatedOn: today,
		locale,
		pilot: {
			code: pilot.code,
			nameZh: pilot.nameZh,
			nameEn: pilot.nameEn,
			isDemo: pilot.isDemo,
			batch: { number: pilot.batch.number, nameZh: pilot.batch.nameZh, nameEn: pilot.batch.nameEn },
			category: pilot.category,
			provinceCode: pilot.provinceCode,
			status: pilot.status,
			termStart: pilot.termStart,
			termEnd: pilot.termEnd
		},
		periods,
		/** Review state per term quarter (draft when never submitted). */
		states: Object.fromEntries(periods.map((p) => [p, states[p]?.state ?? 'draft'])) as Record<string, ReviewState>,
		approved: periods.filter((p) => states[p]?.state === 'approved'),
		progress: progress && {
			quartersDue: progress.quartersDue,
			isTermOver: progress.isTermOver,
			overall: progress.overall,
			groups: progress.groups.filter((g) => g.indicators > 0),
			indicators
		},
		calendar: progress?.calendar ?? [],
		report: progress?.report.counts ?? null,
		// per term quarter, oldest first: a trail reads forwards
		trail: periods.map((period) => ({
			period,
			state: states[period]?.state ?? 'draft',
			events: events
				.filter((e) => e.period === period)
				.reverse()
				.map((e) => ({ id: e.id, at: e.at, actor: e.actor, action: e.action, comment: e.comment }))
		})),
		audit: {
			enterprisesCovered: latestOf(facts, pilot.id, 'enterprises_covered'),
			auditCost: latestOf(facts, pilot.id, 'audit_cost'),
			auditDays: latestOf(facts, pilot.id, 'audit_days'),
			costPerEnterprise: ratios?.costPer ?? null,
			daysPerEnterprise: ratios?.daysPer ?? null,
			lowCostOptions: latestOf(facts, pilot.id, 'low_cost_options'),
			highCostOptions: latestOf(facts, pilot.id, 'high_cost_options')
		},
		score: options.withScore === false ? null : scores.ofPilot(db, pilot.id),
		charts: indicators.map((i) => {
			const title = indicatorByCode(i.code)?.name[locale] ?? i.code;
			const option = printOption(indicatorTrajectoryOption(trajectoryInput(i, periods, title, locale)));
			return { code: i.code, title, svg: renderSvg(option, PACK_CHART_SIZE) };
		})
	};
}
