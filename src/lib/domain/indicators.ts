/**
 * The indicator catalogue of DOMAIN.md: every quarterly figure a pilot reports, with its group,
 * canonical unit, accepted units (with factors to the canonical one), direction and kind.
 */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.
import type { Bilingual } from './taxonomy';

export const INDICATOR_GROUPS = [
	'energy',
	'water',
	'material',
	'air',
	'water_pollution',
	'carbon',
	'economy',
	'audit'
] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];

export const INDICATOR_GROUP_LABELS: Record<IndicatorGroup, Bilingual> = {
	energy: { zh: '节能', en: 'Energy saving' },
	water: { zh: '节水', en: 'Water saving' },
	material: { zh: '节材', en: 'Material saving' },
	air: { zh: '减污（大气）', en: 'Pollution reduction (air)' },
	water_pollution: { zh: '减污（水）', en: 'Pollution reduction (water)' },
	carbon: { zh: '降碳', en: 'Carbon reduction' },
	economy: { zh: '投入与效益', en: 'Investment and benefit' },
	audit: { zh: '审核投入产出', en: 'Audit input-output' }
};

/** lower: emissions and consumption; higher: savings, benefits, coverage; neutral: inputs with no better side. */
export type Direction = 'lower' | 'higher' | 'neutral';
/**
 * periodic: a quarter's own amount; cumulative: a running total whose latest value is the figure; rate: a
 * percentage (0–100) whose latest value is the figure, averaged (weighted where a denominator indicator is named),
 * never summed.
 */
export type IndicatorKind = 'periodic' | 'cumulative' | 'rate';
/** non_negative: a negative value is refused; signed: a quarter may be negative (a loss, a year-on-year change). */
export type SignRule = 'non_negative' | 'signed';

export type AcceptedUnit = { unit: string; aliases: readonly string[]; factor: number };

export type Indicator = {
	code: string;
	name: Bilingual;
	group: IndicatorGroup;
	unit: string;
	units: readonly AcceptedUnit[];
	direction: Direction;
	kind: IndicatorKind;
	sign: SignRule;
	/** Counts (options, enterprises): a fraction is refused. */
	isInteger: boolean;
	/** Rates only: the indicator whose value per enterprise weights the mean (e.g. solid waste for its use rate). */
	weightBy: string | null;
};

const TONNES: readonly AcceptedUnit[] = [
	{ unit: 't', aliases: ['吨', '噸', 'tonne', 'tonnes', 'ton'], factor: 1 },
	{ unit: 'kg', aliases: ['千克', '公斤'], factor: 0.001 },
	{ unit: '万t', aliases: ['万吨', '万噸'], factor: 10_000 }
];
const CUBIC_METRES: readonly AcceptedUnit[] = [
	{ unit: 'm³', aliases: ['m3', '立方米', '方', '吨', 't'], factor: 1 },
	{ unit: '万m³', aliases: ['万m3', '万立方米', '万方', '万吨', '万t'], factor: 10_000 }
];
const TCE: readonly AcceptedUnit[] = [
	{ unit: 'tce', aliases: ['吨标准煤', '吨标煤', 't标煤', 't标准煤'], factor: 1 },
	{ unit: 'kgce', aliases: ['千克标准煤', 'kg标准煤'], factor: 0.001 },
	{ unit: '万tce', aliases: ['万吨标准煤', '万吨标煤'], factor: 10_000 }
];
const MWH: readonly AcceptedUnit[] = [
	{ unit: 'MWh', aliases: ['兆瓦时'], factor: 1 },
	{ unit: 'kWh', aliases: ['千瓦时', '度'], factor: 0.001 },
	{ unit: '万kWh', aliases: ['万千瓦时', '万度'], factor: 10 },
	{ unit: 'GWh', aliases: ['吉瓦时', '百万千瓦时'], factor: 1000 }
];
const TCO2E: readonly AcceptedUnit[] = [
	{ unit: 'tCO2e', aliases: ['tCO2', '吨CO2', '吨二氧化碳', '吨二氧化碳当量', 't', '吨'], factor: 1 },
	{ unit: 'kgCO2e', aliases: ['kgCO2', '千克二氧化碳'], factor: 0.001 },
	{ unit: '万tCO2e', aliases: ['万tCO2', '万吨CO2', '万吨二氧化碳', '万吨二氧化碳当量', '万吨', '万t'], factor: 10_000 }
];
const WAN_YUAN: readonly AcceptedUnit[] = [
	{ unit: '万元', aliases: ['万'], factor: 1 },
	{ unit: '元', aliases: ['yuan', 'CNY', 'RMB'], factor: 0.0001 },
	{ unit: '千元', aliases: [], factor: 0.1 },
	{ unit: '亿元', aliases: [], factor: 10_000 }
];
const FIRMS: readonly AcceptedUnit[] = [{ unit: '家', aliases: ['个', 'firms', 'enterprises'], factor: 1 }];
const ITEMS: readonly AcceptedUnit[] = [{ unit: '项', aliases: ['个', 'items'], factor: 1 }];
const DAYS: readonly AcceptedUnit[] = [{ unit: '天', aliases: ['日', 'd', 'day', 'days'], factor: 1 }];
const PERCENT: readonly AcceptedUnit[] = [{ unit: '%', aliases: ['percent', '百分比', '％'], factor: 1 }];

/** The range a rate's value must sit in (percent). */
export const RATE_RANGE = { min: 0, max: 100 } as const;

