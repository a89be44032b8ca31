/** Reading the summary and score-sheet forms into the domain's shapes (no checks: the domain checks). */
import { PLAN_PARTS } from '$lib/domain/recommendation';
import { SUMMARY_FIELDS, type SummaryContent } from '$lib/domain/evaluation/summary';
import type { Criterion, ScoreSheet } from '$lib/domain/evaluation/scoring';

/** A number typed by a person: blank → null, full-width digits and separators accepted, anything else → NaN. */
export function numberOf(value: FormDataEntryValue | null): number | null {
	const text = String(value ?? '')
		.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/[,，\s]/g, '');
	if (text === '') return null;
	return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
}

/** The summary's content from its form: parts.1 … parts.7, the other text fields and the funds. */
export function contentFromForm(form: FormData): SummaryContent {
	const text = (name: string) => String(form.get(name) ?? '');
	const content = {
		parts: Object.fromEntries(PLAN_PARTS.map((p) => [String(p.part), text(`parts.${p.part}`)])),
		fundsAmount: numberOf(form.get('fundsAmount'))
	} as SummaryContent;
	for (const f of SUMMARY_FIELDS) (content as Record<string, unknown>)[f.key] = text(f.key);
	return content;
}

/** An expert's score sheet from its form: expert, comment and score.<criterion key>. */
export function sheetFromForm(form: FormData, criteria: readonly Criterion[]): ScoreSheet {
	return {
		expert: String(form.get('expert') ?? ''),
		comment: String(form.get('comment') ?? ''),
		scores: Object.fromEntries(criteria.map((c) => [c.key, numberOf(form.get(`score.${c.key}`))]))
	};
}
