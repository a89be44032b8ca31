/** What a chart shows, read without ECharts: the page carries it without loading the library. */
import type { EChartsOption } from './echarts';

/** One series as exposed to tests: its name and its data exactly as given to ECharts. */
export type SeriesSummary = { name: string | null; data: unknown[] };

/**
 * The names and data of the option's series, in order (`series` may be one object or a list);
 * what `Chart.svelte` puts in `data-series`, so e2e tests can read the chart without pixels.
 */
export function seriesSummary(option: EChartsOption): SeriesSummary[] {
	const series = option.series === undefined ? [] : Array.isArray(option.series) ? option.series : [option.series];
	return series.map((s) => ({
		name: s.name === undefined ? null : String(s.name),
		data: Array.isArray(s.data) ? [...s.data] : []
	}));
}
