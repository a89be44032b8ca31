import * as dashboard from '$lib/server/analytics/dashboard';
import * as deliverables from '$lib/server/evaluation/deliverables';
import { DELIVERABLE_KIND_LABELS, type DeliverableKind } from '$lib/domain/evaluation/deliverables';
import { DIMENSIONS, type Dimension } from '$lib/analytics/dashboard-filter';
import { METRICS } from '$lib/analytics/dashboard-view';
import type { PageServerLoad } from './$types';

const pickFrom = <T extends string>(choices: readonly T[], value: string | null, fallback: T): T =>
	choices.includes(value as T) ? (value as T) : fallback;

export const load: PageServerLoad = async ({ locals, url }) => {
	const { db, scope, filter, cached } = await dashboard.context(locals.user, url.searchParams);
	const p = url.searchParams;
	const view = {
		by: pickFrom<Dimension>(DIMENSIONS, p.get('by'), 'industry'),
		metric: pickFrom<string>(METRICS, p.get('metric'), 'pilots'),
		mapMetric: pickFrom<string>(METRICS, p.get('map'), 'pilots')
	};
	return {
		view,
		// kept until the data changes, per scope, filter and view: a province's figures are its own
		...(await cached('overview', view, () => ({
			...dashboard.overview(db, scope, filter, view),
			/** Counts per kind with the kinds' names, so that the page carries no deliverable module of its own. */
			deliverables: Object.entries(deliverables.countsByKind(db, scope, filter)).map(([kind, n]) => ({
				kind,
				n,
				label: DELIVERABLE_KIND_LABELS[kind as DeliverableKind]
			}))
		})))
	};
};
