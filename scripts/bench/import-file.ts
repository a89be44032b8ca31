/**
 * Generates the import benchmark's input: a long-format quarterly indicator CSV
 * (`pilot_code,enterprise_code,period,indicator_code,value,unit,note`, UTF-8 with BOM, CRLF line ends),
 * one row per value, unique on (pilot_code, enterprise_code, period, indicator_code).
 *
 * Shape: pilots × 50 enterprises × 4 periods (2025Q4..2026Q3) × 10 indicators = 2,000 rows per pilot,
 * so 1,000,000 rows = 500 pilots. Smaller row counts use fewer pilots (the last one may be partial).
 * Written through an fs.WriteStream with back-pressure, so memory stays bounded whatever the size.
 */
import { createWriteStream } from 'node:fs';
import { mulberry32 } from '../../src/lib/server/seed/random';

export const ENTERPRISES_PER_PILOT = 50;
// quarters that have all ended, so that the intake takes them whatever today is (from 2026-10-01 on)
export const PERIODS = ['2025Q4', '2026Q1', '2026Q2', '2026Q3'] as const;
/** Indicator code → unit it is normally reported in and a typical quarterly magnitude range [min, max]. */
export const INDICATORS: readonly { code: string; unit: string; min: number; max: number }[] = [
	{ code: 'voc', unit: 't', min: 0.5, max: 60 },
	{ code: 'nox', unit: 't', min: 1, max: 250 },
	{ code: 'pm', unit: 't', min: 0.2, max: 90 },
	{ code: 'so2', unit: 't', min: 0.5, max: 180 },
	{ code: 'nh3n', unit: 't', min: 0.01, max: 6 },
	{ code: 'tp', unit: 't', min: 0.001, max: 1.5 },
	{ code: 'cod', unit: 't', min: 1, max: 400 },
	{ code: 'energy', unit: 'tce', min: 200, max: 60000 },
	{ code: 'electricity', unit: 'MWh', min: 300, max: 120000 },
	{ code: 'co2', unit: 'tCO2e', min: 1000, max: 250000 }
];
export const ROWS_PER_PILOT = ENTERPRISES_PER_PILOT * PERIODS.length * INDICATORS.length;

export const HEADER = ['pilot_code', 'enterprise_code', 'period', 'indicator_code', 'value', 'unit', 'note'] as const;

/** Share of rows reported in kg instead of t (pollutants only; value scaled by 1,000). */
const KG_SHARE = 0.12;
/** Share of rows carrying a note. */
const NOTE_SHARE = 0.22;
const NOTES = [
	'在线监测数据，已经第三方机构复核确认',
	'季度末停产检修, 产量较上季度下降约30%',
	'含"备用锅炉"排放，按物料衡算法核算',
	'企业自报数据，待生态环境局现场核查',
	'Estimated from fuel use, pending audit',
	'新增脱硝设施于2月投运，排放浓度明显下降',
	'数据来源：排污许可证执行报告（季度）',
	'按监测浓度×烟气量核算, 单位已由千克换算为吨',
	'部分生产线技改停运，电耗与能耗同比下降',
	'光伏自发自用电量已扣除, 外购电力按区域电网因子核算'
];

export interface ImportRegistry {
	pilots: { code: string; enterprises: string[] }[];
	periods: string[];
	indicators: string[];
}

export interface ImportFileInfo extends ImportRegistry {
	/** Bytes written, BOM included. */
	bytes: number;
	/** Data rows written (header excluded). */
	rows: number;
}

function csvField(s: string): string {
	return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const pilotCode = (i: number) => `P-${String(i).padStart(4, '0')}`;
export const enterpriseCode = (i: number) => `E${String(i).padStart(2, '0')}`;

/**
 * Writes `rows` data rows to `path` and resolves once the file is flushed and closed. Deterministic for a
 * given seed. Returns the registry (pilots with their enterprises, periods, indicators) the file refers to,
 * so that matching pilots/enterprises can be created in the app DB, plus the byte size.
 */
export async function writeImportFile(path: string, rows: number, seed = 20260101): Promise<ImportFileInfo> {
	if (!Number.isInteger(rows) || rows < 1) throw new Error(`rows must be a positive integer, got ${rows}`);
	const rand = mulberry32(seed);
	const pilotCount = Math.ceil(rows / ROWS_PER_PILOT);
	const enterprises = Array.from({ length: ENTERPRISES_PER_PILOT }, (_, i) => enterpriseCode(i + 1));
	const registry: ImportRegistry = {
		pilots: Array.from({ length: pilotCount }, (_, i) => ({ code: pilotCode(i + 1), enterprises: [...enterprises] })),
		periods: [...PERIODS],
		indicators: INDICATORS.map((d) => d.code)
	};

	const out = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
	let bytes = 0;
	let written = 0;
	const write = (s: string): Promise<void> | void => {
		bytes += Buffer.byteLength(s, 'utf8');
		if (!out.write(s)) return new Promise((resolve) => out.once('drain', resolve));
	};
	const closed = new Promise<void>((resolve, reject) => {
		out.once('error', reject);
		out.once('close', resolve);
	});

	await write('\uFEFF' + HEADER.join(',') + '\r\n');
	let buf = '';
	outer: for (const pilot of registry.pilots) {
		for (const ent of pilot.enterprises) {
			// Enterprise size factor, so that one enterprise's indicators are correlated as in real data.
			const size = 0.05 + rand() * rand();
			for (const period of PERIODS) {
				for (const ind of INDICATORS) {
					if (written === rows) break outer;
					let value = ind.min + (ind.max - ind.min) * size * (0.85 + 0.3 * rand());
					let unit = ind.unit;
					if (unit === 't' && rand() < KG_SHARE) {
						value *= 1000;
						unit = 'kg';
					}
					const note = rand() < NOTE_SHARE ? csvField(NOTES[Math.floor(rand() * NOTES.length)]) : '';
					buf += `${pilot.code},${ent},${period},${ind.code},${value.toFixed(4)},${unit},${note}\r\n`;
					written++;
				}
			}
			if (buf.length > 256 * 1024) {
				await write(buf);
				buf = '';
			}
		}
	}
	if (buf) await write(buf);
	out.end();
	await closed;
	return { ...registry, bytes, rows: written };
}
