/**
 * The ministry's term-end evaluation: a scoring sheet of weighted criteria (set per batch, with a default), each
 * expert's scores 0–100 per criterion, the weighted total of each sheet and their mean; then a decision 通过 / 不通过
 * with its reason and date. Pure.
 */
// Repeated blocks here are checks of one shape (if wrong, a bilingual problem naming the field); each states its own rule.
import { isIsoDate } from '../periods';
import type { Bilingual } from '../taxonomy';
import type { Problem } from './summary';

export type Criterion = { key: string; label: Bilingual; weight: number };

/**
 * The default sheet, from what the notice asks the evaluation to cover (DOMAIN.md: performance in energy, water,
 * material, pollution and carbon; the input-output of the audit innovation; replicable experience and norms).
 * Weights add up to 100.
 */
export const DEFAULT_CRITERIA: readonly Criterion[] = [
	{ key: 'attainment', label: { zh: '目标完成情况', en: 'Target attainment' }, weight: 35 },
	{ key: 'innovation', label: { zh: '创新性与可复制推广性', en: 'Innovation and replicability' }, weight: 25 },
	{ key: 'norms', label: { zh: '管理规范与工作指南成果', en: 'Management norms and guides produced' }, weight: 15 },
	{ key: 'data', label: { zh: '数据完整性与报送及时性', en: 'Data completeness and timely reporting' }, weight: 15 },
	{ key: 'funds', label: { zh: '资金投入与使用', en: 'Funds committed and used' }, weight: 10 }
];

export const DECISIONS = ['passed', 'not_passed'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<Decision, Bilingual> = {
	passed: { zh: '通过', en: 'Passed' },
	not_passed: { zh: '不通过', en: 'Not passed' }
};

export const SCORE_MAX = 100;

/** A batch's criteria from their stored JSON (null: the default); throws when the stored sheet is not valid. */
export function criteriaOf(stored: string | null): readonly Criterion[] {
	if (!stored) return DEFAULT_CRITERIA;
	const parsed = JSON.parse(stored) as Criterion[];
	const problems = checkCriteria(parsed);
	if (problems.length) throw new Error(`invalid evaluation criteria: ${problems.map((p) => p.en).join('; ')}`);
	return parsed;
}

/** A sheet is valid when it has criteria with distinct keys, bilingual labels and positive weights adding up to 100. */
export function checkCriteria(criteria: readonly Criterion[]): Problem[] {
	const problems: Problem[] = [];
	if (!Array.isArray(criteria) || criteria.length === 0)
		return [{ field: 'criteria', zh: '评分表至少需要一项指标', en: 'The sheet needs at least one criterion' }];
	const keys = new Set<string>();
	for (const c of criteria) {
		if (!c.key || keys.has(c.key))
			problems.push({
				field: 'criteria',
				zh: `评分项编码重复或为空：${c.key}`,
				en: `Criterion key empty or repeated: ${c.key}`
			});
		keys.add(c.key);
		if (!c.label?.zh?.trim() || !c.label?.en?.trim())
			problems.push({
				field: 'criteria',
				zh: `评分项 ${c.key} 缺少中英文名称`,
				en: `Criterion ${c.key} needs a zh and en name`
			});
		if (!(Number.isFinite(c.weight) && c.weight > 0))
			problems.push({
				field: 'criteria',
				zh: `评分项 ${c.key} 的权重须大于 0`,
				en: `Criterion ${c.key} needs a weight > 0`
			});
	}
	const total = criteria.reduce((n, c) => n + (Number.isFinite(c.weight) ? c.weight : 0), 0);
	if (Math.abs(total - 100) > 1e-9)
		problems.push({
			field: 'criteria',
			zh: `权重合计须为 100（现为 ${total}）`,
			en: `Weights must add up to 100 (they add up to ${total})`
		});
	return problems;
}

/** One expert's sheet: a score 0–100 for every criterion, a name, and an optional comment. */
export type ScoreSheet = { expert: string; scores: Record<string, number | null>; comment: string };

/** Problems of one sheet: an expert's name, and every criterion scored with a number from 0 to 100. */
export function checkSheet(criteria: readonly Criterion[], sheet: ScoreSheet): Problem[] {
	const problems: Problem[] = [];
	if (!sheet.expert.trim()) problems.push({ field: 'expert', zh: '请填写评估专家姓名', en: "Enter the expert's name" });
	for (const c of criteria) {
		const v = sheet.scores[c.key];
		if (v === null || v === undefined || !Number.isFinite(v) || v < 0 || v > SCORE_MAX)
			problems.push({
				field: `score.${c.key}`,
				zh: `“${c.label.zh}”的得分须为 0–${SCORE_MAX} 的数`,
				en: `The score for "${c.label.en}" must be a number from 0 to ${SCORE_MAX}`
			});
	}
	return problems;
}

/** The sheet's weighted total (0–100): Σ score × weight / Σ weight, rounded to one decimal. */
export function weightedTotal(criteria: readonly Criterion[], scores: Record<string, number | null>): number {
	const weight = criteria.reduce((n, c) => n + c.weight, 0);
	const sum = criteria.reduce((n, c) => n + (scores[c.key] ?? 0) * c.weight, 0);
	return Math.round((sum / weight) * 10) / 10;
}

/** The mean of weighted totals, one decimal; null without any. */
export function meanOfTotals(totals: readonly number[]): number | null {
	if (totals.length === 0) return null;
	return Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 10) / 10;
}

/** The mean of the sheets' weighted totals, one decimal; null without sheets. */
export function meanScore(
	criteria: readonly Criterion[],
	sheets: readonly Pick<ScoreSheet, 'scores'>[]
): number | null {
	return meanOfTotals(sheets.map((s) => weightedTotal(criteria, s.scores)));
}

/**
 * Problems of a decision: passed or not passed, a written reason, a real date not after today and not before the
 * term's last day (when known); at least one sheet.
 */
export function checkDecision(
	d: { decision: string; reason: string; decidedOn: string },
	ctx: { today: string; sheets: number; termEnd?: string | null }
): Problem[] {
	const problems: Problem[] = [];
	if (!(DECISIONS as readonly string[]).includes(d.decision))
		problems.push({ field: 'decision', zh: '请选择“通过”或“不通过”', en: 'Choose passed or not passed' });
	if (!d.reason.trim())
		problems.push({ field: 'reason', zh: '请写明评估结论的理由', en: 'A reason for the decision is required' });
	if (!isIsoDate(d.decidedOn))
		problems.push({
			field: 'decidedOn',
			zh: '请填写评估日期（YYYY-MM-DD）',
			en: 'Enter the date of the decision (YYYY-MM-DD)'
		});
	else if (d.decidedOn > ctx.today)
		problems.push({
			field: 'decidedOn',
			zh: '评估日期不能晚于今天',
			en: 'The date of the decision cannot be in the future'
		});
	else if (ctx.termEnd && d.decidedOn < ctx.termEnd)
		problems.push({
			field: 'decidedOn',
			zh: `评估日期不能早于实施期结束日 ${ctx.termEnd}`,
			en: `The date of the decision cannot be before the term's end, ${ctx.termEnd}`
		});
	if (ctx.sheets === 0)
		problems.push({
			field: '_form',
			zh: '请先录入至少一位专家的评分',
			en: "Record at least one expert's scores first"
		});
	return problems;
}