function ind(
	code: string,
	zh: string,
	en: string,
	group: IndicatorGroup,
	units: readonly AcceptedUnit[],
	direction: Direction,
	kind: IndicatorKind = 'periodic',
	rules: { sign?: SignRule; isInteger?: boolean; weightBy?: string } = {}
): Indicator {
	return {
		code,
		name: { zh, en },
		group,
		unit: units[0].unit,
		units,
		direction,
		kind,
		sign: rules.sign ?? 'non_negative',
		isInteger: rules.isInteger ?? false,
		weightBy: rules.weightBy ?? null
	};
}

export const INDICATORS: readonly Indicator[] = [
	ind('voc', '挥发性有机物（VOCs）排放量', 'VOCs emissions', 'air', TONNES, 'lower'),
	ind('nox', '氮氧化物排放量', 'NOx emissions', 'air', TONNES, 'lower'),
	ind('pm', '颗粒物排放量', 'Particulate matter emissions', 'air', TONNES, 'lower'),
	ind('so2', '二氧化硫排放量', 'SO2 emissions', 'air', TONNES, 'lower'),
	ind('nh3n', '氨氮排放量', 'Ammonia-nitrogen discharge', 'water_pollution', TONNES, 'lower'),
	ind('tp', '总磷排放量', 'Total phosphorus discharge', 'water_pollution', TONNES, 'lower'),
	ind('cod', '化学需氧量（COD）排放量', 'COD discharge', 'water_pollution', TONNES, 'lower'),
	ind('tn', '总氮排放量', 'Total nitrogen discharge', 'water_pollution', TONNES, 'lower'),
	ind('wastewater', '废水排放量', 'Wastewater discharged', 'water_pollution', CUBIC_METRES, 'lower'),
	ind('energy', '综合能耗', 'Comprehensive energy consumption', 'energy', TCE, 'lower'),
	ind('electricity', '用电量', 'Electricity consumption', 'energy', MWH, 'lower'),
	ind('co2', '二氧化碳排放量', 'CO2 emissions', 'carbon', TCO2E, 'lower'),
	ind('freshwater', '新鲜水用量', 'Fresh water use', 'water', CUBIC_METRES, 'lower'),
	ind('solid_waste', '一般固体废物产生量', 'Solid waste generated', 'material', TONNES, 'lower'),
	ind('hazardous_waste', '危险废物产生量', 'Hazardous waste generated', 'material', TONNES, 'lower'),
	ind('investment', '清洁生产方案投资', 'Investment in measures', 'economy', WAN_YUAN, 'neutral', 'cumulative'),
	// a quarter's benefit can be a loss
	ind('benefit', '经济效益', 'Economic benefit', 'economy', WAN_YUAN, 'higher', 'periodic', { sign: 'signed' }),
	ind('enterprises_covered', '覆盖企业数', 'Enterprises covered', 'audit', FIRMS, 'higher', 'cumulative', {
		isInteger: true
	}),
	ind('low_cost_options', '无/低费方案数', 'No/low-cost options', 'audit', ITEMS, 'higher', 'cumulative', {
		isInteger: true
	}),
	ind('high_cost_options', '中/高费方案数', 'Medium/high-cost options', 'audit', ITEMS, 'higher', 'cumulative', {
		isInteger: true
	}),
	ind('audit_cost', '审核费用', 'Audit cost', 'audit', WAN_YUAN, 'lower', 'cumulative'),
	ind('audit_days', '审核周期', 'Audit duration', 'audit', DAYS, 'lower', 'cumulative'),
	ind(
		'solid_waste_use_rate',
		'工业固废综合利用率',
		'Industrial solid waste utilisation rate',
		'material',
		PERCENT,
		'higher',
		'rate',
		{
			weightBy: 'solid_waste'
		}
	),
	ind('water_reuse_rate', '水重复利用率', 'Water reuse rate', 'water', PERCENT, 'higher', 'rate'),
	ind(
		'option_implementation_rate',
		'清洁生产方案实施率',
		'Cleaner-production options implemented',
		'audit',
		PERCENT,
		'higher',
		'rate'
	)
];

const BY_CODE = new Map(INDICATORS.map((i) => [i.code, i]));

export function indicatorByCode(code: string): Indicator | undefined {
	return BY_CODE.get(code.trim().toLowerCase());
}

/**
 * Finds an indicator by its code or its zh/en name (trimmed, case-insensitive), or undefined.
 */
export function resolveIndicator(input: string): Indicator | undefined {
	const needle = input.trim().toLowerCase();
	return (
		BY_CODE.get(needle) ?? INDICATORS.find((i) => i.name.zh === input.trim() || i.name.en.toLowerCase() === needle)
	);
}

/**
 * Converts a value in `unit` to the indicator's canonical unit. Returns null when the unit is not
 * one the indicator accepts (the caller reports it); matching ignores case and spaces.
 */
export function toCanonical(indicator: Indicator, value: number, unit: string): number | null {
	const u = normaliseUnit(unit);
	if (u === '') return value;
	for (const accepted of indicator.units) {
		if (normaliseUnit(accepted.unit) === u || accepted.aliases.some((a) => normaliseUnit(a) === u)) {
			return value * accepted.factor;
		}
	}
	return null;
}

function normaliseUnit(unit: string): string {
	return unit.replace(/\s+/g, '').replace(/³/g, '3').toLowerCase();
}
