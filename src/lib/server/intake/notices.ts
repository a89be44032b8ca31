/**
 * Notices: what the intake changed on the way in without refusing it — units converted, numbers written with
 * full-width digits, thousands separators or an exponent, periods written another way, percent signs and
 * indicators named by their name. Each kind (and unit pair, period form, name) is one notice with its count and
 * rows, so that nothing is changed without a word.
 */
import { rowRanges } from '../../csv/ranges';

/** Re-exported for the intake's tests, which check the ranges beside the notices that use them. */
export { rowRanges };

export const NOTICES = {
	N_UNIT_CONVERTED: {
		zh: '{count} 个数值已由 {from} 换算为 {to}：第 {rows} 行',
		en: '{count} values converted from {from} to {to}: rows {rows}'
	},
	N_FULL_WIDTH: {
		zh: '{count} 个数值含全角数字或符号，已按半角读取：第 {rows} 行',
		en: '{count} values with full-width digits or signs read as ordinary ones: rows {rows}'
	},
	N_THOUSANDS_SEPARATOR: {
		zh: '{count} 个数值含千位分隔符，已按不含分隔符读取（如 1,234.5 → 1234.5）：第 {rows} 行',
		en: '{count} values with thousands separators read without them (e.g. 1,234.5 → 1234.5): rows {rows}'
	},
	N_EXPONENT: {
		zh: '{count} 个数值以科学计数法书写，已展开（如 1.5e3 → 1500）：第 {rows} 行',
		en: '{count} values in scientific notation expanded (e.g. 1.5e3 → 1500): rows {rows}'
	},
	N_PERCENT_SIGN: {
		zh: '{count} 个比率带百分号，已按百分数读取（如 95% → 95）：第 {rows} 行',
		en: '{count} rates with a percent sign read as percentages (e.g. 95% → 95): rows {rows}'
	},
	N_PERIOD_FORM: {
		zh: '{count} 个报告期写作“{from}”，已读作 {to}：第 {rows} 行',
		en: '{count} periods written "{from}" read as {to}: rows {rows}'
	},
	N_INDICATOR_NAME: {
		zh: '{count} 行以名称“{from}”填写指标，已读作指标代码 {to}：第 {rows} 行',
		en: '{count} rows name the indicator "{from}", read as the code {to}: rows {rows}'
	},
	N_FORMULA_VALUE: {
		zh: '{count} 个单元格是公式，已使用其计算结果（列“{from}”）：第 {rows} 行',
		en: '{count} cells in column "{from}" hold formulas: used the calculated value: rows {rows}'
	},
	N_DATE_TEXT: {
		zh: '{count} 个日期单元格已按 YYYY-MM-DD 读作文字（列“{from}”）：第 {rows} 行',
		en: '{count} date cells in column "{from}" read as YYYY-MM-DD text: rows {rows}'
	}
} as const;

export type NoticeCode = keyof typeof NOTICES;

export type Notice = {
	code: NoticeCode;
	count: number;
	/** The first rows it concerns (at most MAX_ROWS), in file order. */
	rows: number[];
	/** What was read as what, where it applies (units, period form, name). */
	from: string | null;
	to: string | null;
	zh: string;
	en: string;
};

/** Rows a notice lists; its count always covers all of them. */
const MAX_ROWS = 1000;

function fill(text: string, params: Record<string, string | number>): string {
	return text.replace(/\{(\w+)\}/g, (m, key: string) => (key in params ? String(params[key]) : m));
}

type Entry = { code: NoticeCode; from: string | null; to: string | null; count: number; rows: number[] };

/** Collects notices while rows are read; `list()` gives one notice per kind and pair, in order of first sight. */
export class NoticeCollector {
	private entries = new Map<string, Entry>();

	add(code: NoticeCode, row: number, from: string | null = null, to: string | null = null): void {
		const key = `${code}\u0000${from ?? ''}\u0000${to ?? ''}`;
		let entry = this.entries.get(key);
		if (!entry) this.entries.set(key, (entry = { code, from, to, count: 0, rows: [] }));
		entry.count++;
		if (entry.rows.length < MAX_ROWS) entry.rows.push(row);
	}

	list(): Notice[] {
		return [...this.entries.values()].map((e) => {
			const params = { count: e.count, from: e.from ?? '', to: e.to ?? '', rows: rowRanges(e.rows, e.count) };
			return {
				code: e.code,
				count: e.count,
				rows: e.rows,
				from: e.from,
				to: e.to,
				zh: fill(NOTICES[e.code].zh, params),
				en: fill(NOTICES[e.code].en, params)
			};
		});
	}
}
