/**
 * Typical cases (典型案例): what an analyst writes about a pilot, the EU-LIFE-style criteria checklist, and the frozen
 * figures a published case carries. Pure: the form reader and the publication rules are tested on their own.
 */
import type { Bilingual } from '../domain/taxonomy';

export const CASE_STATES = ['draft', 'published', 'withdrawn'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** The write-up's parts, in reading order. */
export const CASE_SECTIONS = ['background', 'measures', 'results', 'experience', 'transfer', 'contacts'] as const;
export type CaseSection = (typeof CASE_SECTIONS)[number];

/** The criteria a case is judged by (after the EU LIFE programme's best-project criteria). */
export const CASE_CRITERIA = ['innovation', 'transferability', 'policyRelevance', 'costEffectiveness'] as const;
export type CaseCriterion = (typeof CASE_CRITERIA)[number];

export type CaseContent = {
	title: Bilingual;
	sections: Record<CaseSection, Bilingual>;
	criteria: Record<CaseCriterion, { isMet: boolean; note: Bilingual }>;
	/** Indicator codes whose figures and charts the case shows. */
	indicators: string[];
};

export type CaseProblem = { field: string; zh: string; en: string };

const empty = (): Bilingual => ({ zh: '', en: '' });

/** A blank write-up, titled after the pilot. */
export function blankContent(title: Bilingual): CaseContent {
	return {
		title,
		sections: Object.fromEntries(CASE_SECTIONS.map((s) => [s, empty()])) as Record<CaseSection, Bilingual>,
		criteria: Object.fromEntries(
			CASE_CRITERIA.map((c) => [c, { isMet: false, note: empty() }])
		) as CaseContent['criteria'],
		indicators: []
	};
}

const MAX_TITLE = 120;
const MAX_TEXT = 5000;

/**
 * The write-up in a submitted form (fields `title.zh`, `background.en`, `criterion.innovation`, `note.innovation.zh`,
 * `indicator` repeated), checked against its limits and the pilot's own indicators. Problems name the field and say
 * why in both languages; nothing is kept when there is one.
 */
export function contentFromForm(
	form: FormData,
	pilotIndicators: readonly string[]
): { content: CaseContent; problems: CaseProblem[] } {
	const text = (name: string) => String(form.get(name) ?? '').trim();
	const problems: CaseProblem[] = [];
	const pair = (prefix: string, max: number): Bilingual => {
		const value = { zh: text(`${prefix}.zh`), en: text(`${prefix}.en`) };
		for (const lang of ['zh', 'en'] as const)
			if (value[lang].length > max)
				problems.push({
					field: `${prefix}.${lang}`,
					zh: `不能超过 ${max} 个字符（现有 ${value[lang].length} 个）`,
					en: `At most ${max} characters (this has ${value[lang].length})`
				});
		return value;
	};
	const title = pair('title', MAX_TITLE);
	if (!title.zh) problems.push({ field: 'title.zh', zh: '请填写中文标题', en: 'A Chinese title is required' });
	const sections = Object.fromEntries(CASE_SECTIONS.map((s) => [s, pair(s, MAX_TEXT)])) as CaseContent['sections'];
	const criteria = Object.fromEntries(
		CASE_CRITERIA.map((c) => [c, { isMet: form.get(`criterion.${c}`) === 'on', note: pair(`note.${c}`, MAX_TEXT) }])
	) as CaseContent['criteria'];
	const indicators = form.getAll('indicator').map(String);
	for (const code of indicators)
		if (!pilotIndicators.includes(code))
			problems.push({
				field: 'indicator',
				zh: `指标 ${code} 不是本试点的指标`,
				en: `Indicator ${code} is not one of this pilot's`
			});
	return { content: { title, sections, criteria, indicators: [...new Set(indicators)] }, problems };
}

/** The sections a case cannot be published without (in Chinese, the language of record). */
export const REQUIRED_SECTIONS: readonly CaseSection[] = ['background', 'measures', 'results', 'experience'];

/** Why the write-up cannot be published yet (empty when it can): required sections, and at least one indicator. */
export function publicationProblems(content: CaseContent): CaseProblem[] {
	const problems: CaseProblem[] = REQUIRED_SECTIONS.filter((s) => !content.sections[s].zh).map((s) => ({
		field: `${s}.zh`,
		zh: '发布前须填写此部分（中文）',
		en: 'This part (in Chinese) is required before publishing'
	}));
	if (content.indicators.length === 0)
		problems.push({
			field: 'indicator',
			zh: '发布前须至少选择一个指标',
			en: 'Choose at least one indicator before publishing'
		});
	return problems;
}

/**
 * One reported quarter as published, with where it came from: the revision number and content hash of its upload
 * (never the file's name) and the approver's display name (never a username).
 */
export type FrozenPoint = {
	period: string;
	value: number;
	improvement: number | null;
	revision: number;
	sha256: string;
	approvedBy: string;
	approvedOn: string;
};

export type FrozenIndicator = {
	code: string;
	unit: string;
	baseline: number | null;
	target: number | null;
	points: FrozenPoint[];
};

/** A published case as the public sees it: its text and the figures frozen at publication. No enterprise-level data. */
export type PublishedCase = {
	slug: string;
	pilotCode: string;
	isDemo: boolean;
	content: CaseContent;
	pilot: {
		name: Bilingual;
		provinceCode: string | null;
		category: number | null;
		industries: string[];
		airRegion: string | null;
		basin: string | null;
		batch: { number: number; name: Bilingual };
		termStart: string | null;
		termEnd: string | null;
	};
	indicators: FrozenIndicator[];
	score: number | null;
	/** The day (China time) the figures were frozen, i.e. the publication day. */
	frozenOn: string;
	publishedAt: number;
};
