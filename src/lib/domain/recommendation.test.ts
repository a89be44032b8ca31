// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_BATCH_SETTINGS,
	FORM_FIELD,
	PLAN_OUTLINE,
	PLAN_PARTS,
	RECOMMENDATION_ACTIONS,
	RECOMMENDATION_STATES,
	checkAttachment,
	checkDraft,
	checkSubmission,
	countsTowardsQuota,
	emailSubject,
	formatMegabytes,
	priorityMark,
	transition,
	type Attestations,
	type RecommendationAction,
	type RecommendationDraft,
	type RecommendationRole,
	type RecommendationState
} from './recommendation';
import { BODY_TYPES } from './taxonomy';

const MB = 1024 * 1024;
const batch = DEFAULT_BATCH_SETTINGS;
const ctx = { today: '2023-03-20', submittedInProvince: 0 };

const plan = Object.fromEntries(PLAN_OUTLINE.map((s) => [s.key, `${s.zh}：示例文字`]));
const attestations: Attestations = {
	noInspectionIssue: true,
	noMediaExposure: true,
	hasBasis: true,
	hasFunding: true,
	fundingSource: '省级生态环境专项资金',
	fundingAmount: 200
};

/** A complete, submittable category-2 recommendation by a park (fictional, 示例). */
function draft(patch: Partial<RecommendationDraft> = {}): RecommendationDraft {
	return {
		projectName: '示例园区清洁生产整体审核创新试点',
		applicantName: '示例园区管委会',
		applicantType: 'park',
		category: 2,
		industries: ['dyeing', 'other:轴承'],
		provinceCode: '320000',
		airRegion: 'yrd',
		basin: null,
		enterprises: 30,
		attestations,
		plan,
		attachments: [
			{ kind: 'letter', fileName: '推荐函.pdf', size: 2 * MB },
			{ kind: 'plan', fileName: '实施方案.docx', size: 10 * MB }
		],
		...patch
	};
}

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('emailSubject', () => {
	it('joins year, trimmed project name and trimmed applicant with +', () => {
		expect(emailSubject(2023, ' 某园区清洁生产审核创新试点 ', '某园区管委会')).toBe(
			'2023+某园区清洁生产审核创新试点+某园区管委会'
		);
		expect(emailSubject(2024, 'A', ' B ')).toBe('2024+A+B');
	});
});

