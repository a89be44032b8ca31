/**
 * The one ECharts entry point (STYLE rule 7): the only module that imports from `echarts/*`. It
 * registers just the series, components and renderer the app draws with, so the bundle carries
 * those and nothing else (never the full `echarts`). SVG everywhere: one renderer in the browser
 * and on the server, and the DOM stays inspectable in tests.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import {
	GridComponent,
	LegendComponent,
	MarkLineComponent,
	TitleComponent,
	TooltipComponent
} from 'echarts/components';
import type {
	GridComponentOption,
	LegendComponentOption,
	MarkLineComponentOption,
	TitleComponentOption,
	TooltipComponentOption
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
	LineChart,
	BarChart,
	ScatterChart,
	GridComponent,
	TooltipComponent,
	LegendComponent,
	MarkLineComponent,
	TitleComponent,
	SVGRenderer
]);

/** The option type for what is registered above; a series or component not listed here does not type-check. */
export type EChartsOption = echarts.ComposeOption<
	| LineSeriesOption
	| BarSeriesOption
	| ScatterSeriesOption
	| GridComponentOption
	| TooltipComponentOption
	| LegendComponentOption
	| MarkLineComponentOption
	| TitleComponentOption
>;

export { echarts };

/** An ECharts instance, for code that holds one without importing the library eagerly. */
export type EChartsInstance = echarts.ECharts;

/**
 * The chart as a standalone SVG document string, rendered without a DOM (server, tests, static
 * exports). The instance is always disposed, also when setOption throws.
 */
export function renderSvg(option: EChartsOption, size: { width: number; height: number }): string {
	const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
	try {
		chart.setOption(option, { notMerge: true });
		return chart.renderToSVGString();
	} finally {
		chart.dispose();
	}
}

export { seriesSummary, type SeriesSummary } from './series-summary';
