import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import { refreshStale } from '$lib/server/progress/statuses';
import type { PageServerLoad } from './$types';

/** Reads the filter from the URL (unknown values are ignored), so a filtered view is a shareable link. */
function filterFrom(url: URL): pilots.PilotFilter {
	const p = url.searchParams;
	const filter: pilots.PilotFilter = {};
	for (const facet of pilots.FACETS) {
		const v = p.get(facet);
		if (v && /^[\w:.\-\u4e00-\u9fff]{1,64}$/.test(v)) filter[facet] = v;
	}
	const q = p.get('q');
	if (q) filter.q = q.slice(0, 100);
	const sort = p.get('sort');
	if (sort && (pilots.SORTS as readonly string[]).includes(sort)) filter.sort = sort as pilots.Sort;
	filter.dir = p.get('dir') === 'desc' ? 'desc' : 'asc';
	const page = Number(p.get('page'));
	filter.page = Number.isInteger(page) && page > 0 ? page : 1;
	return filter;
}

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals.user);
	const filter = filterFrom(url);
	refreshStale(getDb());
	return {
		filter,
		batches: pilots.batchList(getDb()),
		scope: scopeOf(user).kind,
		...pilots.list(getDb(), scopeOf(user), filter)
	};
};
