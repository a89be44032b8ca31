/**
 * Display labels for stored codes in the current language; anything unknown (null) reads
 * 未知 / unknown, and a code we do not know is shown as it is rather than hidden.
 */
import {
	AIR_REGION_LABELS,
	BASIN_LABELS,
	BODY_TYPE_LABELS,
	CATEGORY_LABELS,
	INDUSTRY_LABELS,
	PILOT_STATUS_LABELS,
	type Bilingual
} from '../domain/taxonomy';
import { INDICATOR_GROUP_LABELS, indicatorByCode } from '../domain/indicators';
import { provinceLabel } from '../domain/provinces';
import { unknown, type Locale } from './index';

function pick(locale: Locale, labels: Record<string, Bilingual>, code: string | number | null | undefined): string {
	if (code === null || code === undefined) return unknown(locale);
	return labels[String(code)]?.[locale] ?? String(code);
}

/** 无 / none: a stated absence, unlike unknown. */
function none(locale: Locale): string {
	return locale === 'en' ? 'none' : '无';
}

export const labels = {
	category: (l: Locale, c: number | null | undefined) => pick(l, CATEGORY_LABELS, c),
	categoryShort: (l: Locale, c: number | null | undefined) =>
		c ? (l === 'en' ? `Category ${c}` : `第${'一二三四'[c - 1]}类`) : unknown(l),
	industry: (l: Locale, code: string | null | undefined) =>
		code?.startsWith('other:') ? code.slice(6) : pick(l, INDUSTRY_LABELS, code),
	region: (l: Locale, code: string | null | undefined) =>
		code === 'none' ? none(l) : pick(l, AIR_REGION_LABELS, code),
	basin: (l: Locale, code: string | null | undefined) => (code === 'none' ? none(l) : pick(l, BASIN_LABELS, code)),
	status: (l: Locale, code: string | null | undefined) => pick(l, PILOT_STATUS_LABELS, code),
	bodyType: (l: Locale, code: string | null | undefined) => pick(l, BODY_TYPE_LABELS, code),
	province: (l: Locale, code: string | null | undefined) => provinceLabel(code, l),
	indicator: (l: Locale, code: string) => indicatorByCode(code)?.name[l] ?? code,
	group: (l: Locale, code: string | null | undefined) => pick(l, INDICATOR_GROUP_LABELS, code),
	batch: (l: Locale, b: { nameZh: string; nameEn: string }) => (l === 'en' ? b.nameEn : b.nameZh),
	/** A name with its unit: 排放量（t） / Emissions (t). */
	withUnit: (l: Locale, name: string, unit: string) =>
		unit ? (l === 'en' ? `${name} (${unit})` : `${name}（${unit}）`) : name
};
