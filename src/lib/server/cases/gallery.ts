/**
 * What the public gallery shows, shared by the live pages and the static export: published cases with their charts
 * rendered to SVG on the server (ECharts SSR, the same builders), each chart's data as CSV and JSON, and the
 * programme-level figures. Nothing here reads a draft, an unpublished pilot or an enterprise.
 */
import { count, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { pilots } from '../db/schema';
import * as cases from './cases';
import { renderSvg } from '../../charts/echarts';
import { tableCsv, tableJson } from '../../charts/chart-table';
import { caseChart } from '../../cases/gallery/case-charts';
import type { PublishedCase } from '../../cases/content';
import type { Locale } from '../../i18n';

export const CHART_SIZE = { width: 720, height: 300 };

export type CaseChartFile = { code: string; title: string; svg: string; csv: string; json: string };

/** Each chosen indicator's chart as SVG, with its figures and provenance as CSV (BOM, formula-safe) and JSON. */
export function chartsOf(c: PublishedCase, locale: Locale): CaseChartFile[] {
	return c.indicators
		.filter((i) => i.points.length > 0)
		.map((indicator) => {
			const spec = caseChart(indicator, locale);
			return {
				code: indicator.code,
				title: spec.title,
				svg: renderSvg(spec.option, CHART_SIZE),
				csv: tableCsv(spec.table),
				json: tableJson(spec.table)
			};
		});
}

/** Programme-level figures only: how many pilots and provinces, how many cases are published. */
export function programme(db: DbOrTx) {
	const p = db
		.select({ n: count(), provinces: sql<number>`COUNT(DISTINCT ${pilots.provinceCode})` })
		.from(pilots)
		.get()!;
	return { pilots: p.n, provinces: p.provinces, published: cases.published(db).length };
}
