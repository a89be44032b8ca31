/**
 * What the public sees of a batch's published list: the frozen counts, the passed pilots and the dated corrections.
 * The page and `GET /api/v1/evaluations` both answer from here, so the API never shows more than the page (no user
 * names, no decision reasons, no pilot that did not pass unless a public correction names it).
 */
import type { DbOrTx } from '../db';
import * as passLists from './pass-lists';
import type { Decision } from '../../domain/evaluation/scoring';

/** The public list of a batch, or null while it is unpublished (or there is no such batch). */
export function publicList(db: DbOrTx, batchNumber: number) {
	const v = passLists.view(db, batchNumber);
	if (!v) return null;
	return {
		batch: v.batch.number,
		batchNameZh: v.batch.nameZh,
		batchNameEn: v.batch.nameEn,
		isDemo: v.batch.isDemo,
		refNo: v.list.refNo,
		publishedOn: v.list.publishedOn,
		counts: { evaluated: v.list.evaluated, passed: v.list.passed, notPassed: v.list.notPassed },
		entries: v.list.entries
			.filter((e) => e.decision === 'passed')
			.map((e) => ({
				pilotCode: e.pilotCode,
				nameZh: e.nameZh,
				nameEn: e.nameEn,
				provinceCode: e.provinceCode,
				category: e.category,
				enterprises: e.enterprises,
				decision: e.decision
			})),
		corrections: v.corrections.map((c) => ({
			correctedOn: c.correctedOn,
			pilotCode: c.pilotCode,
			nameZh: c.nameZh,
			nameEn: c.nameEn,
			fromDecision: c.fromDecision as Decision | null,
			toDecision: c.toDecision as Decision | null,
			reason: c.reason
		}))
	};
}

export type PublicList = NonNullable<ReturnType<typeof publicList>>;

/** The CSV columns of a published list's entries, in order. */
export const LIST_COLUMNS = [
	'batch',
	'list_ref',
	'published_on',
	'pilot_code',
	'name_zh',
	'name_en',
	'province_code',
	'category',
	'enterprises',
	'decision',
	'corrections',
	'is_demo'
];

/**
 * The list's entries as CSV rows of LIST_COLUMNS: each as published (decision 'passed'), with the pilot's later
 * corrections as `YYYY-MM-DD from>to` (none: no decision) so that a spreadsheet never shows a silently stale row.
 */
export function listCsvRows(list: PublicList): (string | number | null)[][] {
	return list.entries.map((e) => [
		list.batch,
		list.refNo,
		list.publishedOn,
		e.pilotCode,
		e.nameZh,
		e.nameEn,
		e.provinceCode,
		e.category,
		e.enterprises,
		e.decision,
		list.corrections
			.filter((c) => c.pilotCode === e.pilotCode)
			.map((c) => `${c.correctedOn} ${c.fromDecision ?? 'none'}>${c.toDecision ?? 'none'}`)
			.join('; '),
		list.isDemo ? 1 : 0
	]);
}
