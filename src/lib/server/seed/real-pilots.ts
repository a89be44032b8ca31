/**
 * The 12 real pilots whose names are known from public sources (shared/data/pilots-batch1.csv and
 * pilots-batch2.csv). Only sourced facts: a field no source states is null, a value the CSV marks "inferred"
 * is filled and named in `inferredFields`. No enterprises and no indicators: figures are never attached to a
 * real pilot's name (DOMAIN.md, "Data honesty"). Pure data, no I/O.
 */
import type { Category, PilotStatus } from '../../domain/taxonomy';
import type { RegistryDataset, RegistryPilot } from '../registry/types';

type RealRow = {
	nameZh: string;
	category: Category | null;
	provinceCode: string | null;
	industries: string[];
	passed: boolean;
	sourceUrl: string | null;
	inferredFields: string[];
	note: string | null;
	bodyName?: string;
	airRegion?: 'jjj';
};

const CHEM_PARK_SOURCE = 'http://wakin-chau.com/details/2472';

/** Batch 1 (approved end of 2022), in CSV order. */
const BATCH_1: RealRow[] = [
	{
		nameZh: '连云港经济技术开发区清洁生产审核创新试点项目',
		category: 2,
		provinceCode: '320000',
		industries: ['other:新医药', 'other:新材料', 'api', 'nonferrous', 'other:合成纤维'],
		passed: false,
		sourceUrl: 'https://zachmalone.com/www/index.php/about/yqdtinfo/993.html',
		inferredFields: ['category'],
		note: '园区：连云港经济技术开发区（实施主体未载明）；主导产业新医药、新材料；32 家强制性审核企业主要为化学药品原料药、有色金属、合成纤维；是否通过评估未载明。'
	},
	{
		nameZh: '宜都化工园清洁生产审核创新试点项目',
		category: 2,
		provinceCode: '420000',
		industries: ['other:精细化工', 'other:新能源新材料'],
		passed: true,
		sourceUrl: 'http://yidushi.cjyun.org/p/67495.html',
		inferredFields: ['category'],
		note: '宜昌市宜都市；湖北省唯一通过评估的试点项目。',
		bodyName: '宜都高新区 / 宜都化工园'
	},
	{
		nameZh: '大连松木岛化工产业开发区',
		category: 2,
		provinceCode: '210000',
		industries: ['petrochemical'],
		passed: true,
		sourceUrl: 'http://lnbaxin.com/index.php/cn/Newsb/view/id/1178.html',
		inferredFields: ['category'],
		note: '来源未给出项目确切名称（此处为园区名）；实施主体未载明；东北地区唯一通过评估的试点。'
	}
];

