/** The registry CSV files: three kinds, each told apart by its columns (zh or en headers). */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.
import type { ColumnSpec } from '../csv/table';

export type RegistryKind = 'pilots' | 'enterprises' | 'indicators';

const col = (key: string, required: boolean, ...aliases: string[]): ColumnSpec => ({ key, aliases, required });

export const COLUMNS: Record<RegistryKind, readonly ColumnSpec[]> = {
	pilots: [
		col('pilot_code', true, '试点编号', 'code'),
		col('batch', true, '批次'),
		col('name_zh', true, '试点名称', 'name'),
		col('name_en', false, '英文名称'),
		col('category', false, '试点类别', '类别'),
		col('province', false, '省份', '省级行政区'),
		col('air_region', false, '重点区域', '大气重点区域'),
		col('basin', false, '流域', '重点流域'),
		col('industries', false, '行业', 'industry'),
		col('body_name', false, '实施主体', '申报与实施主体'),
		col('body_type', false, '主体类型'),
		col('term_start', false, '实施起始日期', '起始日期'),
		col('term_end', false, '实施结束日期', '结束日期'),
		col('status', false, '状态'),
		col('status_date', false, '状态日期'),
		col('source_url', false, '来源', '来源链接'),
		col('inferred_fields', false, '推断字段'),
		col('note', false, '备注'),
		col('is_demo', false, '示例')
	],
	enterprises: [
		col('pilot_code', true, '试点编号'),
		col('enterprise_code', true, '企业编号'),
		col('enterprise_name', true, '企业名称', 'name_zh'),
		col('industry', false, '行业'),
		col('credit_code', false, '统一社会信用代码', '信用代码')
	],
	indicators: [
		col('pilot_code', true, '试点编号'),
		col('indicator_code', true, '指标代码', '指标', 'indicator'),
		col('base_year', false, '基准年'),
		col('baseline', false, '基准值'),
		col('unit', false, '单位'),
		col('target_kind', false, '目标类型'),
		col('target', false, '目标值', 'target_value')
	]
};

/** Headers written by the export, per language (the import accepts both). */
export function headers(kind: RegistryKind, lang: 'zh' | 'en'): string[] {
	return COLUMNS[kind].map((c) => (lang === 'en' ? c.key : c.aliases[0]));
}

function normalise(h: string): string {
	return h
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase();
}

/** Which kind of registry file a header row belongs to, or null when it is none of them. */
export function detectKind(headerRow: string[]): RegistryKind | null {
	const hs = new Set(headerRow.map(normalise));
	const has = (kind: RegistryKind, key: string) => {
		const spec = COLUMNS[kind].find((c) => c.key === key)!;
		return [spec.key, ...spec.aliases].some((a) => hs.has(normalise(a)));
	};
	if (has('enterprises', 'enterprise_code')) return 'enterprises';
	if (has('indicators', 'indicator_code')) return 'indicators';
	if (has('pilots', 'pilot_code') && (has('pilots', 'batch') || has('pilots', 'name_zh'))) return 'pilots';
	return null;
}
