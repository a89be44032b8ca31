/**
 * Recommendation intake (推荐): the rules by which provinces recommend pilots for a batch, from the notice
 * 环办科财函〔2023〕79号 (sections 三, 四, 六 and the annex outline of the implementation plan); the state machine is in
 * recommendation-states.ts. Every refusal is a bilingual Problem naming the form field. Pure.
 */
// Repeated blocks here are checks of one shape (if wrong, a bilingual problem naming the field); each states its own rule.
import { provinceByCode } from './provinces';
import {
	AIR_REGIONS,
	BASINS,
	BODY_TYPE_LABELS,
	CATEGORY_LABELS,
	INDUSTRY_LABELS,
	allowedBodyTypes,
	isBodyType,
	isCategory,
	isIndustry,
	type Bilingual,
	type Category
} from './taxonomy';

/** A refusal: the form field it belongs to (FORM_FIELD for the recommendation as a whole) and why, in zh and en. */
export type Problem = { field: string; zh: string; en: string };

/** The field of problems about the whole recommendation rather than one input (deadline, quota). */
export const FORM_FIELD = '_form';

/** What a batch's call for recommendations fixes; a later batch changes these, not the code. */
export type BatchSettings = {
	number: number;
	year: number;
	/** YYYY-MM-DD, the last day accepted, as a China date. */
	deadline: string;
	quotaPerProvince: number;
	packageLimitBytes: number;
	openCategories: number[];
};

/** Batch 2 as announced by the notice: deadline 2023-04-07, at most 5 per province, 50 MB, all four categories. */
export const DEFAULT_BATCH_SETTINGS: BatchSettings = {
	number: 2,
	year: 2023,
	deadline: '2023-04-07',
	quotaPerProvince: 5,
	packageLimitBytes: 50 * 1024 * 1024,
	openCategories: [1, 2, 3, 4]
};

/** The seven parts of the annex 《清洁生产审核创新试点实施方案》编制大纲, numbered 1–7. */
export const PLAN_PARTS: readonly (Bilingual & { part: number })[] = [
	{ part: 1, zh: '试点对象基本概况', en: 'Overview of the pilot' },
	{ part: 2, zh: '试点基础', en: 'Basis of the pilot' },
	{ part: 3, zh: '试点工作目标', en: 'Goals' },
	{ part: 4, zh: '试点工作内容', en: 'Content of the work' },
	{ part: 5, zh: '试点工作特色及主要创新点', en: 'Distinctive features and main innovations' },
	{ part: 6, zh: '试点项目实施计划', en: 'Implementation schedule' },
	{ part: 7, zh: '试点预期产出成果及效益', en: 'Expected outputs and benefits' }
];

/** The plan's text fields in annex order: each sub-section of the outline, or the part itself when it has none. */
export const PLAN_OUTLINE: readonly { key: string; part: number; zh: string; en: string }[] = [
	{ key: 'overview.scope', part: 1, zh: '试点对象范围与区位', en: 'Scope and location' },
	{ key: 'overview.industry', part: 1, zh: '试点对象产业概况', en: 'Industry profile' },
	{ key: 'basis.environment', part: 2, zh: '环境现状与主要问题', en: 'Environmental status and main problems' },
	{ key: 'basis.cleanerProduction', part: 2, zh: '清洁生产工作基础', en: 'Cleaner-production basis' },
	{ key: 'goals', part: 3, zh: '试点工作目标', en: 'Goals' },
	{ key: 'content.work', part: 4, zh: '试点内容', en: 'Content of the work' },
	{ key: 'content.methods', part: 4, zh: '试点方法及技术路线', en: 'Methods and technical route' },
	{ key: 'innovation', part: 5, zh: '试点工作特色及主要创新点', en: 'Distinctive features and main innovations' },
	{ key: 'schedule', part: 6, zh: '试点项目实施计划', en: 'Implementation schedule' },
	{ key: 'outcomes', part: 7, zh: '试点预期产出成果及效益', en: 'Expected outputs and benefits' }
];

/** Longest accepted project name and plan section, in characters (code points). */
export const PROJECT_NAME_MAX = 100;
export const PLAN_FIELD_MAX = 20_000;

/** The applicant's attestations required by notice 四(二) and 四(三); fundingAmount in 万元. */
export type Attestations = {
	noInspectionIssue: boolean;
	noMediaExposure: boolean;
	hasBasis: boolean;
	hasFunding: boolean;
	fundingSource: string;
	fundingAmount: number | null;
};

/** A file of the package: the provincial recommendation letter or the implementation plan. */
export type Attachment = { kind: 'letter' | 'plan'; fileName: string; size: number };

