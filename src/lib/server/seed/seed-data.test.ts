// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../domain/credit-code';
import { INDICATORS, indicatorByCode } from '../../domain/indicators';
import {
	AIR_REGIONS,
	BASINS,
	CATEGORIES,
	INDUSTRIES,
	allowedBodyTypes,
	isIndustry,
	PILOT_TRANSITIONS
} from '../../domain/taxonomy';
import type { RegistryPilot } from '../registry/types';
import { demoProgramme } from './demo';
import { realPilots } from './real-pilots';

const real = realPilots();
const demo = demoProgramme();
const byCode = (code: string) => real.pilots.find((p) => p.code === code) as RegistryPilot;

/** Full titles exactly as in pilots-batch1.csv / pilots-batch2.csv (B1-03 and B2-06 have none there). */
const CSV_NAMES: Record<string, string> = {
	'B1-01': '连云港经济技术开发区清洁生产审核创新试点项目',
	'B1-02': '宜都化工园清洁生产审核创新试点项目',
	'B2-01': '京津冀区域清洁生产协同审核创新试点项目',
	'B2-02': '榆林高新技术产业开发区清洁生产审核创新试点项目',
	'B2-03': '鲁南高科技化工园区清洁生产整体审核创新试点项目',
	'B2-04': '松滋市化工园区清洁生产审核创新试点项目',
	'B2-05': '锡山经济技术开发区新材料产业园清洁生产审核创新试点项目',
	'B2-07': '石狮市大堡集控区清洁生产审核创新试点项目',
	'B2-08': '望城经济技术开发区清洁生产审核创新试点项目',
	'B2-09': '山东省临清市中小轴承产业集群清洁生产审核创新试点项目'
};

