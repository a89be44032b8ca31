/**
 * A published case's charts: per indicator, the reported value of each approved quarter beside the quarterly
 * baseline, and as its table the same figures with their provenance (revision, sha256, approver's display name, date). Pure;
 * the live gallery and the static export both render these to SVG on the server.
 */
import { lineChart, type ChartSpec } from '../../charts/dashboard-charts';
import type { ChartTable } from '../../charts/chart-table';
import { formatNumber, translator, type Locale } from '../../i18n';
import { formatPeriodKey } from '../../domain/periods';
import { labels } from '../../i18n/labels';
import type { FrozenIndicator } from '../content';

/** The chart and its provenance table for one frozen indicator. */
export function caseChart(indicator: FrozenIndicator, locale: Locale): ChartSpec & { title: string } {
	const t = translator(locale);
	const unit = indicator.unit;
	const name = labels.indicator(locale, indicator.code);
	const quarterly = indicator.baseline === null ? null : indicator.baseline / 4;
	const spec = lineChart({
		periods: indicator.points.map((p) => ({ key: p.period, label: formatPeriodKey(p.period, locale) })),
		lines: [
			{ name: labels.withUnit(locale, t('gallery.reported'), unit), values: indicator.points.map((p) => p.value) },
			...(quarterly === null
				? []
				: [
						{
							name: labels.withUnit(locale, t('gallery.baseline'), unit),
							values: indicator.points.map(() => quarterly)
						}
					])
		],
		format: (v) => (v === null ? '—' : formatNumber(locale, v, 2)),
		periodLabel: t('dash.period')
	});
	const table: ChartTable = {
		columns: [
			{ key: 'period', label: t('dash.period') },
			{ key: 'value', label: labels.withUnit(locale, t('gallery.reported'), unit), isNumeric: true },
			{ key: 'improvement', label: labels.withUnit(locale, t('gallery.improvement'), unit), isNumeric: true },
			{ key: 'revision', label: t('gallery.revision'), isNumeric: true },
			{ key: 'sha256', label: 'SHA-256' },
			{ key: 'approvedBy', label: t('gallery.approvedBy') },
			{ key: 'approvedOn', label: t('gallery.approvedOn') }
		],
		rows: indicator.points.map((p) => ({
			period: p.period,
			value: p.value,
			improvement: p.improvement,
			revision: p.revision,
			sha256: p.sha256,
			approvedBy: p.approvedBy,
			approvedOn: p.approvedOn
		}))
	};
	// not from zero: a case shows change, and a 3 % cut on a large baseline must stay visible
	const option = { ...spec.option, yAxis: { ...(spec.option.yAxis as object), scale: true } };
	return { ...spec, option, table, title: labels.withUnit(locale, name, unit) };
}