/** A recommendation as the province edits it; industries are INDUSTRIES codes or 'other:<name>'. */
export type RecommendationDraft = {
	projectName: string;
	applicantName: string;
	/** A BodyType. */
	applicantType: string;
	category: number | null;
	industries: string[];
	provinceCode: string | null;
	airRegion: string | null;
	basin: string | null;
	enterprises: number | null;
	attestations: Attestations;
	plan: Record<string, string>;
	attachments: Attachment[];
};

const problem = (field: string, zh: string, en: string): Problem => ({ field, zh, en });
const length = (s: string) => Array.from(s).length;
const NUMERALS = ['', '一', '二', '三', '四'];
const MB = 1024 * 1024;

/** The e-mail subject the notice prescribes (“2023+项目名称+申报单位名称”), each part trimmed. */
export function emailSubject(year: number, projectName: string, applicantName: string): string {
	return `${year}+${projectName.trim()}+${applicantName.trim()}`;
}

/** Bytes as MB with one decimal, rounded up so that a package over the limit never shows as equal to it. */
export function formatMegabytes(bytes: number): string {
	return `${(Math.ceil((bytes / MB) * 10) / 10).toFixed(1)} MB`;
}

function joinOr(items: string[], sep: string, or: string): string {
	return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(sep)}${or}${items[items.length - 1]}`;
}

function applicantTypeProblem(category: Category, type: string): Problem | null {
	if (!isBodyType(type)) return null;
	const allowed = allowedBodyTypes(category);
	if (allowed.includes(type)) return null;
	const which = category === 4 ? '第（四）类' : '第（一）（二）（三）类';
	return problem(
		'applicantType',
		`${which}试点申报与实施主体为${joinOr(
			allowed.map((t) => BODY_TYPE_LABELS[t].zh),
			'、',
			'或'
		)}（通知第三条），“${BODY_TYPE_LABELS[type].zh}”不能申报第${NUMERALS[category]}类试点`,
		`Under section 3 of the notice, category ${category} pilots are applied for by: ${joinOr(
			allowed.map((t) => BODY_TYPE_LABELS[t].en.toLowerCase()),
			', ',
			' or '
		)}; a ${BODY_TYPE_LABELS[type].en.toLowerCase()} cannot apply`
	);
}

function industryProblems(industries: string[]): Problem[] {
	if (industries.length === 0) return [problem('industries', '请至少选择一个行业', 'Choose at least one industry')];
	const problems: Problem[] = [];
	const seen = new Set<string>();
	for (const industry of industries) {
		const other = /^other:(.*)$/s.exec(industry);
		if (other ? other[1].trim() === '' : !isIndustry(industry))
			problems.push(
				problem(
					'industries',
					`“${industry}”不是重点行业，其他行业请写明名称`,
					`"${industry}" is not a key industry; name any other industry`
				)
			);
		else if (seen.has(industry))
			problems.push(problem('industries', `行业“${industry}”重复`, `Industry "${industry}" is listed twice`));
		seen.add(industry);
	}
	return problems;
}

/**
 * What a recommendation must satisfy to be saved at all: names, applicant type (allowed for the category,
 * notice 三), an open category, known industries, province, optional region/basin codes, enterprises as an
 * integer ≥ 1 when given, a non-negative funding amount when given, and known plan sections of ≤ 20,000
 * characters each. [] when it may be saved.
 */
export function checkDraft(d: RecommendationDraft, batch: BatchSettings): Problem[] {
	const problems: Problem[] = [];
	const name = d.projectName.trim();
	if (!name) problems.push(problem('projectName', '请填写项目名称', 'Enter the project name'));
	else if (length(name) > PROJECT_NAME_MAX)
		problems.push(
			problem(
				'projectName',
				`项目名称不能超过 ${PROJECT_NAME_MAX} 个字（现为 ${length(name)} 个）`,
				`The project name may have at most ${PROJECT_NAME_MAX} characters (it has ${length(name)})`
			)
		);
	if (!d.applicantName.trim())
		problems.push(problem('applicantName', '请填写申报单位名称', 'Enter the applicant’s name'));
	if (!isBodyType(d.applicantType))
		problems.push(problem('applicantType', '请选择申报与实施主体类型', 'Choose the type of applicant'));
	const open = batch.openCategories.filter(isCategory);
	if (d.category === null) problems.push(problem('category', '请选择试点类别', 'Choose the category'));
	else if (!isCategory(d.category) || !open.includes(d.category))
		problems.push(
			problem(
				'category',
				`第${d.category}类不在本批次开放的试点类别（${open.join('、')}）之内`,
				`Category ${d.category} is not open in this batch (open: ${open.join(', ')})`
			)
		);
	else {
		const typeProblem = applicantTypeProblem(d.category, d.applicantType);
		if (typeProblem) problems.push(typeProblem);
	}
	problems.push(...industryProblems(d.industries));
	if (d.provinceCode === null || !provinceByCode(d.provinceCode))
		problems.push(problem('provinceCode', '请选择推荐省份', 'Choose the recommending province'));
	if (d.airRegion !== null && !(AIR_REGIONS as readonly string[]).includes(d.airRegion))
		problems.push(problem('airRegion', '未知的重点区域', 'Unknown key air region'));
	if (d.basin !== null && !(BASINS as readonly string[]).includes(d.basin))
		problems.push(problem('basin', '未知的重点流域', 'Unknown key river basin'));
	if (d.enterprises !== null && !(Number.isInteger(d.enterprises) && d.enterprises >= 1))
		problems.push(
			problem('enterprises', '企业数量应为不小于 1 的整数', 'The number of enterprises must be a whole number ≥ 1')
		);
	const amount = d.attestations.fundingAmount;
	if (amount !== null && !(Number.isFinite(amount) && amount >= 0))
		problems.push(
			problem('attestations.fundingAmount', '资金金额应为非负数（万元）', 'The funding must be a number ≥ 0 (10k CNY)')
		);
	for (const [key, text] of Object.entries(d.plan)) {
		const section = PLAN_OUTLINE.find((s) => s.key === key);
		if (!section) problems.push(problem(`plan.${key}`, '实施方案没有这一部分', 'The plan has no such section'));
		else if (length(text) > PLAN_FIELD_MAX)
			problems.push(
				problem(
					`plan.${key}`,
					`“${section.zh}”不能超过 ${PLAN_FIELD_MAX} 字（现为 ${length(text)} 字）`,
					`"${section.en}" may have at most ${PLAN_FIELD_MAX} characters (it has ${length(text)})`
				)
			);
	}
	return problems;
}

const ATTESTATIONS: { key: 'noInspectionIssue' | 'noMediaExposure' | 'hasBasis' | 'hasFunding'; text: Bilingual }[] = [
	{
		key: 'noInspectionIssue',
		text: {
			zh: '试点对象 3 年内未被中央生态环境保护督察指出突出生态环境问题',
			en: 'no prominent ecological problem was found by the central environmental inspection within 3 years'
		}
	},
	{
		key: 'noMediaExposure',
		text: {
			zh: '试点对象 3 年内未因环境问题被省级以上媒体曝光',
			en: 'no exposure over an environmental problem by provincial-or-higher media within 3 years'
		}
	},
	{
		key: 'hasBasis',
		text: { zh: '具有良好的清洁生产工作基础', en: 'a good working basis in cleaner production' }
	},
	{ key: 'hasFunding', text: { zh: '具有明确的资金支持', en: 'clear funding' } }
];

/** The file's problems alone: PDF or Word (.pdf .doc .docx, any case) and not empty. */
function fileProblems(file: { fileName: string; size: number }): Problem[] {
	const problems: Problem[] = [];
	if (!/\.(pdf|docx?)$/i.test(file.fileName.trim()))
		problems.push(
			problem(
				'attachments',
				`“${file.fileName}”不是 PDF 或 Word 文件（.pdf、.doc、.docx）`,
				`"${file.fileName}" is not a PDF or Word file (.pdf, .doc, .docx)`
			)
		);
	if (!(Number.isFinite(file.size) && file.size > 0))
		problems.push(problem('attachments', `“${file.fileName}”是空文件`, `"${file.fileName}" is empty`));
	return problems;
}

function totalProblem(total: number, limit: number): Problem | null {
	if (total <= limit) return null;
	return problem(
		'attachments',
		`材料电子件总大小 ${formatMegabytes(total)}，超过 ${formatMegabytes(limit)} 的上限`,
		`The package totals ${formatMegabytes(total)}, over the limit of ${formatMegabytes(limit)}`
	);
}

/** An upload's problems: PDF or Word only, not empty, and the package including it within the batch's limit. */
export function checkAttachment(
	file: { fileName: string; size: number },
	existingTotal: number,
	batch: BatchSettings
): Problem[] {
	const problems = fileProblems(file);
	const over = totalProblem(existingTotal + file.size, batch.packageLimitBytes);
	return over ? [...problems, over] : problems;
}

/**
 * Everything checkDraft checks, plus what submission needs (notice 四, 六): today not after the deadline, the
 * province under its quota, all four attestations with a funding source and an amount > 0, a category-4 pilot
 * naming its key air region or basin, every plan section written, at least one recommendation letter and one
 * plan file, each PDF/Word and not empty, and the package within the size limit. [] when it may be submitted.
 * Throws RangeError when today or the deadline is not YYYY-MM-DD.
 */
export function checkSubmission(
	d: RecommendationDraft,
	batch: BatchSettings,
	ctx: { today: string; submittedInProvince: number }
): Problem[] {
	for (const date of [ctx.today, batch.deadline])
		if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
	const problems: Problem[] = [];
	if (ctx.today > batch.deadline)
		problems.push(
			problem(
				FORM_FIELD,
				`第${batch.number}批推荐截止日期为 ${batch.deadline}，逾期不予受理`,
				`Recommendations for batch ${batch.number} closed on ${batch.deadline}; late ones are not accepted`
			)
		);
	if (ctx.submittedInProvince >= batch.quotaPerProvince)
		problems.push(
			problem(
				FORM_FIELD,
				`本省已推荐 ${ctx.submittedInProvince} 个项目；每省推荐数量原则上不超过 ${batch.quotaPerProvince} 个`,
				`This province has already recommended ${ctx.submittedInProvince}; at most ${batch.quotaPerProvince} per province`
			)
		);
	problems.push(...checkDraft(d, batch));
	const a = d.attestations;
	for (const { key, text } of ATTESTATIONS)
		if (a[key] !== true)
			problems.push(problem(`attestations.${key}`, `请确认：${text.zh}`, `Please confirm ${text.en}`));
	if (!a.fundingSource.trim())
		problems.push(problem('attestations.fundingSource', '请写明资金来源', 'Name the source of funding'));
	if (!(a.fundingAmount !== null && Number.isFinite(a.fundingAmount) && a.fundingAmount > 0))
		problems.push(
			problem('attestations.fundingAmount', '请填写大于 0 的资金金额（万元）', 'Enter a funding amount > 0 (10k CNY)')
		);
	if (d.category === 4 && d.airRegion === null && d.basin === null)
		problems.push(
			problem('airRegion', '第四类试点请选择重点区域或重点流域', 'A category 4 pilot names its key air region or basin')
		);
	for (const section of PLAN_OUTLINE)
		if (!(d.plan[section.key] ?? '').trim())
			problems.push(problem(`plan.${section.key}`, `请填写“${section.zh}”`, `Write the section "${section.en}"`));
	if (!d.attachments.some((f) => f.kind === 'letter'))
		problems.push(
			problem(
				'attachments.letter',
				'请上传省级生态环境和发展改革部门推荐函',
				'Upload the recommendation letter of the provincial ecology-environment and development-reform departments'
			)
		);
	if (!d.attachments.some((f) => f.kind === 'plan'))
		problems.push(problem('attachments.plan', '请上传实施方案', 'Upload the implementation plan'));
	for (const file of d.attachments) problems.push(...fileProblems(file));
	const over = totalProblem(
		d.attachments.reduce((sum, f) => sum + f.size, 0),
		batch.packageLimitBytes
	);
	if (over) problems.push(over);
	return problems;
}

/**
 * Whether a recommendation deserves priority (notice 四(一): 优先支持第一批试点项目未覆盖的重点行业和园区类型):
 * a key industry (never an 'other:*' one), its category, or — for a park applicant — the park type that batch 1
 * did not cover, each named in a reason.
 */
export function priorityMark(
	d: { industries: string[]; category: number | null; applicantType: string },
	batch1: { industries: string[]; categories: number[]; applicantTypes: string[] }
): { isPriority: boolean; reasons: Bilingual[] } {
	const reasons: Bilingual[] = [];
	for (const industry of new Set(d.industries))
		if (isIndustry(industry) && !batch1.industries.includes(industry))
			reasons.push({
				zh: `重点行业“${INDUSTRY_LABELS[industry].zh}”第一批试点未覆盖`,
				en: `Key industry "${INDUSTRY_LABELS[industry].en}" was not covered by batch 1`
			});
	if (d.category !== null && isCategory(d.category) && !batch1.categories.includes(d.category))
		reasons.push({
			zh: `试点类别“${CATEGORY_LABELS[d.category].zh}”第一批试点未覆盖`,
			en: `Category "${CATEGORY_LABELS[d.category].en}" was not covered by batch 1`
		});
	if (d.applicantType === 'park' && !batch1.applicantTypes.includes('park'))
		reasons.push({
			zh: `主体类型“${BODY_TYPE_LABELS.park.zh}”第一批试点未覆盖`,
			en: `Applicant type "${BODY_TYPE_LABELS.park.en}" was not covered by batch 1`
		});
	return { isPriority: reasons.length > 0, reasons };
}

export * from './recommendation-states';