describe('real pilots', () => {
	it('lists the 12 sourced pilots of batches 1 and 2 with their CSV names and no figures', () => {
		expect(real.pilots.map((p) => p.code)).toEqual([
			...['B1-01', 'B1-02', 'B1-03'],
			...['B2-01', 'B2-02', 'B2-03', 'B2-04', 'B2-05', 'B2-06', 'B2-07', 'B2-08', 'B2-09']
		]);
		for (const [code, name] of Object.entries(CSV_NAMES)) expect(byCode(code).nameZh).toBe(name);
		expect(byCode('B2-06').nameZh.startsWith('上杭县蛟洋工业区循环经济化工园区清洁生产整')).toBe(true);
		expect(byCode('B2-06').note).toContain('截断');
		expect(byCode('B1-03').nameZh).toBe('大连松木岛化工产业开发区');
		expect(real.enterprises).toEqual([]);
		expect(real.indicators).toEqual([]);
		for (const p of real.pilots) {
			expect(p.isDemo).toBe(false);
			expect([p.nameEn, p.termStart, p.termEnd, p.bodyType, p.basin]).toEqual([null, null, null, null, null]);
			expect(p.batchNumber).toBe(Number(p.code[1]));
		}
	});

	it('names inferred fields, fills them, and leaves unstated ones null', () => {
		for (const p of real.pilots) {
			for (const field of p.inferredFields) expect(p[field as keyof RegistryPilot]).not.toBeNull();
		}
		expect(byCode('B1-01').inferredFields).toEqual(['category']);
		for (const code of ['B2-02', 'B2-03', 'B2-04', 'B2-05', 'B2-06']) {
			expect(byCode(code).inferredFields).toEqual(['category', 'provinceCode']);
		}
		expect(byCode('B2-02').provinceCode).toBe('610000');
		expect(byCode('B2-06').provinceCode).toBe('350000');
		const shishi = byCode('B2-07');
		expect([shishi.category, shishi.bodyName, shishi.inferredFields]).toEqual([null, null, []]);
		const jjj = byCode('B2-01');
		expect([jjj.provinceCode, jjj.airRegion, jjj.category, jjj.industries]).toEqual([null, 'jjj', 4, []]);
		expect(real.pilots.filter((p) => p.bodyName !== null).map((p) => p.code)).toEqual(['B1-02', 'B2-08', 'B2-09']);
		expect(byCode('B2-09').bodyName).toBe('临清市烟店镇人民政府');
	});

	it('maps industries to key codes or other:<name>', () => {
		expect(byCode('B1-01').industries).toEqual(['other:新医药', 'other:新材料', 'api', 'nonferrous', 'other:合成纤维']);
		expect(byCode('B1-02').industries).toEqual(['other:精细化工', 'other:新能源新材料']);
		expect(byCode('B2-07').industries).toEqual(['dyeing', 'electroplating']);
		expect(byCode('B2-09').industries).toEqual(['other:轴承']);
		expect(byCode('B2-08').industries).toEqual([]);
		for (const p of real.pilots) {
			for (const i of p.industries) expect(isIndustry(i) || /^other:\S+$/.test(i)).toBe(true);
		}
	});

	it('marks the two passed pilots passed and keeps sources', () => {
		expect(real.pilots.filter((p) => p.status === 'passed').map((p) => p.code)).toEqual(['B1-02', 'B1-03']);
		for (const p of real.pilots) {
			const expected = [{ status: 'approved', on: null }];
			if (p.status === 'passed') expected.push({ status: 'passed', on: null });
			else expect(p.status).toBe('approved');
			expect(p.statusEvents).toEqual(expected);
		}
		expect(byCode('B2-09').sourceUrl).toBeNull();
		expect(byCode('B2-09').note).toContain('中环瑞德');
		for (const p of real.pilots.filter((x) => x.code !== 'B2-09')) expect(p.sourceUrl).toMatch(/^https?:\/\//);
	});
});

const REGION_PROVINCES: Record<string, string[]> = {
	jjj: ['110000', '120000', '130000', '140000', '370000', '410000'],
	fenwei: ['140000', '410000', '610000'],
	yrd: ['310000', '320000', '330000', '340000'],
	prd: ['440000'],
	chengyu: ['500000', '510000'],
	yangtze: [
		'310000',
		'320000',
		'330000',
		'340000',
		'360000',
		'420000',
		'430000',
		'500000',
		'510000',
		'520000',
		'530000'
	],
	yellow: ['630000', '510000', '620000', '640000', '150000', '140000', '610000', '410000', '370000']
};

const countBy = <T>(items: T[], key: (item: T) => string | null) => {
	const counts: Record<string, number> = {};
	for (const item of items) {
		const k = key(item);
		if (k !== null) counts[k] = (counts[k] ?? 0) + 1;
	}
	return counts;
};

describe('demo programme', () => {
	it('is deterministic', () => {
		expect(demoProgramme()).toEqual(demo);
	});

	it('has 60 uniquely coded pilots in demo batches 901 and 902, all visibly marked as demo', () => {
		expect(demo.pilots.map((p) => p.code)).toEqual(
			Array.from({ length: 60 }, (_, i) => `D-${String(i + 1).padStart(3, '0')}`)
		);
		expect(countBy(demo.pilots, (p) => String(p.batchNumber))).toEqual({ '901': 30, '902': 30 });
		expect(demo.pilots.slice(0, 30).every((p) => p.batchNumber === 901)).toBe(true);
		expect(new Set(demo.pilots.map((p) => p.nameZh)).size).toBe(60);
		const realNames = new Set(real.pilots.map((p) => p.nameZh));
		for (const p of demo.pilots) {
			expect(p.nameZh.endsWith('（示例）')).toBe(true);
			expect(p.nameEn?.startsWith('Demo: ')).toBe(true);
			expect(p.bodyName).toContain('示例');
			expect(realNames.has(p.nameZh)).toBe(false);
			expect([p.isDemo, p.sourceUrl, p.note, p.inferredFields]).toEqual([true, null, null, []]);
		}
	});

	it('covers every category, industry, region, basin and at least 20 provinces', () => {
		const cats = countBy(demo.pilots, (p) => String(p.category));
		for (const c of CATEGORIES) expect(cats[c]).toBeGreaterThanOrEqual(12);
		for (const code of INDUSTRIES) {
			expect(demo.pilots.filter((p) => p.industries.includes(code)).length).toBeGreaterThanOrEqual(3);
		}
		expect(demo.pilots.filter((p) => p.industries.length >= 2).length).toBeGreaterThanOrEqual(5);
		expect(demo.pilots.every((p) => p.industries.length >= 1 && p.industries.length <= 3)).toBe(true);
		const others = demo.pilots.filter((p) => p.industries.some((i) => i.startsWith('other:')));
		expect(others.length).toBeGreaterThanOrEqual(4);
		expect(others.length).toBeLessThanOrEqual(8);
		const regions = countBy(demo.pilots, (p) => p.airRegion);
		for (const r of AIR_REGIONS) expect(regions[r]).toBeGreaterThanOrEqual(4);
		const basins = countBy(demo.pilots, (p) => p.basin);
		for (const b of BASINS) expect(basins[b]).toBeGreaterThanOrEqual(6);
		expect(new Set(demo.pilots.map((p) => p.provinceCode)).size).toBeGreaterThanOrEqual(20);
		const yangtzeDyeing = demo.pilots.filter((p) => p.basin === 'yangtze' && p.industries.includes('dyeing'));
		expect(yangtzeDyeing.length).toBeGreaterThanOrEqual(6);
	});

	it('keeps region, basin and body type consistent with province and category', () => {
		for (const p of demo.pilots) {
			expect(p.airRegion).not.toBeNull();
			expect(p.basin).not.toBeNull();
			if (p.airRegion !== 'none') expect(REGION_PROVINCES[p.airRegion!]).toContain(p.provinceCode);
			if (p.basin !== 'none') expect(REGION_PROVINCES[p.basin!]).toContain(p.provinceCode);
			expect(p.provinceCode).toMatch(/^\d{2}0000$/);
			expect(allowedBodyTypes(p.category ?? 1)).toContain(p.bodyType);
			if (p.category === 4) expect(p.bodyType).toBe('provincial_dept');
		}
	});

	it('dates terms and lifecycles consistently', () => {
		const statuses = countBy(demo.pilots, (p) => p.status);
		expect(statuses.withdrawn).toBeGreaterThanOrEqual(1);
		expect(statuses.withdrawn).toBeLessThanOrEqual(2);
		expect(statuses.evaluating).toBeGreaterThanOrEqual(1);
		expect(statuses.in_progress).toBeGreaterThan(30);
		for (const p of demo.pilots) {
			const start = p.termStart as string;
			// Approved-only pilots start in December 2026; evaluating ones ended their term before November 2026.
			const [from, to] =
				p.status === 'approved'
					? ['2026-12-01', '2026-12-31']
					: p.batchNumber === 901
						? ['2025-09-01', '2025-12-31']
						: ['2026-06-01', '2026-09-30'];
			expect(start >= from && start <= to, `${p.code} ${p.status} ${start}`).toBe(true);
			if (p.status === 'evaluating') expect(p.termEnd! < '2026-11-01').toBe(true);
			const end = new Date(`${start}T00:00:00Z`);
			end.setUTCFullYear(end.getUTCFullYear() + 1);
			end.setUTCDate(end.getUTCDate() - 1);
			expect(p.termEnd).toBe(end.toISOString().slice(0, 10));
			const allowed = p.batchNumber === 901 ? ['in_progress', 'evaluating'] : ['in_progress', 'approved'];
			if (p.status !== 'withdrawn') expect(allowed).toContain(p.status);
			const events = p.statusEvents;
			expect(events[0].status).toBe('approved');
			if (p.status === 'approved') expect(events[0].on! < start).toBe(true);
			else expect(new Date(`${events[0].on}T00:00:00Z`).getTime()).toBe(Date.parse(`${start}T00:00:00Z`) - 86_400_000);
			expect(events.at(-1)?.status).toBe(p.status);
			for (let k = 1; k < events.length; k++) {
				expect(PILOT_TRANSITIONS[events[k - 1].status]).toContain(events[k].status);
				expect((events[k].on as string) >= (events[k - 1].on as string)).toBe(true);
			}
		}
	});

	it('gives every pilot 5–40 fictional enterprises with valid credit codes for about half', () => {
		const pilots = new Map(demo.pilots.map((p) => [p.code, p]));
		const perPilot = countBy(demo.enterprises, (e) => e.pilotCode);
		for (const p of demo.pilots) {
			expect(perPilot[p.code]).toBeGreaterThanOrEqual(5);
			expect(perPilot[p.code]).toBeLessThanOrEqual(40);
		}
		expect(new Set(demo.enterprises.map((e) => `${e.pilotCode}/${e.code}`)).size).toBe(demo.enterprises.length);
		expect(new Set(demo.enterprises.map((e) => `${e.pilotCode}/${e.nameZh}`)).size).toBe(demo.enterprises.length);
		const codes = demo.enterprises.map((e) => e.creditCode).filter((c): c is string => c !== null);
		expect(codes.length / demo.enterprises.length).toBeGreaterThan(0.35);
		expect(codes.length / demo.enterprises.length).toBeLessThan(0.65);
		expect(new Set(codes).size).toBe(codes.length);
		for (const e of demo.enterprises) {
			const pilot = pilots.get(e.pilotCode) as RegistryPilot;
			expect(e.code).toMatch(/^E\d{3}$/);
			expect(e.nameZh.endsWith('（示例）')).toBe(true);
			expect(pilot.industries).toContain(e.industry);
			if (e.creditCode) {
				expect(isValidCreditCode(e.creditCode)).toBe(true);
				expect(e.creditCode.slice(0, 8)).toBe(`91${pilot.provinceCode}`);
			}
		}
	});

	it('sets 4–9 catalogue amounts per pilot (plus a rate beside solid waste or fresh water) with positive baselines and plausible targets', () => {
		const known = new Set(INDICATORS.map((i) => i.code));
		const firms = countBy(demo.enterprises, (e) => e.pilotCode);
		for (const p of demo.pilots) {
			const all = demo.indicators.filter((r) => r.pilotCode === p.code);
			const rates = all.filter((r) => indicatorByCode(r.indicatorCode)?.kind === 'rate');
			const rows = all.filter((r) => !rates.includes(r));
			const codes = rows.map((r) => r.indicatorCode);
			expect(rows.length).toBeGreaterThanOrEqual(4);
			expect(rows.length).toBeLessThanOrEqual(9);
			// a rate is set only beside the amount that weighs it, as a base-year level (%) and a target in points
			for (const r of rates) {
				expect(codes).toContain(r.indicatorCode === 'solid_waste_use_rate' ? 'solid_waste' : 'freshwater');
				expect(r.baseline).toBeGreaterThan(50);
				expect(r.baseline).toBeLessThan(90);
				expect(r).toMatchObject({ targetKind: 'absolute', baseYear: Number(p.termStart?.slice(0, 4)) - 1 });
			}
			expect(new Set(codes).size).toBe(codes.length);
			expect(codes).toEqual(expect.arrayContaining(['energy', 'co2']));
			if (p.airRegion !== 'none') expect(codes).toEqual(expect.arrayContaining(['voc', 'nox']));
			if (p.basin !== 'none') expect(codes).toEqual(expect.arrayContaining(['nh3n', 'tp']));
			const value = (code: string) => rows.find((r) => r.indicatorCode === code)?.baseline as number;
			expect(value('co2') / value('energy')).toBeGreaterThan(2.4);
			expect(value('co2') / value('energy')).toBeLessThan(2.8);
			for (const r of rows) {
				expect(known.has(r.indicatorCode)).toBe(true);
				expect(r.targetValue).toBeGreaterThan(0);
				if (r.baseline !== null) {
					expect(r.baseline).toBeGreaterThan(0);
					expect(Number(r.baseline.toPrecision(3))).toBe(r.baseline);
					expect(r.baseYear).toBe(Number(p.termStart?.slice(0, 4)) - 1);
				}
				const ind = indicatorByCode(r.indicatorCode);
				if (ind?.direction !== 'lower') expect([r.baseline, r.targetKind]).toEqual([null, 'absolute']);
				if (r.targetKind === 'percent') {
					const [lo, hi] = ind?.group === 'audit' ? [30, 60] : [3, 15];
					expect(r.targetValue).toBeGreaterThanOrEqual(lo);
					expect(r.targetValue).toBeLessThanOrEqual(hi);
				}
				if (r.targetKind === 'absolute' && r.baseline !== null) {
					expect((r.targetValue as number) / r.baseline).toBeLessThanOrEqual(0.16);
				}
				if (r.indicatorCode === 'enterprises_covered') expect(r.targetValue).toBe(firms[p.code]);
			}
		}
	});
});
