/**
 * Writes registry records: pilots (with industries and status events), enterprises, baselines
 * and targets, each an upsert by its natural key. Call inside one transaction; nothing here
 * validates — `read.ts` already did.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { batches, enterprises, pilotIndicators, pilotIndustries, pilots, pilotStatusEvents } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import type { RegistryDataset, RegistryEnterprise, RegistryPilot, RegistryPilotIndicator } from './types';

export type WriteCounts = { created: number; updated: number };

function pilotIdMap(tx: DbOrTx): Map<string, number> {
	return new Map(
		tx
			.select({ id: pilots.id, code: pilots.code })
			.from(pilots)
			.all()
			.map((p) => [p.code, p.id])
	);
}

/** Upserts pilots by code; a changed status adds a dated event; every create or change is audited. */
export function writePilots(tx: DbOrTx, records: RegistryPilot[], actor: Actor): WriteCounts {
	const batchIds = new Map(
		tx
			.select({ id: batches.id, number: batches.number })
			.from(batches)
			.all()
			.map((b) => [b.number, b.id])
	);
	const counts = { created: 0, updated: 0 };
	const now = Date.now();
	for (const p of records) {
		const values = {
			code: p.code,
			batchId: batchIds.get(p.batchNumber)!,
			nameZh: p.nameZh,
			nameEn: p.nameEn,
			category: p.category,
			provinceCode: p.provinceCode,
			airRegion: p.airRegion,
			basin: p.basin,
			bodyName: p.bodyName,
			bodyType: p.bodyType,
			termStart: p.termStart,
			termEnd: p.termEnd,
			status: p.status,
			sourceUrl: p.sourceUrl,
			inferredFields: JSON.stringify(p.inferredFields),
			note: p.note,
			isDemo: p.isDemo,
			updatedAt: now
		};
		const existing = tx.select().from(pilots).where(eq(pilots.code, p.code)).get();
		let pilotId: number;
		if (existing) {
			pilotId = existing.id;
			const before = { ...existing, industries: industriesOf(tx, pilotId) };
			tx.update(pilots).set(values).where(eq(pilots.id, pilotId)).run();
			if (existing.status !== p.status) insertEvents(tx, pilotId, p.statusEvents.slice(-1));
			tx.delete(pilotIndustries).where(eq(pilotIndustries.pilotId, pilotId)).run();
			insertIndustries(tx, pilotId, p.industries);
			record(tx, actor, {
				action: 'pilot.update',
				entity: 'pilot',
				entityId: p.code,
				before,
				after: { ...values, industries: p.industries }
			});
			counts.updated++;
		} else {
			pilotId = tx
				.insert(pilots)
				.values({ ...values, createdAt: now })
				.returning({ id: pilots.id })
				.get().id;
			insertEvents(tx, pilotId, p.statusEvents);
			insertIndustries(tx, pilotId, p.industries);
			record(tx, actor, {
				action: 'pilot.create',
				entity: 'pilot',
				entityId: p.code,
				after: { ...values, industries: p.industries }
			});
			counts.created++;
		}
	}
	return counts;
}

function industriesOf(tx: DbOrTx, pilotId: number): string[] {
	return tx
		.select({ industry: pilotIndustries.industry })
		.from(pilotIndustries)
		.where(eq(pilotIndustries.pilotId, pilotId))
		.all()
		.map((r) => r.industry);
}

function insertIndustries(tx: DbOrTx, pilotId: number, industries: string[]): void {
	for (const industry of new Set(industries)) tx.insert(pilotIndustries).values({ pilotId, industry }).run();
}

function insertEvents(tx: DbOrTx, pilotId: number, events: RegistryPilot['statusEvents']): void {
	for (const e of events) tx.insert(pilotStatusEvents).values({ pilotId, status: e.status, on: e.on }).run();
}

/** Upserts enterprises by pilot and enterprise code. */
export function writeEnterprises(tx: DbOrTx, records: RegistryEnterprise[]): WriteCounts {
	const ids = pilotIdMap(tx);
	const counts = { created: 0, updated: 0 };
	for (const e of records) {
		const pilotId = ids.get(e.pilotCode)!;
		const values = { pilotId, code: e.code, nameZh: e.nameZh, industry: e.industry, creditCode: e.creditCode };
		const existing = tx
			.select({ id: enterprises.id })
			.from(enterprises)
			.where(and(eq(enterprises.pilotId, pilotId), eq(enterprises.code, e.code)))
			.get();
		if (existing) {
			tx.update(enterprises).set(values).where(eq(enterprises.id, existing.id)).run();
			counts.updated++;
		} else {
			tx.insert(enterprises).values(values).run();
			counts.created++;
		}
	}
	return counts;
}

/** Upserts baselines and targets by pilot and indicator. */
export function writeIndicators(tx: DbOrTx, records: RegistryPilotIndicator[]): WriteCounts {
	const ids = pilotIdMap(tx);
	const counts = { created: 0, updated: 0 };
	for (const i of records) {
		const pilotId = ids.get(i.pilotCode)!;
		const values = {
			pilotId,
			indicatorCode: i.indicatorCode,
			baseYear: i.baseYear,
			baseline: i.baseline,
			targetKind: i.targetKind,
			targetValue: i.targetValue
		};
		const where = and(eq(pilotIndicators.pilotId, pilotId), eq(pilotIndicators.indicatorCode, i.indicatorCode));
		if (tx.select({ p: pilotIndicators.pilotId }).from(pilotIndicators).where(where).get()) {
			tx.update(pilotIndicators).set(values).where(where).run();
			counts.updated++;
		} else {
			tx.insert(pilotIndicators).values(values).run();
			counts.created++;
		}
	}
	return counts;
}

/** Writes a whole dataset (the seed): pilots first, then what refers to them. */
export function writeDataset(tx: DbOrTx, data: RegistryDataset, actor: Actor): void {
	writePilots(tx, data.pilots, actor);
	writeEnterprises(tx, data.enterprises);
	writeIndicators(tx, data.indicators);
}
