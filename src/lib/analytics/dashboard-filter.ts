/**
 * The dashboard's filter and view settings, read from and written to the URL so that every view is a link that can
 * be bookmarked and shared, and the back button steps through views. Shared by the server loads and the pages.
 */
import { INDICATOR_GROUPS, type IndicatorGroup } from '../domain/indicators';
import { parsePeriod, periodKey } from '../domain/periods';

/** The pilot facets the dashboard filters by; the same names and values as the pilot list's, so drill-downs carry over. */
export const DASHBOARD_FACETS = ['batch', 'category', 'industry', 'region', 'basin', 'province'] as const;
export type DashboardFacet = (typeof DASHBOARD_FACETS)[number];

export type DashboardFilter = Partial<Record<DashboardFacet, string>> & {
	/** First and last quarter (YYYYQn) of the period range; open when absent. */
	from?: string;
	to?: string;
	group?: IndicatorGroup;
	/** '1': count only the quarters a province has approved (reviewed figures), not every submitted value. */
	approved?: '1';
};

/** What the breakdown and the map group by and measure. */
export const DIMENSIONS = ['industry', 'region', 'basin', 'category', 'province', 'batch'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const VALUE = /^[\w:.\-\u4e00-\u9fff]{1,64}$/;

/** The filter in `params`; values of the wrong shape are dropped, never guessed. A reversed range is put in order. */
export function dashboardFilterFromUrl(params: URLSearchParams): DashboardFilter {
	const filter: DashboardFilter = {};
	for (const facet of DASHBOARD_FACETS) {
		const v = params.get(facet);
		if (v && VALUE.test(v)) filter[facet] = v;
	}
	const from = parsePeriod(params.get('from') ?? '');
	const to = parsePeriod(params.get('to') ?? '');
	if (from) filter.from = periodKey(from);
	if (to) filter.to = periodKey(to);
	if (filter.from && filter.to && filter.from > filter.to) [filter.from, filter.to] = [filter.to, filter.from];
	const group = params.get('group');
	if (group && (INDICATOR_GROUPS as readonly string[]).includes(group)) filter.group = group as IndicatorGroup;
	if (params.get('approved') === '1') filter.approved = '1';
	return filter;
}

/** `?a=b&…` for the filter plus view settings (undefined and empty values left out); '' when there is nothing. */
export function dashboardQuery(filter: DashboardFilter, extra: Record<string, string | undefined> = {}): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(key, value);
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** The pilot list filtered like the dashboard (its pilot facets) and narrowed to `facet = value`. */
export function pilotListHref(filter: DashboardFilter, narrow: Partial<Record<DashboardFacet, string>> = {}): string {
	const params = new URLSearchParams();
	for (const facet of DASHBOARD_FACETS) {
		const value = narrow[facet] ?? filter[facet];
		if (value) params.set(facet, value);
	}
	const text = params.toString();
	return text ? `/pilots?${text}` : '/pilots';
}

/** True when the filter narrows anything. */
export function isFiltered(filter: DashboardFilter): boolean {
	return Object.values(filter).some((v) => v !== undefined && v !== '');
}
