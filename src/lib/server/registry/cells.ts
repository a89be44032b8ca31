/** Reading single registry cells; each reader returns a value or a bilingual problem. */
import { resolveProvince } from '../../domain/provinces';
import { isIsoDate } from '../../domain/periods';
import { INDUSTRY_LABELS, resolveCode } from '../../domain/taxonomy';

export type Why = { zh: string; en: string };
export type Read<T> = { ok: true; value: T } | { ok: false; why: Why };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = (zh: string, en: string): Read<never> => ({ ok: false, why: { zh, en } });

const UNKNOWN = new Set(['', '未知', '不详', 'unknown']);

/** True for an empty cell or one that says the fact is unknown. */
export function isUnknown(cell: string): boolean {
	return UNKNOWN.has(cell.trim().toLowerCase());
}

/** A taxonomy code from its code, zh or en label; unknown → null. */
export function readCode<T extends string>(
	labels: Record<T, { zh: string; en: string }>,
	cell: string,
	what: Why
): Read<T | null> {
	if (isUnknown(cell)) return ok(null);
	const code = resolveCode(labels, cell);
	if (code) return ok(code);
	const allowed = Object.values<{ zh: string }>(labels)
		.map((l) => l.zh)
		.join('、');
	return no(
		`不是有效的${what.zh}（可选：${allowed}）`,
		`Not a valid ${what.en} (one of: ${Object.keys(labels).join(', ')})`
	);
}

export function readProvince(cell: string): Read<string | null> {
	if (isUnknown(cell)) return ok(null);
	const code = resolveProvince(cell);
	return code ? ok(code) : no('不是省级行政区的名称或 GB/T 2260 代码', 'Not a provincial unit name or GB/T 2260 code');
}

export function readDate(cell: string): Read<string | null> {
	if (isUnknown(cell)) return ok(null);
	return isIsoDate(cell.trim())
		? ok(cell.trim())
		: no('日期须为 YYYY-MM-DD 格式的有效日期', 'A date must be a real date written YYYY-MM-DD');
}

export function readUrl(cell: string): Read<string | null> {
	if (isUnknown(cell)) return ok(null);
	try {
		const url = new URL(cell.trim());
		if (url.protocol === 'http:' || url.protocol === 'https:') return ok(url.href);
	} catch {
		// fall through to the refusal
	}
	return no('来源须为 http(s) 链接', 'A source must be an http(s) link');
}

export function readInteger(cell: string, min: number, max: number): Read<number | null> {
	if (isUnknown(cell)) return ok(null);
	const s = cell.trim();
	if (!/^\d+$/.test(s) || +s < min || +s > max)
		return no(`须为 ${min}–${max} 之间的整数`, `Must be a whole number from ${min} to ${max}`);
	return ok(+s);
}

export function readBoolean(cell: string): Read<boolean> {
	const s = cell.trim().toLowerCase();
	if (['', 'no', 'false', '0', '否'].includes(s)) return ok(false);
	if (['yes', 'true', '1', '是'].includes(s)) return ok(true);
	return no('须为 是/否', 'Must be yes or no');
}

/**
 * A list of industries separated by ; ； 、 , ， or |: each a key industry (code, zh or en) or,
 * failing that, a free "other" industry kept as `other:<name>`.
 */
export function readIndustries(cell: string): string[] {
	if (isUnknown(cell)) return [];
	const names = cell
		.split(/[;；、,，|]/)
		.map((s) => s.trim())
		.filter(Boolean);
	return [...new Set(names.map(readIndustry))];
}

/** One industry: a key industry code or `other:<name>`. */
export function readIndustry(name: string): string {
	const trimmed = name.trim();
	if (/^other:/i.test(trimmed)) return `other:${trimmed.slice(6).trim()}`;
	return resolveCode(INDUSTRY_LABELS, trimmed) ?? `other:${trimmed}`;
}
