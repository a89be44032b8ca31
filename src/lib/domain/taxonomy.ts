/**
 * The notice's taxonomy (环办科财函〔2023〕79号): categories, key industries, key air regions and
 * key river basins, each with its zh/en label. Pure data; the codes are stable keys stored in the DB.
 */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.

export type Bilingual = { zh: string; en: string };

export const CATEGORIES = [1, 2, 3, 4] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, Bilingual> = {
	1: { zh: '重点行业清洁生产整体审核创新', en: 'Whole-industry audit of key industries' },
	2: { zh: '工业园区（产业集群）清洁生产整体审核创新', en: 'Whole audit of an industrial park or cluster' },
	3: { zh: '企业简易清洁生产审核创新', en: 'Simplified audits of enterprises' },
	4: { zh: '重点区域和流域清洁生产协同审核创新', en: 'Coordinated audits across a key region or basin' }
};

export const INDUSTRIES = [
	'energy',
	'steel',
	'coking',
	'building_materials',
	'nonferrous',
	'petrochemical',
	'dyeing',
	'paper',
	'api',
	'electroplating',
	'agrifood',
	'coating',
	'printing'
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const INDUSTRY_LABELS: Record<Industry, Bilingual> = {
	energy: { zh: '能源', en: 'Energy' },
	steel: { zh: '钢铁', en: 'Iron & steel' },
	coking: { zh: '焦化', en: 'Coking' },
	building_materials: { zh: '建材', en: 'Building materials' },
	nonferrous: { zh: '有色金属', en: 'Non-ferrous metals' },
	petrochemical: { zh: '石化化工', en: 'Petrochemicals & chemicals' },
	dyeing: { zh: '印染', en: 'Textile dyeing & finishing' },
	paper: { zh: '造纸', en: 'Pulp & paper' },
	api: { zh: '化学原料药', en: 'Chemical APIs' },
	electroplating: { zh: '电镀', en: 'Electroplating' },
	agrifood: { zh: '农副食品加工', en: 'Agri-food processing' },
	coating: { zh: '工业涂装', en: 'Industrial coating' },
	printing: { zh: '包装印刷', en: 'Packaging printing' }
};

export const AIR_REGIONS = ['jjj', 'fenwei', 'yrd', 'prd', 'chengyu'] as const;
export type AirRegion = (typeof AIR_REGIONS)[number];

export const AIR_REGION_LABELS: Record<AirRegion, Bilingual> = {
	jjj: { zh: '京津冀及周边地区', en: 'Beijing-Tianjin-Hebei and surroundings' },
	fenwei: { zh: '汾渭平原', en: 'Fen-Wei Plain' },
	yrd: { zh: '长三角地区', en: 'Yangtze River Delta' },
	prd: { zh: '珠三角地区', en: 'Pearl River Delta' },
	chengyu: { zh: '成渝地区', en: 'Chengdu-Chongqing' }
};

/** Priority industries of the key air regions (PM2.5 + O3 co-control). */
export const AIR_PRIORITY_INDUSTRIES: readonly Industry[] = ['steel', 'petrochemical', 'coking', 'coating', 'printing'];

export const BASINS = ['yangtze', 'yellow'] as const;
export type Basin = (typeof BASINS)[number];

export const BASIN_LABELS: Record<Basin, Bilingual> = {
	yangtze: { zh: '长江', en: 'Yangtze River' },
	yellow: { zh: '黄河', en: 'Yellow River' }
};

/** Priority industries of the key basins (ammonia-nitrogen + phosphorus). */
export const BASIN_PRIORITY_INDUSTRIES: readonly Industry[] = ['dyeing', 'paper', 'api', 'agrifood'];

export const BODY_TYPES = ['park', 'county_gov', 'prefecture_dept', 'provincial_dept'] as const;
export type BodyType = (typeof BODY_TYPES)[number];

export const BODY_TYPE_LABELS: Record<BodyType, Bilingual> = {
	park: { zh: '园区管理机构', en: 'Park management body' },
	county_gov: { zh: '县级及以上政府', en: 'County-level or higher government' },
	prefecture_dept: { zh: '地市级及以上政府组成部门', en: 'Department of a prefecture-level or higher government' },
	provincial_dept: { zh: '省级政府组成部门', en: 'Provincial government department' }
};

/** Body types the notice allows as applicant for a category (section 三). */
export function allowedBodyTypes(category: Category): readonly BodyType[] {
	return category === 4 ? ['provincial_dept'] : ['park', 'county_gov', 'prefecture_dept'];
}

export const PILOT_STATUSES = [
	'recommended',
	'approved',
	'in_progress',
	'evaluating',
	'passed',
	'not_passed',
	'withdrawn'
] as const;
export type PilotStatus = (typeof PILOT_STATUSES)[number];

export const PILOT_STATUS_LABELS: Record<PilotStatus, Bilingual> = {
	recommended: { zh: '推荐', en: 'Recommended' },
	approved: { zh: '批准实施', en: 'Approved' },
	in_progress: { zh: '实施中', en: 'In progress' },
	evaluating: { zh: '评估中', en: 'Evaluating' },
	passed: { zh: '通过评估', en: 'Passed' },
	not_passed: { zh: '未通过评估', en: 'Not passed' },
	withdrawn: { zh: '撤销', en: 'Withdrawn' }
};

/** Lifecycle transitions allowed from each status (withdrawn is reachable from any live state). */
export const PILOT_TRANSITIONS: Record<PilotStatus, readonly PilotStatus[]> = {
	recommended: ['approved', 'withdrawn'],
	approved: ['in_progress', 'withdrawn'],
	in_progress: ['evaluating', 'withdrawn'],
	evaluating: ['passed', 'not_passed', 'withdrawn'],
	passed: [],
	not_passed: [],
	withdrawn: []
};

export function isIndustry(value: string): value is Industry {
	return (INDUSTRIES as readonly string[]).includes(value);
}
export function isAirRegion(value: string): value is AirRegion {
	return (AIR_REGIONS as readonly string[]).includes(value);
}
export function isBasin(value: string): value is Basin {
	return (BASINS as readonly string[]).includes(value);
}
export function isPilotStatus(value: string): value is PilotStatus {
	return (PILOT_STATUSES as readonly string[]).includes(value);
}
export function isBodyType(value: string): value is BodyType {
	return (BODY_TYPES as readonly string[]).includes(value);
}
export function isCategory(value: number): value is Category {
	return (CATEGORIES as readonly number[]).includes(value);
}

/**
 * Resolves a label or code typed by a person (zh, en or code, any case) to a taxonomy code,
 * or null when nothing matches. Used by every CSV reader so that 印染, "Textile dyeing & finishing"
 * and dyeing all mean the same.
 */
export function resolveCode<T extends string>(labels: Record<T, Bilingual>, input: string): T | null {
	const needle = input.trim().toLowerCase();
	if (!needle) return null;
	for (const [code, label] of Object.entries(labels) as [T, Bilingual][]) {
		if (code.toLowerCase() === needle || label.zh === input.trim() || label.en.toLowerCase() === needle) return code;
	}
	return null;
}
