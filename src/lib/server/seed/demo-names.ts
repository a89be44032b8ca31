/**
 * Name parts and data tables of the fictional demo programme: invented place names (not real cities or
 * parks), the provinces the demo uses (real province names only), where the pilots sit, enterprise word
 * stems, industry nouns and the per-enterprise ranges of the baselines. Pure data.
 */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.
import type { AirRegion, Basin, Industry } from '../../domain/taxonomy';

/** 60 invented place names, zh and romanised, one per demo pilot. */
export const PLACES: readonly (readonly [string, string])[] = [
	['青禾', 'Qinghe'],
	['云杉', 'Yunshan'],
	['翠湾', 'Cuiwan'],
	['澄岭', 'Chengling'],
	['栖梧', 'Qiwu'],
	['枫汀', 'Fengting'],
	['蓝岫', 'Lanxiu'],
	['映溪', 'Yingxi'],
	['松岚', 'Songlan'],
	['晴湖', 'Qinghu'],
	['鹤汀', 'Heting'],
	['墨川', 'Mochuan'],
	['苇塘', 'Weitang'],
	['橙溪', 'Chengxi'],
	['桐岚', 'Tonglan'],
	['霁川', 'Jichuan'],
	['芸岭', 'Yunling'],
	['麓屿', 'Luyu'],
	['菱渡', 'Lingdu'],
	['岫湾', 'Xiuwan'],
	['芦汀', 'Luting'],
	['橡岭', 'Xiangling'],
	['樟渡', 'Zhangdu'],
	['杉湾', 'Shanwan'],
	['莳川', 'Shichuan'],
	['荻岭', 'Diling'],
	['棠屿', 'Tangyu'],
	['柘湾', 'Zhewan'],
	['榴川', 'Liuchuan'],
	['蔚岚', 'Weilan'],
	['黛岭', 'Dailing'],
	['槿汀', 'Jinting'],
	['荇湾', 'Xingwan'],
	['藻汀', 'Zaoting'],
	['桦岫', 'Huaxiu'],
	['栎岫', 'Lixiu'],
	['楝川', 'Lianchuan'],
	['槐屿', 'Huaiyu'],
	['芩湾', 'Qinwan'],
	['蓼汀', 'Liaoting'],
	['菖屿', 'Changyu'],
	['苔岭', 'Tailing'],
	['茗湾', 'Mingwan'],
	['蕙岭', 'Huiling'],
	['蘅岭', 'Hengling'],
	['芷湾', 'Zhiwan'],
	['薇渡', 'Weidu'],
	['蒲汀', 'Puting'],
	['葵岚', 'Kuilan'],
	['榆湾', 'Yuwan'],
	['柳汀', 'Liuting'],
	['桂岫', 'Guixiu'],
	['梓岚', 'Zilan'],
	['楠汀', 'Nanting'],
	['枸川', 'Gouchuan'],
	['椿岭', 'Chunling'],
	['橘湾', 'Juwan'],
	['柚汀', 'Youting'],
	['杏岚', 'Xinglan'],
	['梨渡', 'Lidu']
];

/** The provinces the demo uses: GB/T 2260 code → full zh name and English name. */
export const DEMO_PROVINCES: Readonly<Record<string, readonly [string, string]>> = {
	'110000': ['北京市', 'Beijing'],
	'120000': ['天津市', 'Tianjin'],
	'130000': ['河北省', 'Hebei'],
	'140000': ['山西省', 'Shanxi'],
	'150000': ['内蒙古自治区', 'Inner Mongolia'],
	'210000': ['辽宁省', 'Liaoning'],
	'220000': ['吉林省', 'Jilin'],
	'230000': ['黑龙江省', 'Heilongjiang'],
	'310000': ['上海市', 'Shanghai'],
	'320000': ['江苏省', 'Jiangsu'],
	'330000': ['浙江省', 'Zhejiang'],
	'340000': ['安徽省', 'Anhui'],
	'350000': ['福建省', 'Fujian'],
	'360000': ['江西省', 'Jiangxi'],
	'370000': ['山东省', 'Shandong'],
	'410000': ['河南省', 'Henan'],
	'420000': ['湖北省', 'Hubei'],
	'430000': ['湖南省', 'Hunan'],
	'440000': ['广东省', 'Guangdong'],
	'450000': ['广西壮族自治区', 'Guangxi'],
	'460000': ['海南省', 'Hainan'],
	'500000': ['重庆市', 'Chongqing'],
	'510000': ['四川省', 'Sichuan'],
	'520000': ['贵州省', 'Guizhou'],
	'530000': ['云南省', 'Yunnan'],
	'610000': ['陕西省', 'Shaanxi'],
	'620000': ['甘肃省', 'Gansu'],
	'630000': ['青海省', 'Qinghai'],
	'640000': ['宁夏回族自治区', 'Ningxia'],
	'650000': ['新疆维吾尔自治区', 'Xinjiang']
};

