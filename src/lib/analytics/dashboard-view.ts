/**
 * Labels, number formats and drill-down links for the dashboard's metrics, shared by its pages so that a metric reads
 * and formats the same in a chart, its table, the map and the headline.
 */
import { formatNumber, translator, type Locale } from '../i18n';
import { labels } from '../i18n/labels';
import { INDICATORS, indicatorByCode } from '../domain/indicators';
import { pilotListHref, type DashboardFacet, type DashboardFilter } from './dashboard-filter';
import { formatPeriodKey } from '../domain/periods';
import { barChart, lineChart } from '../charts/dashboard-charts';

/** Indicators whose improvement can be summed (not the neutral inputs). */
export const IMPROVEMENT_CODES = INDICATORS.filter((i) => i.direction !== 'neutral').map((i) => i.code);
export const METRICS = ['pilots', 'candidates', 'attainment', 'score', ...IMPROVEMENT_CODES] as const;

/** What a metric is called, with its unit: 'VOCs 削减量（t）'. */
export function metricLabel(locale: Locale, metric: string): string {
	const t = translator(locale);
	if (metric === 'pilots' || metric === 'candidates' || metric === 'attainment' || metric === 'score')
		return t(`dash.metric.${metric}`);
	const indicator = indicatorByCode(metric);
	if (!indicator) return metric;
	return t('dash.metric.improvement', { name: labels.indicator(locale, metric), unit: indicator.unit });
}

/** A formatter for the metric's values: counts as integers, attainment as a percentage, figures to 1–2 decimals. */
export function metricFormat(locale: Locale, metric: string): (v: number | null) => string {
	if (metric === 'attainment') return (v) => (v === null ? '—' : `${formatNumber(locale, v * 100, 0)}%`);
	if (metric === 'pilots' || metric === 'candidates') return (v) => (v === null ? '—' : formatNumber(locale, v, 0));
	if (metric === 'score') return (v) => (v === null ? '—' : formatNumber(locale, v, 1));
	return (v) => (v === null ? '—' : formatNumber(locale, v, Math.abs(v) >= 100 ? 0 : 2));
}

/** A figure in the indicator's unit, compactly: 12,345 t. */
export function figure(locale: Locale, v: number | null, unit: string): string {
	return v === null ? '—' : `${formatNumber(locale, v, Math.abs(v) >= 100 ? 0 : 2)} ${unit}`;
}

/** The pilot list behind a bar or cell: the dashboard's filter narrowed to the item. */
export function drillHref(filter: DashboardFilter, by: string, key: string): string {
	return pilotListHref(filter, { [by as DashboardFacet]: key });
}

type MatrixRow = { key: string; pilots: number; candidates: number; value: number | null };

/** Grouped bars of a matrix (one series per indicator, one bar group per key), linked to the filtered pilot list. */
export function matrixChart(
	locale: Locale,
	matrix: { code: string; rows: MatrixRow[] }[],
	by: string,
	filter: DashboardFilter,
	keyLabel: (key: string) => string
) {
	const t = translator(locale);
	const rows = matrix[0]?.rows ?? [];
	return barChart({
		categories: rows.map((r) => ({
			key: r.key,
			label: keyLabel(r.key),
			href: drillHref(filter, by, r.key),
			candidates: r.candidates
		})),
		series: matrix.map((m) => ({
			name: labels.withUnit(locale, labels.indicator(locale, m.code), indicatorByCode(m.code)?.unit ?? ''),
			values: m.rows.map((r) => r.value)
		})),
		format: (v) => (v === null ? '—' : formatNumber(locale, v, 1)),
		categoryLabel: t(`filter.${by as DashboardFacet}`),
		candidatesLabel: t('dash.candidates'),
		isHorizontal: rows.length > 6
	});
}

/** One line per indicator over the quarters. */
export function quarterChart(
	locale: Locale,
	series: { periods: string[]; lines: { code: string; values: (number | null)[] }[] }
) {
	return lineChart({
		periods: series.periods.map((p) => ({ key: p, label: formatPeriodKey(p, locale) })),
		lines: series.lines.map((l) => ({
			name: labels.withUnit(locale, labels.indicator(locale, l.code), indicatorByCode(l.code)?.unit ?? ''),
			values: l.values
		})),
		format: (v) => (v === null ? '—' : formatNumber(locale, v, 1)),
		periodLabel: translator(locale)('dash.period')
	});
}
