import { page } from '$app/state';
import { translator, type Locale } from './index';

/** The current page's locale (from the root layout's data). */
export function currentLocale(): Locale {
	return page.data.locale === 'en' ? 'en' : 'zh';
}

/** A translator for the current page's locale; call inside `$derived`. */
export function currentT() {
	return translator(currentLocale());
}
