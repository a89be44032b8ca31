/**
 * The evaluation pages' words, kept beside the feature rather than in the app-wide catalogue: both languages side by
 * side (a translator sees the pair), and only the routes of this feature carry them in their bundle.
 */
import type { Bilingual } from '$lib/domain/taxonomy';

/** The text of `entry` for the locale with `{name}` placeholders filled. */
export function say(locale: 'zh' | 'en', entry: Bilingual, vars: Record<string, string | number> = {}): string {
	return entry[locale].replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}

/** Binds `say` to a table and a locale: `const m = speaker(TEXT, locale); m('title')`. */
export function speaker<K extends string>(table: Record<K, Bilingual>, locale: 'zh' | 'en') {
	return (key: K, vars: Record<string, string | number> = {}) => say(locale, table[key], vars);
}
