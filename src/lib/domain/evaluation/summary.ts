/**
 * The term-end summary (总结报告) of a pilot: when it may be written, what it must hold before it is submitted,
 * and its small state machine — the implementer's draft, submitted to the province, returned with a comment or
 * forwarded to the ministry. Every refusal is a bilingual Problem naming the form field. Pure.
 */
// Repeated blocks here are checks of one shape (if wrong, a bilingual problem naming the field); each states its own rule.
import { addDays, periodEnd, termQuarters } from '../periods';
import { formatMegabytes, PLAN_PARTS } from '../recommendation';
import type { Bilingual } from '../taxonomy';
import { machine, type Rule, type Transition } from '../state-machine';

/** A refusal: the form field it belongs to ('_form' for the summary as a whole) and why, in zh and en. */
export type Problem = { field: string; zh: string; en: string };

export const SUMMARY_STATES = ['draft', 'submitted', 'returned', 'forwarded'] as const;
export type SummaryState = (typeof SUMMARY_STATES)[number];
export const SUMMARY_ACTIONS = ['save', 'submit', 'return', 'forward'] as const;
export type SummaryAction = (typeof SUMMARY_ACTIONS)[number];
export type SummaryRole = 'implementer' | 'province' | 'ministry' | 'admin';

export const SUMMARY_STATE_LABELS: Record<SummaryState, Bilingual> = {
	draft: { zh: '草稿', en: 'Draft' },
	submitted: { zh: '已提交省级审核', en: 'Submitted to the province' },
	returned: { zh: '已退回修改', en: 'Returned for changes' },
	forwarded: { zh: '已报送部级评估', en: 'Forwarded to the ministry' }
};

const RULES: Record<SummaryAction, Rule<SummaryState, SummaryRole>> = {
	save: { from: ['draft', 'returned'], to: 'draft', by: ['implementer', 'admin'], needsText: false },
	submit: { from: ['draft', 'returned'], to: 'submitted', by: ['implementer', 'admin'], needsText: false },
	return: { from: ['submitted'], to: 'returned', by: ['province', 'admin'], needsText: true },
	forward: { from: ['submitted'], to: 'forwarded', by: ['province', 'admin'], needsText: false }
};

export type SummaryTransition = Transition<SummaryState>;

/** The state after `action` by `role`, or why not: the role's action, from an allowed state, with a comment to return. */
export const summaryTransition: (
	state: SummaryState,
	action: SummaryAction,
	role: SummaryRole,
	comment?: string
) => SummaryTransition = machine({
	rules: RULES,
	labels: SUMMARY_STATE_LABELS,
	state: (l) => ({
		zh: `总结报告处于“${l.zh}”状态，不能执行此操作`,
		en: `Not possible while the summary is ${l.en.toLowerCase()}`
	}),
	textRequired: { zh: '退回时请写明意见', en: 'Write a comment when returning the summary' }
});

/** The narrative of the summary: what was done against each of the plan's seven parts, and the rest of the outline. */
export type SummaryContent = {
	/** Keyed '1' … '7', as PLAN_PARTS. */
	parts: Record<string, string>;
	innovations: string;
	problems: string;
	economicBenefit: string;
	environmentalBenefit: string;
	/** 万元, spent over the term. */
	fundsAmount: number | null;
	fundsSource: string;
};

export const EMPTY_SUMMARY: SummaryContent = {
	parts: {},
	innovations: '',
	problems: '',
	economicBenefit: '',
	environmentalBenefit: '',
	fundsAmount: null,
	fundsSource: ''
};

/** The text fields after the seven parts, in form order. */
export const SUMMARY_FIELDS: readonly { key: keyof SummaryContent & string; label: Bilingual }[] = [
	{ key: 'innovations', label: { zh: '主要创新点', en: 'Main innovations' } },
	{ key: 'problems', label: { zh: '存在的问题与建议', en: 'Problems met and suggestions' } },
	{ key: 'economicBenefit', label: { zh: '经济效益', en: 'Economic benefits' } },
	{ key: 'environmentalBenefit', label: { zh: '环境效益', en: 'Environmental benefits' } },
	{ key: 'fundsSource', label: { zh: '资金来源', en: 'Source of funds' } }
];

export const SUMMARY_TEXT_MAX = 20_000;
/** All attachments of one summary together, in bytes. */
export const SUMMARY_FILES_LIMIT = 50 * 1024 * 1024;

const length = (s: string) => Array.from(s).length;
const problem = (field: string, zh: string, en: string): Problem => ({ field, zh, en });

/** The first day a summary may be written: the day after the term's last quarter ends. Throws RangeError on a bad date. */
export function summaryOpensOn(termStart: string): string {
	return addDays(periodEnd(termQuarters(termStart)[3]), 1);
}