/** Batch 2 (approved 2023-08, 环办科财函〔2023〕261号), in CSV order. */
const BATCH_2: RealRow[] = [
	{
		nameZh: '京津冀区域清洁生产协同审核创新试点项目',
		category: 4,
		provinceCode: null,
		airRegion: 'jjj',
		industries: [],
		passed: false,
		sourceUrl: 'http://cnqr.org/qjsc/2024/0625/121916.html',
		inferredFields: ['category'],
		note: '区域试点（京津冀），牵头省份未载明；类别据名称“协同审核”推断；行业、实施主体与评估结果未载明。'
	},
	{
		nameZh: '榆林高新技术产业开发区清洁生产审核创新试点项目',
		category: 2,
		provinceCode: '610000',
		industries: ['petrochemical'],
		passed: false,
		sourceUrl: CHEM_PARK_SOURCE,
		inferredFields: ['category', 'provinceCode'],
		note: '园区：榆林高新技术产业开发区（实施主体未载明）；来源将其列为化工园区试点；省份据地名“榆林”推断。'
	},
	{
		nameZh: '鲁南高科技化工园区清洁生产整体审核创新试点项目',
		category: 2,
		provinceCode: '370000',
		industries: ['petrochemical'],
		passed: false,
		sourceUrl: CHEM_PARK_SOURCE,
		inferredFields: ['category', 'provinceCode'],
		note: '园区：鲁南高科技化工园区（实施主体未载明）；省份据地名“鲁南/枣庄”推断。'
	},
	{
		nameZh: '松滋市化工园区清洁生产审核创新试点项目',
		category: 2,
		provinceCode: '420000',
		industries: ['petrochemical'],
		passed: false,
		sourceUrl: CHEM_PARK_SOURCE,
		inferredFields: ['category', 'provinceCode'],
		note: '园区：松滋市化工园区（实施主体未载明）；省份据地名“松滋”推断。'
	},
	{
		nameZh: '锡山经济技术开发区新材料产业园清洁生产审核创新试点项目',
		category: 2,
		provinceCode: '320000',
		industries: ['petrochemical', 'other:新材料'],
		passed: false,
		sourceUrl: CHEM_PARK_SOURCE,
		inferredFields: ['category', 'provinceCode'],
		note: '园区：锡山经济技术开发区新材料产业园（实施主体未载明）；来源将其列为化工园区试点（化工/新材料）；省份据地名“锡山/无锡”推断。'
	},
	{
		nameZh: '上杭县蛟洋工业区循环经济化工园区清洁生产整…',
		category: 2,
		provinceCode: '350000',
		industries: ['petrochemical'],
		passed: false,
		sourceUrl: CHEM_PARK_SOURCE,
		inferredFields: ['category', 'provinceCode'],
		note: '来源文本在“清洁生产整”处截断，全称很可能为“…整体审核创新试点项目”，未经证实；园区：上杭县蛟洋工业区循环经济化工园区（实施主体未载明）；省份据地名“上杭”推断。'
	},
	{
		nameZh: '石狮市大堡集控区清洁生产审核创新试点项目',
		category: null,
		provinceCode: '350000',
		industries: ['dyeing', 'electroplating'],
		passed: false,
		sourceUrl: 'https://ssrb.fjdaily.com/pc/con/202403/09/content_348203.html',
		inferredFields: [],
		note: '泉州市石狮市（泉州唯一试点）；产业集群，类别（1 或 2）未载明；实施主体未载明，由石狮市政府/泉州市石狮生态环境局会同祥芝镇政府及市染整同业公会组织；范围内 29 家企业。'
	},
	{
		nameZh: '望城经济技术开发区清洁生产审核创新试点项目',
		category: 2,
		provinceCode: '430000',
		industries: [],
		passed: false,
		sourceUrl: 'http://cixi.17car.com.cn/cixi/2023/0808/509447.html',
		inferredFields: ['category'],
		note: '长沙市；湖南省首个试点；湖南省环科院提供技术支持；覆盖园区全域，行业未载明。',
		bodyName: '长沙市望城经济技术开发区'
	},
	{
		nameZh: '山东省临清市中小轴承产业集群清洁生产审核创新试点项目',
		category: 2,
		provinceCode: '370000',
		industries: ['other:轴承'],
		passed: false,
		sourceUrl: null,
		inferredFields: ['category'],
		note: '来源网址未记录：北京中环瑞德环境工程技术有限公司公司新闻（2024-07-09，“来源:本站”）；临清市烟店镇人民政府为招标主体（2024-05），咨询单位为北京中环瑞德环境工程技术有限公司；类别据“产业集群”推断。',
		bodyName: '临清市烟店镇人民政府'
	}
];

function toPilot(row: RealRow, batchNumber: number, index: number): RegistryPilot {
	const status: PilotStatus = row.passed ? 'passed' : 'approved';
	const statusEvents: RegistryPilot['statusEvents'] = [{ status: 'approved', on: null }];
	if (row.passed) statusEvents.push({ status: 'passed', on: null });
	return {
		code: `B${batchNumber}-${String(index + 1).padStart(2, '0')}`,
		batchNumber,
		nameZh: row.nameZh,
		nameEn: null,
		category: row.category,
		provinceCode: row.provinceCode,
		airRegion: row.airRegion ?? null,
		basin: null,
		industries: [...row.industries],
		bodyName: row.bodyName ?? null,
		bodyType: null,
		termStart: null,
		termEnd: null,
		status,
		statusEvents,
		sourceUrl: row.sourceUrl,
		inferredFields: [...row.inferredFields],
		note: row.note,
		isDemo: false
	};
}

/** The real pilots known from public sources, with no enterprises and no indicators. */
export function realPilots(): RegistryDataset {
	return {
		pilots: [...BATCH_1.map((r, i) => toPilot(r, 1, i)), ...BATCH_2.map((r, i) => toPilot(r, 2, i))],
		enterprises: [],
		indicators: []
	};
}
