/**
 * Deemed-audit credits (视同开展一次清洁生产审核, notice 5.2): the public lookup by unified social credit code or by
 * enterprise name, and the export of a province's credits for its own audit register. An enterprise without a credit
 * code is listed and marked, never matched to a code by a guess.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { auditCredits, batches, passLists, pilots } from '../db/schema';

/** A credit code as people type it: spaces dropped, letters in upper case. */
export function normaliseCode(input: string): string {
	return input.replace(/\s+/g, '').toUpperCase();
}

function rows(db: DbOrTx, where: SQL | undefined, limit = 10_000) {
	return db
		.select({
			enterpriseName: auditCredits.enterpriseName,
			creditCode: auditCredits.creditCode,
			provinceCode: auditCredits.provinceCode,
			pilotCode: pilots.code,
			pilotNameZh: pilots.nameZh,
			pilotNameEn: pilots.nameEn,
			isDemo: pilots.isDemo,
			batch: batches.number,
			batchNameZh: batches.nameZh,
			batchNameEn: batches.nameEn,
			listRef: passLists.refNo,
			listPublishedOn: passLists.publishedOn,
			grantedOn: auditCredits.grantedOn,
			revokedOn: auditCredits.revokedOn
		})
		.from(auditCredits)
		.innerJoin(pilots, eq(pilots.id, auditCredits.pilotId))
		.innerJoin(passLists, eq(passLists.id, auditCredits.listId))
		.innerJoin(batches, eq(batches.id, passLists.batchId))
		.where(where)
		.orderBy(asc(batches.number), asc(pilots.code), asc(auditCredits.enterpriseName), asc(auditCredits.id))
		.limit(limit)
		.all()
		.map((r) => ({ ...r, isValid: r.revokedOn === null, hasCode: r.creditCode !== null }));
}
export type CreditRow = ReturnType<typeof rows>[number];

/**
 * The credits matching a lookup: by code (exact, after normalising) or by name (a part of it, at least two
 * characters); at most 200. Revoked credits are included and marked, so that an answer is never silently "no".
 */
export function lookup(db: DbOrTx, query: { code?: string; name?: string }): CreditRow[] {
	const code = query.code ? normaliseCode(query.code) : '';
	const name = (query.name ?? '').trim();
	if (code) return rows(db, eq(auditCredits.creditCode, code), 200);
	if (Array.from(name).length >= 2) {
		const pattern = `%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		return rows(db, sql`${auditCredits.enterpriseName} LIKE ${pattern} ESCAPE '\\'`, 200);
	}
	return [];
}

/** Every credit of a province (all provinces: null), for its audit register. */
export function forProvince(db: DbOrTx, provinceCode: string | null): CreditRow[] {
	return rows(db, provinceCode ? eq(auditCredits.provinceCode, provinceCode) : undefined);
}

/** Every credit granted by the list of one batch (revoked ones marked). */
export function forBatch(db: DbOrTx, batchNumber: number): CreditRow[] {
	return rows(db, and(eq(batches.number, batchNumber)));
}

/** The CSV columns of a credit export, in order. */
export const CREDIT_COLUMNS = [
	'enterprise_name',
	'credit_code',
	'province_code',
	'pilot_code',
	'pilot_name',
	'batch',
	'list_ref',
	'granted_on',
	'revoked_on',
	'status'
] as const;

/** A credit as a CSV row of CREDIT_COLUMNS; status 'valid' or 'revoked', and 'no_code' where no credit code is known. */
export function creditCsvRow(r: CreditRow): (string | number | null)[] {
	return [
		r.enterpriseName,
		r.creditCode,
		r.provinceCode,
		r.pilotCode,
		r.pilotNameZh,
		r.batch,
		r.listRef,
		r.grantedOn,
		r.revokedOn,
		`${r.isValid ? 'valid' : 'revoked'}${r.hasCode ? '' : ';no_code'}`
	];
}
