import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import * as cases from '$lib/server/cases/cases';
import * as gallery from '$lib/server/cases/gallery';
import type { PageServerLoad } from './$types';

/** A published case's permalink; a draft, withdrawn or unknown case is a plain 404. */
export const load: PageServerLoad = ({ params, locals }) => {
	const c = cases.publishedBySlug(getDb(), params.slug);
	if (!c) error(404, 'Not found');
	const charts = gallery.chartsOf(c, locals.locale).map(({ code, title, svg }) => ({ code, title, svg }));
	return { c, charts };
};