describe('settings and outline', () => {
	it('defaults to batch 2 of the notice', () => {
		expect(DEFAULT_BATCH_SETTINGS).toEqual({
			number: 2,
			year: 2023,
			deadline: '2023-04-07',
			quotaPerProvince: 5,
			packageLimitBytes: 52_428_800,
			openCategories: [1, 2, 3, 4]
		});
	});

	it('has the annex’s 7 parts and 10 text fields in order, every part covered', () => {
		expect(PLAN_PARTS.map((p) => p.part)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(PLAN_OUTLINE.map((s) => `${s.part} ${s.key}`)).toEqual([
			'1 overview.scope',
			'1 overview.industry',
			'2 basis.environment',
			'2 basis.cleanerProduction',
			'3 goals',
			'4 content.work',
			'4 content.methods',
			'5 innovation',
			'6 schedule',
			'7 outcomes'
		]);
		expect(PLAN_PARTS[1].zh).toBe('试点基础');
		expect(PLAN_OUTLINE[2].zh).toBe('环境现状与主要问题');
	});
});

describe('a complete recommendation', () => {
	it('passes both checks', () => {
		expect(checkDraft(draft(), batch)).toEqual([]);
		expect(checkSubmission(draft(), batch, ctx)).toEqual([]);
	});
});

describe('checkDraft: required and well-formed fields', () => {
	const cases: [string, Partial<RecommendationDraft>, string[]][] = [
		['empty project name', { projectName: '   ' }, ['projectName']],
		['project name of 101 characters', { projectName: '试'.repeat(101) }, ['projectName']],
		['project name of exactly 100 characters', { projectName: '试'.repeat(100) }, []],
		['empty applicant name', { applicantName: '' }, ['applicantName']],
		['unknown applicant type', { applicantType: 'company' }, ['applicantType']],
		['no category', { category: null }, ['category']],
		['category 5', { category: 5 }, ['category']],
		['no industry', { industries: [] }, ['industries']],
		['unknown industry code', { industries: ['bearings'] }, ['industries']],
		['other industry without a name', { industries: ['other: '] }, ['industries']],
		['the same industry twice', { industries: ['paper', 'paper'] }, ['industries']],
		['only an other industry', { industries: ['other:轴承'] }, []],
		['no province', { provinceCode: null }, ['provinceCode']],
		['unknown province', { provinceCode: '999999' }, ['provinceCode']],
		['XPCC', { provinceCode: 'XPCC' }, []],
		['unknown air region', { airRegion: 'mars' }, ['airRegion']],
		['unknown basin', { basin: 'nile' }, ['basin']],
		['enterprises 0', { enterprises: 0 }, ['enterprises']],
		['enterprises 2.5', { enterprises: 2.5 }, ['enterprises']],
		['enterprises not given', { enterprises: null }, []],
		['enterprises 1', { enterprises: 1 }, []],
		['negative funding', { attestations: { ...attestations, fundingAmount: -1 } }, ['attestations.fundingAmount']],
		['plan section of 20,001 characters', { plan: { goals: 'x'.repeat(20_001) } }, ['plan.goals']],
		['plan section of exactly 20,000 characters', { plan: { goals: 'x'.repeat(20_000) } }, []],
		['unknown plan section', { plan: { ...plan, budget: '…' } }, ['plan.budget']],
		['an incomplete plan (fine for a draft)', { plan: { goals: '' } }, []]
	];
	for (const [name, patch, expected] of cases)
		it(`${name} → ${expected.join(', ') || 'ok'}`, () => {
			expect(fields(checkDraft(draft(patch), batch))).toEqual(expected);
		});

	it('refuses a category the batch has not opened, naming the open ones', () => {
		const problems = checkDraft(draft({ category: 4, applicantType: 'provincial_dept' }), {
			...batch,
			openCategories: [1, 2, 3]
		});
		expect(problems).toEqual([
			{
				field: 'category',
				zh: '第4类不在本批次开放的试点类别（1、2、3）之内',
				en: 'Category 4 is not open in this batch (open: 1, 2, 3)'
			}
		]);
	});

	it('says what and why in both languages', () => {
		const [p] = checkDraft(draft({ projectName: '试'.repeat(101) }), batch);
		expect(p.zh).toBe('项目名称不能超过 100 个字（现为 101 个）');
		expect(p.en).toBe('The project name may have at most 100 characters (it has 101)');
	});
});

describe('applicant type by category (notice 三)', () => {
	const allowed: Record<number, string[]> = {
		1: ['park', 'county_gov', 'prefecture_dept'],
		2: ['park', 'county_gov', 'prefecture_dept'],
		3: ['park', 'county_gov', 'prefecture_dept'],
		4: ['provincial_dept']
	};
	for (const category of [1, 2, 3, 4])
		for (const type of BODY_TYPES) {
			const isAllowed = allowed[category].includes(type);
			it(`category ${category}, ${type}: ${isAllowed ? 'ok' : 'refused'}`, () => {
				const problems = checkDraft(draft({ category, applicantType: type }), batch);
				if (isAllowed) expect(problems).toEqual([]);
				else {
					expect(fields(problems)).toEqual(['applicantType']);
					expect(problems[0].zh).toContain(
						category === 4
							? '第（四）类试点申报与实施主体为省级政府组成部门'
							: '园区管理机构、县级及以上政府或地市级及以上政府组成部门'
					);
					expect(problems[0].en).toContain(`category ${category} pilots`);
				}
			});
		}
});

describe('checkSubmission: quota (at most 5 per province)', () => {
	const cases: [number, boolean][] = [
		[0, true],
		[4, true],
		[5, false],
		[6, false]
	];
	for (const [submitted, isOk] of cases)
		it(`${submitted} already submitted → ${isOk ? 'ok' : 'refused'}`, () => {
			const problems = checkSubmission(draft(), batch, { ...ctx, submittedInProvince: submitted });
			if (isOk) expect(problems).toEqual([]);
			else {
				expect(fields(problems)).toEqual([FORM_FIELD]);
				expect(problems[0].zh).toContain('每省推荐数量原则上不超过 5 个');
				expect(problems[0].en).toContain('at most 5 per province');
			}
		});

	it('follows the batch’s quota', () => {
		expect(
			checkSubmission(draft(), { ...batch, quotaPerProvince: 3 }, { ...ctx, submittedInProvince: 3 })
		).toHaveLength(1);
	});
});

describe('checkSubmission: deadline (last day accepted)', () => {
	const cases: [string, boolean][] = [
		['2023-03-03', true],
		['2023-04-07', true],
		['2023-04-08', false],
		['2024-01-01', false]
	];
	for (const [today, isOk] of cases)
		it(`${today} → ${isOk ? 'ok' : 'refused'}`, () => {
			const problems = checkSubmission(draft(), batch, { ...ctx, today });
			if (isOk) expect(problems).toEqual([]);
			else
				expect(problems).toEqual([
					{
						field: FORM_FIELD,
						zh: '第2批推荐截止日期为 2023-04-07，逾期不予受理',
						en: 'Recommendations for batch 2 closed on 2023-04-07; late ones are not accepted'
					}
				]);
		});

	it('throws on a date that is not YYYY-MM-DD', () => {
		expect(() => checkSubmission(draft(), batch, { ...ctx, today: '2023/4/7' })).toThrow(RangeError);
	});
});

describe('checkSubmission: attestations (notice 四(二), 四(三))', () => {
	const cases: [string, Partial<Attestations>, string, string][] = [
		['no inspection issue', { noInspectionIssue: false }, 'attestations.noInspectionIssue', '中央生态环境保护督察'],
		['no media exposure', { noMediaExposure: false }, 'attestations.noMediaExposure', '省级以上媒体曝光'],
		['working basis', { hasBasis: false }, 'attestations.hasBasis', '清洁生产工作基础'],
		['funding', { hasFunding: false }, 'attestations.hasFunding', '明确的资金支持'],
		['funding source', { fundingSource: '  ' }, 'attestations.fundingSource', '资金来源'],
		['funding amount missing', { fundingAmount: null }, 'attestations.fundingAmount', '大于 0'],
		['funding amount 0', { fundingAmount: 0 }, 'attestations.fundingAmount', '大于 0']
	];
	for (const [name, patch, field, words] of cases)
		it(`missing ${name} is named`, () => {
			const problems = checkSubmission(draft({ attestations: { ...attestations, ...patch } }), batch, ctx);
			expect(fields(problems)).toEqual([field]);
			expect(problems[0].zh).toContain(words);
			expect(problems[0].en.length).toBeGreaterThan(0);
		});

	it('accepts a small positive amount', () => {
		expect(checkSubmission(draft({ attestations: { ...attestations, fundingAmount: 0.5 } }), batch, ctx)).toEqual([]);
	});
});

describe('checkSubmission: plan and region', () => {
	it('names every empty plan section', () => {
		const problems = checkSubmission(draft({ plan: { ...plan, goals: ' ', schedule: '' } }), batch, ctx);
		expect(fields(problems)).toEqual(['plan.goals', 'plan.schedule']);
		expect(problems[0].zh).toBe('请填写“试点工作目标”');
	});

	it('asks a category-4 pilot for its key air region or basin', () => {
		const cat4 = { category: 4, applicantType: 'provincial_dept', airRegion: null };
		expect(fields(checkSubmission(draft(cat4), batch, ctx))).toEqual(['airRegion']);
		expect(checkSubmission(draft({ ...cat4, basin: 'yangtze' }), batch, ctx)).toEqual([]);
		expect(checkSubmission(draft({ airRegion: null }), batch, ctx)).toEqual([]);
	});
});

describe('attachments', () => {
	const uploads: [string, number, number, boolean][] = [
		['方案.pdf', 1, 0, true],
		['方案.PDF', 1, 0, true],
		['方案.doc', 1, 0, true],
		['方案.Docx', 1, 0, true],
		['方案.zip', 1, 0, false],
		['方案.pdf.exe', 1, 0, false],
		['方案', 1, 0, false],
		['方案.pdf', 0, 0, false],
		['方案.pdf', 10 * MB, 40 * MB, true],
		['方案.pdf', 10 * MB + 1, 40 * MB, false]
	];
	for (const [fileName, size, existing, isOk] of uploads)
		it(`upload ${fileName} of ${size} B onto ${existing} B → ${isOk ? 'ok' : 'refused'}`, () => {
			const problems = checkAttachment({ fileName, size }, existing, batch);
			if (isOk) expect(problems).toEqual([]);
			else expect(fields(problems)).toEqual(['attachments']);
		});

	it('states an oversize package in MB with one decimal', () => {
		expect(checkAttachment({ fileName: 'a.pdf', size: 10 * MB + 1 }, 40 * MB, batch)).toEqual([
			{
				field: 'attachments',
				zh: '材料电子件总大小 50.1 MB，超过 50.0 MB 的上限',
				en: 'The package totals 50.1 MB, over the limit of 50.0 MB'
			}
		]);
		expect([formatMegabytes(0), formatMegabytes(1.5 * MB), formatMegabytes(MB + 1)]).toEqual([
			'0.0 MB',
			'1.5 MB',
			'1.1 MB'
		]);
	});

	const letter = { kind: 'letter' as const, fileName: '推荐函.pdf', size: 2 * MB };
	const planFile = { kind: 'plan' as const, fileName: '实施方案.pdf', size: 48 * MB };
	const packages: [string, RecommendationDraft['attachments'], string[]][] = [
		['letter and plan at exactly 50 MB', [letter, planFile], []],
		['one byte over 50 MB', [letter, { ...planFile, size: 48 * MB + 1 }], ['attachments']],
		['two letters and a plan', [letter, letter, { ...planFile, size: MB }], []],
		['no letter', [planFile], ['attachments.letter']],
		['no plan', [letter], ['attachments.plan']],
		['nothing', [], ['attachments.letter', 'attachments.plan']],
		['a plan in the wrong format', [letter, { ...planFile, fileName: '实施方案.zip' }], ['attachments']],
		['an empty letter', [{ ...letter, size: 0 }, planFile], ['attachments']]
	];
	for (const [name, attachments, expected] of packages)
		it(`submission with ${name} → ${expected.join(', ') || 'ok'}`, () => {
			expect(fields(checkSubmission(draft({ attachments }), batch, ctx))).toEqual(expected);
		});

	it('names the letter the notice asks for', () => {
		const [p] = checkSubmission(draft({ attachments: [planFile] }), batch, ctx);
		expect(p.zh).toBe('请上传省级生态环境和发展改革部门推荐函');
	});
});

describe('submission includes every draft rule', () => {
	it('reports draft problems alongside submission ones', () => {
		const problems = checkSubmission(draft({ projectName: '', attachments: [] }), batch, {
			today: '2023-04-08',
			submittedInProvince: 5
		});
		expect(fields(problems)).toEqual([FORM_FIELD, FORM_FIELD, 'projectName', 'attachments.letter', 'attachments.plan']);
	});
});

describe('priorityMark (notice 四(一))', () => {
	const batch1 = {
		industries: ['steel', 'petrochemical', 'dyeing'],
		categories: [1, 2, 3],
		applicantTypes: ['park', 'county_gov']
	};

	it('marks a key industry batch 1 did not cover, naming it', () => {
		expect(priorityMark({ industries: ['steel', 'paper'], category: 2, applicantType: 'park' }, batch1)).toEqual({
			isPriority: true,
			reasons: [{ zh: '重点行业“造纸”第一批试点未覆盖', en: 'Key industry "Pulp & paper" was not covered by batch 1' }]
		});
	});

	it('does not mark a recommendation whose industries and category were all covered', () => {
		expect(priorityMark({ industries: ['steel', 'dyeing'], category: 1, applicantType: 'county_gov' }, batch1)).toEqual(
			{
				isPriority: false,
				reasons: []
			}
		);
	});

	it('never counts other industries', () => {
		expect(priorityMark({ industries: ['other:轴承'], category: 2, applicantType: 'park' }, batch1).isPriority).toBe(
			false
		);
	});

	it('marks a category batch 1 did not cover, naming it', () => {
		expect(priorityMark({ industries: ['steel'], category: 4, applicantType: 'provincial_dept' }, batch1)).toEqual({
			isPriority: true,
			reasons: [
				{
					zh: '试点类别“重点区域和流域清洁生产协同审核创新”第一批试点未覆盖',
					en: 'Category "Coordinated audits across a key region or basin" was not covered by batch 1'
				}
			]
		});
	});

	it('marks a park applicant when batch 1 had no park, and only a park', () => {
		const noParks = { ...batch1, applicantTypes: ['county_gov'] };
		expect(priorityMark({ industries: ['steel'], category: 2, applicantType: 'park' }, noParks).reasons).toEqual([
			{
				zh: '主体类型“园区管理机构”第一批试点未覆盖',
				en: 'Applicant type "Park management body" was not covered by batch 1'
			}
		]);
		expect(
			priorityMark({ industries: ['steel'], category: 2, applicantType: 'prefecture_dept' }, noParks).isPriority
		).toBe(false);
	});

	it('names each uncovered industry once', () => {
		expect(
			priorityMark({ industries: ['paper', 'paper', 'api'], category: null, applicantType: 'park' }, batch1).reasons
		).toHaveLength(2);
	});
});

describe('recommendation state machine', () => {
	// Every allowed transition: [from, action, role, to]; everything else is refused.
	const ALLOWED: [RecommendationState, RecommendationAction, RecommendationRole, RecommendationState][] = [
		['draft', 'save', 'province', 'draft'],
		['draft', 'submit', 'province', 'submitted'],
		['draft', 'withdraw', 'province', 'withdrawn'],
		['submitted', 'withdraw', 'province', 'withdrawn'],
		['submitted', 'approve', 'ministry', 'approved'],
		['submitted', 'approve', 'admin', 'approved'],
		['submitted', 'decline', 'ministry', 'declined'],
		['submitted', 'decline', 'admin', 'declined']
	];
	const ROLES: RecommendationRole[] = ['implementer', 'province', 'ministry', 'admin'];

	for (const state of RECOMMENDATION_STATES)
		for (const action of RECOMMENDATION_ACTIONS)
			for (const role of ROLES) {
				const allowed = ALLOWED.find(([s, a, r]) => s === state && a === action && r === role);
				it(`${role} ${action} from ${state}: ${allowed ? `→ ${allowed[3]}` : 'refused'}`, () => {
					const result = transition(state, action, role, 'a reason');
					if (allowed) expect(result).toEqual({ ok: true, next: allowed[3] });
					else {
						expect(result.ok).toBe(false);
						if (!result.ok) expect(result.why.zh.length * result.why.en.length).toBeGreaterThan(0);
					}
				});
			}

	it('refuses a decline without a reason, but not an approval', () => {
		expect(transition('submitted', 'decline', 'ministry', '  ')).toEqual({
			ok: false,
			why: { zh: '请写明不予批准的理由', en: 'A reason for declining is required' }
		});
		expect(transition('submitted', 'approve', 'ministry')).toEqual({ ok: true, next: 'approved' });
	});

	it('counts submitted and approved recommendations towards the quota', () => {
		expect(RECOMMENDATION_STATES.filter(countsTowardsQuota)).toEqual(['submitted', 'approved']);
	});
});
