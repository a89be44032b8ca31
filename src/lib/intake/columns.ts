/** The quarterly indicator file: long format, one value per row, zh or en headers. */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.
import type { ColumnSpec } from '../server/csv/table';

const col = (key: string, required: boolean, ...aliases: string[]): ColumnSpec => ({ key, aliases, required });

export const INTAKE_COLUMNS: readonly ColumnSpec[] = [
	col('pilot_code', true, '试点编号'),
	col('enterprise_code', true, '企业编号'),
	col('period', true, '报告期'),
	col('indicator_code', true, '指标代码', '指标'),
	col('value', true, '数值'),
	col('unit', true, '单位'),
	col('note', false, '备注')
];

/** Headers for templates and reports, per language. */
export function intakeHeaders(lang: 'zh' | 'en'): string[] {
	return INTAKE_COLUMNS.map((c) => (lang === 'en' ? c.key : c.aliases[0]));
}
