/** The deliverables catalogue as CSV for analysts: bilingual headers, values in the caller's language, Excel-safe. */
import { toCsv } from '../../csv/write';
import { DELIVERABLE_KIND_LABELS, isDeliverableKind } from '../../domain/evaluation/deliverables';
import { provinceLabel } from '../../domain/provinces';
import type { CatalogueRow } from './deliverables-catalogue';

const FIELDS = [
	'编号 id',
	'试点编号 pilot code',
	'试点名称 pilot name',
	'省份 province',
	'批次 batch',
	'示例 demo',
	'类型 kind',
	'中文标题 title (zh)',
	'英文标题 title (en)',
	'日期 date',
	'链接 link',
	'文件 file',
	'大小（字节） size (bytes)',
	'公开 public',
	'摘要 abstract'
];

/** The catalogue as a table: its fields and one row per entry, in its order (for the CSV and the workbook). */
export function catalogueTable(rows: readonly CatalogueRow[], locale: 'zh' | 'en') {
	const yes = (b: boolean) => (b ? (locale === 'en' ? 'yes' : '是') : locale === 'en' ? 'no' : '否');
	return {
		fields: FIELDS,
		rows: rows.map((r) => [
			r.id,
			r.pilotCode,
			locale === 'en' && r.pilotNameEn ? r.pilotNameEn : r.pilotNameZh,
			provinceLabel(r.provinceCode, locale),
			r.batch,
			yes(r.isDemo),
			isDeliverableKind(r.kind) ? DELIVERABLE_KIND_LABELS[r.kind][locale] : r.kind,
			r.titleZh,
			r.titleEn,
			r.date,
			r.url,
			r.fileName,
			r.size,
			yes(r.isPublic),
			r.abstract
		])
	};
}

/** One line per row of the catalogue, in its order (BOM, CRLF, formula-safe cells via toCsv). */
export function catalogueCsv(rows: readonly CatalogueRow[], locale: 'zh' | 'en'): string {
	const table = catalogueTable(rows, locale);
	return toCsv(table.fields, table.rows);
}
