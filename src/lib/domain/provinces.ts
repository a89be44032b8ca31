/**
 * Provincial units: the 31 GB/T 2260 provinces plus 新疆生产建设兵团 under our own key 'XPCC'.
 * Pure functions over the generated reference data (see reference/README.md).
 */
import { PROVINCES, type ProvinceRecord } from './reference-data';

export { PROVINCES, type ProvinceRecord };

/** Our own, non-GB/T 2260 key for 新疆生产建设兵团 (isStandardCode: false). */
export const XPCC_CODE = 'XPCC';

const BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]));

/** Every spelling a person may type for a province, lower-cased for English, mapped to its code. */
const BY_NAME = new Map<string, string>();
for (const p of PROVINCES) {
	BY_NAME.set(p.code.toLowerCase(), p.code);
	BY_NAME.set(p.nameZh, p.code);
	BY_NAME.set(p.shortZh, p.code);
	const en = p.nameEn.toLowerCase();
	BY_NAME.set(en, p.code);
	// 'Xizang (Tibet)' also answers to 'Xizang' and 'Tibet'; the XPCC name to its long form and 'XPCC'.
	const parts = /^(.+?)\s*\((.+)\)$/.exec(en);
	if (parts) {
		BY_NAME.set(parts[1], p.code);
		BY_NAME.set(parts[2], p.code);
	}
}

/** The province record for an exact code ('320000', 'XPCC'), or null when there is none. */
export function provinceByCode(code: string): ProvinceRecord | null {
	return BY_CODE.get(code) ?? null;
}

/**
 * The code of the province named by `input` — its code, full zh name (江苏省), short zh name (江苏) or
 * English name in any case — ignoring surrounding spaces; null when nothing matches.
 */
export function resolveProvince(input: string | null | undefined): string | null {
	const needle = (input ?? '').trim();
	if (!needle) return null;
	return BY_NAME.get(needle) ?? BY_NAME.get(needle.toLowerCase()) ?? null;
}

/** The full display name of a province in the locale; '未知' / 'unknown' for null or an unknown code. */
export function provinceLabel(code: string | null | undefined, locale: 'zh' | 'en'): string {
	const province = code ? BY_CODE.get(code) : undefined;
	if (!province) return locale === 'zh' ? '未知' : 'unknown';
	return locale === 'zh' ? province.nameZh : province.nameEn;
}
