/**
 * Deliverables across pilots: the analysts' catalogue under the caller's scope with the dashboard's pilot facets and
 * a kind, counts per kind, and what the public may see — public deliverables of passed pilots only, without who
 * recorded them, their hash or the file's original name (staff name files after people and drafts).
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { batches, deliverables, pilots } from '../db/schema';
import type { Scope } from '../auth/access';
import { conditions, type PilotFilter } from '../registry/pilots';
import { DASHBOARD_FACETS, dashboardFilterFromUrl, type DashboardFacet } from '../../analytics/dashboard-filter';
import { DELIVERABLE_KINDS, isDeliverableKind, type DeliverableKind } from '../../domain/evaluation/deliverables';

export type CatalogueFilter = Partial<Record<DashboardFacet, string>> & { kind?: DeliverableKind };

/** The catalogue's filter in the URL: the dashboard's pilot facets (values of the wrong shape dropped) and a known kind. */
export function catalogueFilterFrom(params: URLSearchParams): CatalogueFilter {
	const dashboard = dashboardFilterFromUrl(params);
	const filter: CatalogueFilter = {};
	for (const facet of DASHBOARD_FACETS) if (dashboard[facet]) filter[facet] = dashboard[facet];
	const kind = params.get('kind') ?? '';
	if (isDeliverableKind(kind)) filter.kind = kind;
	return filter;
}

/** The condition on deliverables joined to pilots and batches: scope, pilot facets and (unless left out) the kind. */
function where(scope: Scope, filter: CatalogueFilter, withKind: boolean): SQL | undefined {
	const facets: PilotFilter = {};
	for (const f of DASHBOARD_FACETS) if (filter[f]) facets[f] = filter[f];
	return and(conditions(scope, facets), withKind && filter.kind ? eq(deliverables.kind, filter.kind) : undefined);
}

/** The columns every listing of deliverables shows, with the pilot's code and names. */
const LISTED = {
	id: deliverables.id,
	kind: deliverables.kind,
	titleZh: deliverables.titleZh,
	titleEn: deliverables.titleEn,
	date: deliverables.date,
	url: deliverables.url,
	fileName: deliverables.fileName,
	size: deliverables.size,
	abstract: deliverables.abstract
};

/** Deliverables of the pilots within the scope matching the filter, newest date first, with their pilot. */
export function catalogue(db: DbOrTx, scope: Scope, filter: CatalogueFilter = {}) {
	return db
		.select({
			...LISTED,
			isPublic: deliverables.isPublic,
			pilotCode: pilots.code,
			pilotNameZh: pilots.nameZh,
			pilotNameEn: pilots.nameEn,
			pilotStatus: pilots.status,
			provinceCode: pilots.provinceCode,
			category: pilots.category,
			batch: batches.number,
			isDemo: pilots.isDemo
		})
		.from(deliverables)
		.innerJoin(pilots, eq(pilots.id, deliverables.pilotId))
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.where(where(scope, filter, true))
		.orderBy(desc(deliverables.date), desc(deliverables.id))
		.all();
}

export type CatalogueRow = ReturnType<typeof catalogue>[number];

/**
 * How many deliverables of each kind (every kind present, zero when none) the pilots within the scope matching the
 * pilot facets hold. The kind of the filter is left out, so the counts show what choosing another kind would give.
 */
export function countsByKind(db: DbOrTx, scope: Scope, filter: CatalogueFilter = {}): Record<DeliverableKind, number> {
	const counts = Object.fromEntries(DELIVERABLE_KINDS.map((k) => [k, 0])) as Record<DeliverableKind, number>;
	const rows = db
		.select({ kind: deliverables.kind, n: count() })
		.from(deliverables)
		.innerJoin(pilots, eq(pilots.id, deliverables.pilotId))
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.where(where(scope, filter, false))
		.groupBy(deliverables.kind)
		.all();
	for (const r of rows) if (isDeliverableKind(r.kind)) counts[r.kind] = r.n;
	return counts;
}

const PUBLIC = and(eq(deliverables.isPublic, true), eq(pilots.status, 'passed'));
const OFFICE_EXT = /\.(pdf|docx?|xlsx?|pptx?)$/i;

/** The name a public file goes by (never its original name): deliverable-<id> with the original's extension. */
export function publicFileName(d: { id: number; fileName: string | null }): string {
	const ext = OFFICE_EXT.exec(d.fileName ?? '')?.[0].toLowerCase() ?? '';
	return `deliverable-${d.id}${ext}`;
}

/** Public deliverables of passed pilots, newest date first: what the public gallery and its static export list. */
export function publicOfPassed(db: DbOrTx) {
	return db
		.select({
			...LISTED,
			pilotCode: pilots.code,
			pilotNameZh: pilots.nameZh,
			pilotNameEn: pilots.nameEn,
			provinceCode: pilots.provinceCode,
			isDemo: pilots.isDemo
		})
		.from(deliverables)
		.innerJoin(pilots, eq(pilots.id, deliverables.pilotId))
		.where(PUBLIC)
		.orderBy(desc(deliverables.date), desc(deliverables.id))
		.all()
		.map(({ fileName, ...d }) => ({ ...d, file: fileName ? publicFileName({ id: d.id, fileName }) : null }));
}

export type PublicDeliverable = ReturnType<typeof publicOfPassed>[number];

/** The kept file of a public deliverable of a passed pilot, under its public name; null for anything else. */
export function publicFile(db: DbOrTx, id: number): { sha256: string; name: string } | null {
	const row = db
		.select({ id: deliverables.id, fileName: deliverables.fileName, sha256: deliverables.sha256 })
		.from(deliverables)
		.innerJoin(pilots, eq(pilots.id, deliverables.pilotId))
		.where(and(PUBLIC, eq(deliverables.id, id)))
		.get();
	if (!row?.sha256) return null;
	return { sha256: row.sha256, name: publicFileName(row) };
}
