/**
 * The published result of a batch's evaluation (《通过评估的清洁生产审核创新试点项目名单》): its counts, the checks
 * before publishing, and what a later decision change means for a frozen list — a dated correction, and credits
 * granted or revoked (视同开展一次清洁生产审核). Pure.
 */
// Repeated blocks here are checks of one shape (if wrong, a bilingual problem naming the field); each states its own rule.
import { isIsoDate } from '../periods';
import type { Decision } from './scoring';
import type { Problem } from './summary';

/** One pilot on a list as it was published. */
export type ListEntry = {
	pilotCode: string;
	nameZh: string;
	nameEn: string | null;
	provinceCode: string | null;
	category: number | null;
	decision: Decision;
	decidedOn: string;
	enterprises: number;
};

export type ListCounts = { evaluated: number; passed: number; notPassed: number };

/** Counts as the batch-1 announcement gives them: evaluated, passed, not passed. */
export function listCounts(entries: readonly Pick<ListEntry, 'decision'>[]): ListCounts {
	const passed = entries.filter((e) => e.decision === 'passed').length;
	return { evaluated: entries.length, passed, notPassed: entries.length - passed };
}

/** Problems before publishing: a reference number, a real publication date not after today, and at least one decision. */
export function checkPublication(
	p: { refNo: string; publishedOn: string },
	ctx: { today: string; decided: number; isPublished: boolean }
): Problem[] {
	const problems: Problem[] = [];
	if (ctx.isPublished)
		problems.push({
			field: '_form',
			zh: '本批次名单已发布，不能修改；评估结论的变更以更正形式公布',
			en: "This batch's list is published and cannot be edited; a changed decision appears as a correction"
		});
	if (!p.refNo.trim()) problems.push({ field: 'refNo', zh: '请填写文号', en: 'Enter the reference number' });
	if (!isIsoDate(p.publishedOn))
		problems.push({
			field: 'publishedOn',
			zh: '请填写发布日期（YYYY-MM-DD）',
			en: 'Enter the publication date (YYYY-MM-DD)'
		});
	else if (p.publishedOn > ctx.today)
		problems.push({
			field: 'publishedOn',
			zh: '发布日期不能晚于今天',
			en: 'The publication date cannot be in the future'
		});
	if (ctx.decided === 0)
		problems.push({
			field: '_form',
			zh: '本批次尚无评估结论，无法发布名单',
			en: 'No pilot of this batch has a decision yet'
		});
	return problems;
}

/** What a decision change after publication does to the pilot's credits. */
export type CreditEffect = 'grant' | 'revoke' | 'none';

/**
 * The effect on credits of a pilot's decision moving from `before` (null: not on the list) to `after` (null: reopened,
 * no decision) once the list is published: credits exist exactly while the pilot's current decision is passed.
 */
export function creditEffect(before: Decision | null, after: Decision | null): CreditEffect {
	const had = before === 'passed';
	const has = after === 'passed';
	if (had === has) return 'none';
	return has ? 'grant' : 'revoke';
}
