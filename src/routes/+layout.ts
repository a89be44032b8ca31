import { loadEnglish } from '$lib/i18n';
import type { LayoutLoad } from './$types';

/** English pages load the English messages before they render (Chinese pages never fetch them). */
export const load: LayoutLoad = async ({ data }) => {
	if (data.locale === 'en') await loadEnglish();
	return data;
};
