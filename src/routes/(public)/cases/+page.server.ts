import { getDb } from '$lib/server/db';
import * as cases from '$lib/server/cases/cases';
import * as gallery from '$lib/server/cases/gallery';
import * as deliverables from '$lib/server/evaluation/deliverables';
import { applyGalleryFilter, galleryFilterFrom } from '$lib/cases/gallery/filter';
import type { PageServerLoad } from './$types';

/** The public gallery: published cases and the public deliverables of passed pilots only, no sign-in. */
export const load: PageServerLoad = ({ url }) => {
	const db = getDb();
	const all = cases.published(db);
	const { filter, options } = galleryFilterFrom(url.searchParams, all);
	return {
		cases: applyGalleryFilter(all, filter),
		total: all.length,
		filter,
		options,
		programme: gallery.programme(db),
		deliverables: deliverables.publicOfPassed(db)
	};
};