/** Problems that refuse even a draft: a text too long, a negative or non-finite amount. */
export function checkSummaryDraft(c: SummaryContent): Problem[] {
	const problems: Problem[] = [];
	const texts: [string, string, Bilingual][] = [
		...PLAN_PARTS.map((p): [string, string, Bilingual] => [`parts.${p.part}`, c.parts[String(p.part)] ?? '', p]),
		...SUMMARY_FIELDS.map((f): [string, string, Bilingual] => [f.key, String(c[f.key] ?? ''), f.label])
	];
	for (const [field, text, label] of texts)
		if (length(text) > SUMMARY_TEXT_MAX)
			problems.push(
				problem(
					field,
					`“${label.zh}”超过 ${SUMMARY_TEXT_MAX} 字（现 ${length(text)} 字）`,
					`"${label.en}" is over ${SUMMARY_TEXT_MAX} characters (${length(text)})`
				)
			);
	if (c.fundsAmount !== null && !(Number.isFinite(c.fundsAmount) && c.fundsAmount >= 0))
		problems.push(
			problem('fundsAmount', '资金金额须为不小于 0 的数（万元）', 'The amount of funds must be a number ≥ 0 (10k yuan)')
		);
	return problems;
}

/**
 * Everything a draft is checked for, plus what submission needs: the term's last quarter has ended (today on or
 * after summaryOpensOn), every one of the seven parts and every other field written, and the funds spent (amount > 0
 * or 0 stated, and their source). [] when it may be submitted.
 */
export function checkSummarySubmission(c: SummaryContent, ctx: { termStart: string; today: string }): Problem[] {
	const problems = [...termProblems(ctx.termStart, ctx.today), ...checkSummaryDraft(c)];
	for (const p of PLAN_PARTS)
		if (!(c.parts[String(p.part)] ?? '').trim())
			problems.push(
				problem(
					`parts.${p.part}`,
					`请填写第${p.part}部分“${p.zh}”的完成情况`,
					`Write what was done for part ${p.part}, "${p.en}"`
				)
			);
	for (const f of SUMMARY_FIELDS)
		if (!String(c[f.key] ?? '').trim())
			problems.push(problem(f.key, `请填写“${f.label.zh}”`, `"${f.label.en}" is required`));
	if (c.fundsAmount === null)
		problems.push(problem('fundsAmount', '请填写实际投入资金（万元）', 'State the funds spent (10k yuan)'));
	return problems;
}

/** Refusal when the term's last quarter has not ended yet (today before summaryOpensOn), else []. */
export function termProblems(termStart: string, today: string): Problem[] {
	const opens = summaryOpensOn(termStart);
	if (today >= opens) return [];
	return [
		problem(
			'_form',
			`实施期最后一个季度尚未结束，${opens} 起方可编写总结报告`,
			`The term's last quarter has not ended; the summary can be written from ${opens}`
		)
	];
}

/**
 * Whether a pilot is overdue with its summary on `today`: no summary has reached the province (none, or still a
 * draft or returned) more than `overdueDays` days after its term ended.
 */
export function isSummaryOverdue(
	termEnd: string | null,
	overdueDays: number,
	state: SummaryState | null,
	today: string
): boolean {
	if (!termEnd) return false;
	if (state === 'submitted' || state === 'forwarded') return false;
	return today > addDays(termEnd, overdueDays);
}

const OFFICE = /\.(pdf|docx?|xlsx?|pptx?)$/i;

/** Problems of an attachment: a PDF or Office file (.pdf .doc(x) .xls(x) .ppt(x)), not empty, and all together within the limit. */
export function checkFile(
	file: { fileName: string; size: number },
	existingTotal: number,
	limit = SUMMARY_FILES_LIMIT
): Problem[] {
	const problems: Problem[] = [];
	if (!OFFICE.test(file.fileName.trim()))
		problems.push(
			problem(
				'file',
				`“${file.fileName}”不是 PDF 或 Office 文件（.pdf .doc .docx .xls .xlsx .ppt .pptx）`,
				`"${file.fileName}" is not a PDF or Office file (.pdf .doc .docx .xls .xlsx .ppt .pptx)`
			)
		);
	if (!(Number.isFinite(file.size) && file.size > 0))
		problems.push(problem('file', `“${file.fileName}”是空文件`, `"${file.fileName}" is empty`));
	const total = existingTotal + file.size;
	if (total > limit) {
		problems.push(
			problem(
				'file',
				`附件合计 ${formatMegabytes(total)}，超过 ${formatMegabytes(limit)} 的上限`,
				`Attachments total ${formatMegabytes(total)}, over the limit of ${formatMegabytes(limit)}`
			)
		);
	}
	return problems;
}