/**
 * Where the 60 demo pilots sit: [province, air region, basin, how many]. Region and basin are consistent
 * with the province (see the seed test). Totals: jjj 8, fenwei 4, yrd 6, prd 4, chengyu 4; yangtze 20, yellow 13.
 */
export const PLACEMENTS: readonly (readonly [string, AirRegion | null, Basin | null, number])[] = [
	['110000', 'jjj', null, 1],
	['120000', 'jjj', null, 1],
	['130000', 'jjj', null, 2],
	['140000', 'jjj', 'yellow', 1],
	['370000', 'jjj', 'yellow', 2],
	['410000', 'jjj', 'yellow', 1],
	['140000', 'fenwei', 'yellow', 1],
	['610000', 'fenwei', 'yellow', 2],
	['410000', 'fenwei', 'yellow', 1],
	['310000', 'yrd', 'yangtze', 1],
	['320000', 'yrd', 'yangtze', 2],
	['330000', 'yrd', 'yangtze', 2],
	['340000', 'yrd', 'yangtze', 1],
	['440000', 'prd', null, 4],
	['500000', 'chengyu', 'yangtze', 2],
	['510000', 'chengyu', 'yangtze', 2],
	['360000', null, 'yangtze', 3],
	['420000', null, 'yangtze', 3],
	['430000', null, 'yangtze', 2],
	['520000', null, 'yangtze', 1],
	['530000', null, 'yangtze', 1],
	['620000', null, 'yellow', 1],
	['630000', null, 'yellow', 1],
	['640000', null, 'yellow', 1],
	['150000', null, 'yellow', 2],
	['210000', null, null, 3],
	['220000', null, null, 1],
	['230000', null, null, 1],
	['350000', null, null, 3],
	['450000', null, null, 2],
	['460000', null, null, 1],
	['650000', null, null, 1],
	['130000', null, null, 1],
	['320000', null, null, 1],
	['330000', null, null, 1],
	['440000', null, null, 1],
	['370000', null, null, 1],
	['410000', null, null, 1],
	['510000', null, null, 1]
];

/** Word stems for fictional enterprise names; 40 of them so that a pilot of up to 40 never repeats one. */
export const ENTERPRISE_WORDS: readonly string[] = (
	'恒达 华信 瑞丰 金源 宏远 永盛 鑫泰 德润 博盛 嘉禾 中联 新宇 广厦 海川 天齐 正阳 长青 万通 凯旋 祥和 ' +
	'东升 利民 安泰 兴业 明辉 富源 同创 景瑞 宝丰 信诚 立达 远航 通泰 盛元 鸿基 润泽 联丰 卓越 星辰 汇通'
).split(' ');

/** What a fictional enterprise of an industry calls itself (…印染有限公司). */
export const INDUSTRY_NOUNS: Record<Industry, string> = {
	energy: '能源',
	steel: '钢铁',
	coking: '焦化',
	building_materials: '建材',
	nonferrous: '有色金属',
	petrochemical: '化工',
	dyeing: '印染',
	paper: '纸业',
	api: '制药',
	electroplating: '电镀',
	agrifood: '食品',
	coating: '装备涂装',
	printing: '包装印刷'
};

/** Free "other" industries (not among the 13 key ones) given to a few demo pilots. */
export const OTHER_INDUSTRIES: readonly string[] = ['轴承', '纺织服装', '家具', '五金制品', '制鞋'];

/** Park kinds for category 2 pilots: zh, en. */
export const PARK_KINDS: readonly (readonly [string, string])[] = [
	['经济开发区', 'Economic Development Zone'],
	['高新技术产业开发区', 'High-tech Industrial Development Zone'],
	['化工园区', 'Chemical Park'],
	['工业园区', 'Industrial Park'],
	['产业集群', 'Industrial Cluster']
];

/** Per-enterprise annual ranges of the lower-is-better quantities (canonical units). */
export const PER_ENTERPRISE: Record<string, readonly [number, number]> = {
	voc: [5, 80],
	nox: [10, 300],
	pm: [5, 100],
	so2: [5, 150],
	nh3n: [0.5, 15],
	tp: [0.05, 2],
	cod: [10, 300],
	energy: [2000, 200_000],
	electricity: [1000, 80_000],
	freshwater: [20_000, 2_000_000],
	solid_waste: [100, 50_000],
	hazardous_waste: [5, 2000]
};

/** Industry tiers for the size of baselines: heavy, mid and light (the rest sit between mid and light). */
export const HEAVY: readonly string[] = ['steel', 'coking', 'energy'];
export const MID: readonly string[] = ['petrochemical', 'nonferrous', 'building_materials', 'paper'];
export const LIGHT: readonly string[] = ['printing', 'coating', 'electroplating'];

/** Indicators a demo pilot may add to its mandatory ones (energy, CO2, and its region's or basin's). */
export const OPTIONAL_INDICATORS: readonly string[] =
	'electricity freshwater solid_waste hazardous_waste investment benefit enterprises_covered audit_cost audit_days'.split(
		' '
	);
