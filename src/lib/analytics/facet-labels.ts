/** How a filter value reads in a facet's menu and in the dashboard's breakdowns, in the locale. */
import { translator, type Locale } from '../i18n';
import { labels } from '../i18n/labels';
import type { Facet } from '../registry/pilot-filter';

type Batch = { number: number; nameZh: string; nameEn: string };

/** Per facet, the label of a value ('unknown' reads 未知; 'other' the free "other" industries). */
export function facetLabeller(locale: Locale, batches: readonly Batch[]): Record<Facet, (value: string) => string> {
	const t = translator(locale);
	const known = (f: (v: string) => string) => (v: string) => (v === 'unknown' ? t('common.unknown') : f(v));
	return {
		batch: (v) => {
			const b = batches.find((x) => String(x.number) === v);
			return b ? labels.batch(locale, b) : v;
		},
		category: known((v) => labels.categoryShort(locale, Number(v))),
		industry: known((v) => (v === 'other' ? t('filter.otherIndustries') : labels.industry(locale, v))),
		province: known((v) => labels.province(locale, v)),
		region: known((v) => labels.region(locale, v)),
		basin: known((v) => labels.basin(locale, v)),
		status: (v) => labels.status(locale, v),
		progress: known((v) => t(`progress.status.${v as 'on_track'}`)),
		report: known((v) => t(`report.status.${v as 'late'}`))
	};
}
