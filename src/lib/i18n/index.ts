/**
 * The message catalogue and locale formatting. zh-CN is the default; every key must exist in
 * both languages (the English table is typed against the Chinese one).
 */
import { tableOf, type MessageKey } from './messages';
export { loadEnglish } from './messages';
import type { Bilingual } from '../domain/taxonomy';

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = 'lang';

export function isLocale(value: unknown): value is Locale {
	return value === 'zh' || value === 'en';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator for the locale: looks the key up and fills `{name}` placeholders. */
export function translator(locale: Locale): Translate {
	const table = tableOf(locale);
	return (key, params) => {
		const text: string = table[key];
		return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
	};
}

/** The label of a bilingual pair in the locale. */
export function label(locale: Locale, pair: Bilingual | null | undefined): string {
	if (!pair) return locale === 'en' ? 'unknown' : '未知';
	return pair[locale];
}

/** '未知' / 'unknown' for a fact nobody has stated. */
export function unknown(locale: Locale): string {
	return locale === 'en' ? 'unknown' : '未知';
}

/** One formatter per locale and number of decimals: making an Intl.NumberFormat costs far more than using one. */
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number formatted for the locale (grouping, up to `digits` decimals); null is unknown. */
export function formatNumber(locale: Locale, n: number | null | undefined, digits = 2): string {
	if (n === null || n === undefined) return unknown(locale);
	const key = `${locale}:${digits}`;
	let format = numberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: digits });
		numberFormats.set(key, format);
	}
	return format.format(n);
}

/** An ISO date (YYYY-MM-DD) written for the locale: 2024年8月15日 / 15 Aug 2024; null is unknown. */
export function formatDate(locale: Locale, iso: string | null | undefined): string {
	if (!iso) return unknown(locale);
	const [y, m, d] = iso.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
		year: 'numeric',
		month: locale === 'en' ? 'short' : 'long',
		day: 'numeric',
		timeZone: 'UTC'
	}).format(date);
}

/** An instant (ms) as date and time in China Standard Time. */
export function formatInstant(locale: Locale, ms: number): string {
	return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Asia/Shanghai'
	}).format(new Date(ms));
}

export type { MessageKey };
