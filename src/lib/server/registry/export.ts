/**
 * Registry export: the same three CSV kinds the import reads, UTF-8 with BOM so that Excel opens
 * them, zh or en headers, and formula-safe text cells.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { batches, enterprises, pilotIndicators, pilotIndustries, pilots, pilotStatusEvents } from '../db/schema';
import { headers, type RegistryKind } from './columns';
import { toCsv } from '../../csv/write';

export { formulaSafe } from '../../csv/write';

function rows(db: Db, kind: RegistryKind): (string | number | null)[][] {
	if (kind === 'pilots') {
		const industries = db.select().from(pilotIndustries).all();
		const events = db.select().from(pilotStatusEvents).orderBy(asc(pilotStatusEvents.id)).all();
		return db
			.select({ p: pilots, batch: batches.number })
			.from(pilots)
			.innerJoin(batches, eq(batches.id, pilots.batchId))
			.orderBy(asc(pilots.code))
			.all()
			.map(({ p, batch }) => [
				p.code,
				batch,
				p.nameZh,
				p.nameEn,
				p.category,
				p.provinceCode,
				p.airRegion,
				p.basin,
				industries
					.filter((i) => i.pilotId === p.id)
					.map((i) => i.industry)
					.join(';'),
				p.bodyName,
				p.bodyType,
				p.termStart,
				p.termEnd,
				p.status,
				events.filter((e) => e.pilotId === p.id && e.status === p.status).at(-1)?.on ?? null,
				p.sourceUrl,
				(JSON.parse(p.inferredFields) as string[]).join(';'),
				p.note,
				p.isDemo ? 'yes' : 'no'
			]);
	}
	if (kind === 'enterprises') {
		return db
			.select({ pilot: pilots.code, e: enterprises })
			.from(enterprises)
			.innerJoin(pilots, eq(pilots.id, enterprises.pilotId))
			.orderBy(asc(pilots.code), asc(enterprises.code))
			.all()
			.map(({ pilot, e }) => [pilot, e.code, e.nameZh, e.industry, e.creditCode]);
	}
	return db
		.select({ pilot: pilots.code, i: pilotIndicators })
		.from(pilotIndicators)
		.innerJoin(pilots, eq(pilots.id, pilotIndicators.pilotId))
		.orderBy(asc(pilots.code), asc(pilotIndicators.indicatorCode))
		.all()
		.map(({ pilot, i }) => [pilot, i.indicatorCode, i.baseYear, i.baseline, '', i.targetKind, i.targetValue]);
}

/** The registry of one kind as CSV text with a BOM (values in canonical units). */
export function exportCsv(db: Db, kind: RegistryKind, lang: 'zh' | 'en' = 'zh'): string {
	return toCsv(headers(kind, lang), rows(db, kind));
}
