/**
 * The deemed-audit lookup as the public asks it (a credit code or a part of a name) and what it may see of a credit.
 * The page and `GET /api/v1/credits` both answer from here, so the API never shows more than the page.
 */
import type { DbOrTx } from '../db';
import { lookup, normaliseCode, type CreditRow } from './credits';

/** At most this many credits answer one lookup (as `lookup` caps it). */
export const LOOKUP_LIMIT = 200;

/** The light check of a typed code: 18 digits or letters once spaces are dropped (the check digit is not judged). */
const CODE_SHAPE = /^[0-9A-Z]{18}$/;

export type CreditQuery = {
	/** The code as normalised ('' when none was given). */
	code: string;
	/** The name fragment, trimmed ('' when none was given). */
	name: string;
	/** A code was given but is not 18 digits or letters: it is not looked up. */
	isCodeMalformed: boolean;
	/** A name was given but is shorter than two characters: it is not looked up. */
	isNameShort: boolean;
	/** What the answer is looked up by: the code when it is well formed, else the name, else nothing. */
	by: 'code' | 'name' | null;
};

/** Reads `code` and `name` from a query string; a malformed code falls back to the name when one is given. */
export function readCreditQuery(params: URLSearchParams): CreditQuery {
	const code = normaliseCode(params.get('code') ?? '');
	const name = (params.get('name') ?? '').trim();
	const isCodeMalformed = code !== '' && !CODE_SHAPE.test(code);
	const isNameShort = name !== '' && Array.from(name).length < 2;
	const by = code && !isCodeMalformed ? 'code' : name && !isNameShort ? 'name' : null;
	return { code, name, isCodeMalformed, isNameShort, by };
}

/** A credit as the public sees it: who, under which pilot and list, since when, and whether it still holds. */
export function publicCredit(r: CreditRow) {
	return {
		enterpriseName: r.enterpriseName,
		creditCode: r.creditCode,
		hasCode: r.hasCode,
		provinceCode: r.provinceCode,
		pilotCode: r.pilotCode,
		pilotNameZh: r.pilotNameZh,
		pilotNameEn: r.pilotNameEn,
		isDemo: r.isDemo,
		batch: r.batch,
		batchNameZh: r.batchNameZh,
		batchNameEn: r.batchNameEn,
		listRef: r.listRef,
		listPublishedOn: r.listPublishedOn,
		grantedOn: r.grantedOn,
		revokedOn: r.revokedOn,
		isValid: r.isValid
	};
}

export type PublicCredit = ReturnType<typeof publicCredit>;

/** The credits answering a query (the raw rows, for the CSV); none when the query has nothing to look up by. */
export function creditsFor(db: DbOrTx, q: CreditQuery): CreditRow[] {
	if (q.by === 'code') return lookup(db, { code: q.code });
	if (q.by === 'name') return lookup(db, { name: q.name });
	return [];
}
