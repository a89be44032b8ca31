/**
 * The message tables: Chinese first, English typed against it. The English table is loaded on demand, so that
 * the browser only fetches it for a page shown in English (the server and the CLI load it at start).
 */
import { zh } from './zh';
import type { en as English } from './en';

export type MessageKey = keyof typeof zh;
export { zh };

let english: typeof English | null = null;

/** Loads the English table once; afterwards `tableOf('en')` is English. */
export async function loadEnglish(): Promise<void> {
	english ??= (await import('./en')).en;
}

/** The table for a locale; English falls back to Chinese until loadEnglish() has run. */
export function tableOf(locale: 'zh' | 'en'): Record<MessageKey, string> {
	return locale === 'en' && english ? english : zh;
}
