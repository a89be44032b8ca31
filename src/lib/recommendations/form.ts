/** Reads the recommendation form into the stored draft; the rules themselves live in domain/recommendation.ts. */
import { PLAN_OUTLINE, type Problem, type RecommendationDraft } from '../domain/recommendation';
import { indicatorByCode } from '../domain/indicators';

/** A target the plan states for one indicator (carried into the registry on approval). */
export type PlanTarget = {
	indicatorCode: string;
	baseYear: number | null;
	baseline: number | null;
	targetKind: 'absolute' | 'percent' | null;
	targetValue: number | null;
};
/** What is stored of a recommendation: the draft without its attachments (kept as files), plus the plan's targets. */
export type StoredDraft = Omit<RecommendationDraft, 'attachments'> & { targets: PlanTarget[] };

/** Rows offered for the plan's indicator targets. */
export const TARGET_ROWS = 5;

const numberOrNull = (v: FormDataEntryValue | null): number | null => {
	const s = String(v ?? '').trim();
	if (s === '') return null;
	const n = Number(s);
	return Number.isFinite(n) ? n : NaN;
};

/**
 * The draft as typed. Numbers that do not read as numbers become NaN, so the domain check names the field instead of
 * the value silently disappearing; empty target rows are dropped.
 */
export function draftFromForm(form: FormData, provinceCode: string): StoredDraft {
	const text = (name: string) => String(form.get(name) ?? '').trim();
	const category = numberOrNull(form.get('category'));
	return {
		projectName: text('projectName'),
		applicantName: text('applicantName'),
		applicantType: text('applicantType'),
		category,
		industries: [
			...form.getAll('industry').map(String),
			...text('otherIndustry')
				.split(/[,，、;；]/)
				.map((s) => s.trim())
				.filter(Boolean)
				.map((s) => `other:${s}`)
		],
		provinceCode,
		airRegion: text('airRegion') || null,
		basin: text('basin') || null,
		enterprises: numberOrNull(form.get('enterprises')),
		attestations: {
			noInspectionIssue: form.get('noInspectionIssue') === 'on',
			noMediaExposure: form.get('noMediaExposure') === 'on',
			hasBasis: form.get('hasBasis') === 'on',
			hasFunding: form.get('hasFunding') === 'on',
			fundingSource: text('fundingSource'),
			fundingAmount: numberOrNull(form.get('fundingAmount'))
		},
		plan: Object.fromEntries(PLAN_OUTLINE.map((p) => [p.key, text(`plan.${p.key}`)])),
		targets: Array.from({ length: TARGET_ROWS }, (_, i) => ({
			indicatorCode: text(`target.${i}.indicator`),
			baseYear: numberOrNull(form.get(`target.${i}.baseYear`)),
			baseline: numberOrNull(form.get(`target.${i}.baseline`)),
			targetKind: (['absolute', 'percent'].includes(text(`target.${i}.kind`)) ? text(`target.${i}.kind`) : null) as
				'absolute' | 'percent' | null,
			targetValue: numberOrNull(form.get(`target.${i}.value`))
		})).filter((t) => t.indicatorCode !== '')
	};
}

/** Target rows that name an unknown indicator or hold a number that is not one. */
export function targetProblems(targets: readonly PlanTarget[]): Problem[] {
	const problems: Problem[] = [];
	targets.forEach((t, i) => {
		const row = i + 1;
		if (!indicatorByCode(t.indicatorCode))
			problems.push({
				field: `target.${i}.indicator`,
				zh: `第 ${row} 行目标：未知指标“${t.indicatorCode}”`,
				en: `Target row ${row}: unknown indicator "${t.indicatorCode}"`
			});
		for (const [key, value] of [
			['baseYear', t.baseYear],
			['baseline', t.baseline],
			['value', t.targetValue]
		] as const)
			if (value !== null && !(Number.isFinite(value) && value >= 0))
				problems.push({
					field: `target.${i}.${key}`,
					zh: `第 ${row} 行目标：应为不小于 0 的数字`,
					en: `Target row ${row}: must be a number ≥ 0`
				});
	});
	return problems;
}
