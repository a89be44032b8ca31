/** The public gallery's filter (industry, key air region, basin, category), applied to published snapshots only. */
import type { PublishedCase } from '../content';

export const GALLERY_FACETS = ['industry', 'region', 'basin', 'category'] as const;
export type GalleryFacet = (typeof GALLERY_FACETS)[number];

function valuesOf(c: PublishedCase, facet: GalleryFacet): string[] {
	if (facet === 'industry') return c.pilot.industries;
	if (facet === 'region') return c.pilot.airRegion ? [c.pilot.airRegion] : [];
	if (facet === 'basin') return c.pilot.basin ? [c.pilot.basin] : [];
	return c.pilot.category === null ? [] : [String(c.pilot.category)];
}

/** The filter in the URL: known facets with a value present among the cases; anything else is ignored. */
export function galleryFilterFrom(params: URLSearchParams, cases: readonly PublishedCase[]) {
	const options = galleryOptions(cases);
	const filter: Partial<Record<GalleryFacet, string>> = {};
	for (const facet of GALLERY_FACETS) {
		const v = params.get(facet);
		if (v && options[facet].includes(v)) filter[facet] = v;
	}
	return { filter, options };
}

/** Per facet, the values present among the cases, sorted. */
export function galleryOptions(cases: readonly PublishedCase[]): Record<GalleryFacet, string[]> {
	return Object.fromEntries(
		GALLERY_FACETS.map((f) => [f, [...new Set(cases.flatMap((c) => valuesOf(c, f)))].sort()])
	) as Record<GalleryFacet, string[]>;
}

/** The cases matching every chosen facet. */
export function applyGalleryFilter(cases: readonly PublishedCase[], filter: Partial<Record<GalleryFacet, string>>) {
	return cases.filter((c) => GALLERY_FACETS.every((f) => !filter[f] || valuesOf(c, f).includes(filter[f]!)));
}
