/**
 * The fictional demo programme: 60 pilots in demo batches 901 and 902, with enterprises, baselines and
 * targets. Deterministic (seeded mulberry32: every call returns the same data), visibly marked as demo
 * (（示例） / 'Demo: ', isDemo true) and built only from invented names. Pure data generation, no I/O.
 */
import { creditCodeCheckChar } from '../../domain/credit-code';
import {
	AIR_PRIORITY_INDUSTRIES,
	AIR_REGION_LABELS,
	BASIN_LABELS,
	BASIN_PRIORITY_INDUSTRIES,
	INDUSTRIES,
	INDUSTRY_LABELS,
	isIndustry,
	type AirRegion,
	type Basin,
	type BodyType,
	type Category,
	type Industry,
	type PilotStatus
} from '../../domain/taxonomy';
import type { RegistryDataset, RegistryEnterprise, RegistryPilot, RegistryPilotIndicator } from '../registry/types';
import {
	DEMO_PROVINCES,
	ENTERPRISE_WORDS,
	INDUSTRY_NOUNS,
	OTHER_INDUSTRIES,
	PARK_KINDS,
	PLACEMENTS,
	PLACES
} from './demo-names';
import { makeIndicators } from './demo-indicators';
import { addDays, makeRng, type Rng } from './random';

export { mulberry32, round3 } from './random';

const SEED = 20230303;
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

type Slot = { province: string; airRegion: AirRegion | null; basin: Basin | null };

/** Picks a primary industry that suits the pilot's region or basin. */
function primaryIndustry(rng: Rng, slot: Slot): Industry {
	const pool: Industry[] = [];
	if (slot.airRegion) pool.push(...AIR_PRIORITY_INDUSTRIES);
	if (slot.basin) pool.push(...BASIN_PRIORITY_INDUSTRIES);
	return rng.pick(pool.length > 0 && rng.chance(0.8) ? pool : INDUSTRIES);
}

/** Industries per pilot: a primary one, some secondaries, ≥ 3 pilots per key industry, 5 `other:` ones. */
function assignIndustries(rng: Rng, slots: Slot[]): string[][] {
	const industries = slots.map((slot) => [primaryIndustry(rng, slot)] as string[]);
	const yangtze = rng.shuffle(slots.map((s, i) => (s.basin === 'yangtze' ? i : -1)).filter((i) => i >= 0));
	for (const i of yangtze.slice(0, 7)) industries[i][0] = 'dyeing';
	for (const list of industries) {
		const extra = rng.chance(0.06) ? 2 : rng.chance(0.2) ? 1 : 0;
		for (let k = 0; k < extra; k++) {
			const candidate = rng.pick(INDUSTRIES);
			if (!list.includes(candidate)) list.push(candidate);
		}
	}
	const order = rng.shuffle(industries.map((_, i) => i));
	for (const code of INDUSTRIES) {
		let count = industries.filter((list) => list.includes(code)).length;
		for (const i of order) {
			if (count >= 3) break;
			if (industries[i].length < 3 && !industries[i].includes(code)) {
				industries[i].push(code);
				count++;
			}
		}
	}
	const withRoom = order.filter((i) => industries[i].length < 3);
	OTHER_INDUSTRIES.forEach((name, k) => industries[withRoom[k]].push(`other:${name}`));
	return industries;
}

function industryName(code: string, lang: 'zh' | 'en'): string {
	return isIndustry(code) ? INDUSTRY_LABELS[code][lang] : code.replace(/^other:/, '');
}

type Naming = { nameZh: string; nameEn: string; bodyName: string; bodyType: BodyType };

function namePilot(rng: Rng, index: number, category: Category, slot: Slot, primary: string): Naming {
	const [place, placeEn] = PLACES[index];
	const [provinceZh, provinceEn] = DEMO_PROVINCES[slot.province];
	const suffix = '（示例）';
	if (category === 4) {
		const area = slot.airRegion ? AIR_REGION_LABELS[slot.airRegion] : BASIN_LABELS[slot.basin ?? 'yangtze'];
		const dept = provinceZh.endsWith('市') ? '生态环境局' : '生态环境厅';
		return {
			nameZh: `${provinceZh}${area.zh}${place}片区清洁生产协同审核创新试点项目${suffix}`,
			nameEn: `Demo: ${provinceEn} ${area.en} (${placeEn} area) coordinated audit pilot`,
			bodyName: `${provinceZh}${dept}${suffix}`,
			bodyType: 'provincial_dept'
		};
	}
	if (category === 2) {
		const [kind, kindEn] = rng.pick(PARK_KINDS);
		return {
			nameZh: `${place}${kind}清洁生产整体审核创新试点项目${suffix}`,
			nameEn: `Demo: ${placeEn} ${kindEn} whole-park audit pilot`,
			bodyName: `${place}${kind}管理委员会${suffix}`,
			bodyType: 'park'
		};
	}
	const county = rng.chance(0.5);
	const body: Naming['bodyType'] = county ? 'county_gov' : 'prefecture_dept';
	const bodyName = county ? `${place}县人民政府${suffix}` : `${place}市生态环境局${suffix}`;
	if (category === 1) {
		return {
			nameZh: `${place}${county ? '县' : '市'}${industryName(primary, 'zh')}行业清洁生产整体审核创新试点项目${suffix}`,
			nameEn: `Demo: ${placeEn} ${industryName(primary, 'en')} industry-wide audit pilot`,
			bodyName,
			bodyType: body
		};
	}
	return {
		nameZh: `${place}${county ? '县' : '市'}中小企业简易清洁生产审核创新试点项目${suffix}`,
		nameEn: `Demo: ${placeEn} simplified SME audit pilot`,
		bodyName,
		bodyType: body
	};
}

type Lifecycle = Pick<RegistryPilot, 'termStart' | 'termEnd' | 'status' | 'statusEvents'>;

function lifecycle(rng: Rng, batch: number, special: 'evaluating' | 'withdrawn' | null): Lifecycle {
	// Dates are fixed, not relative to today: the demo reads as of late 2026. Evaluating pilots ended
	// their term by October 2026; approved-only pilots start their term in December 2026.
	const isNotStarted = batch === 902 && special === null && rng.chance(0.25);
	const termStart = isNotStarted
		? addDays('2026-12-01', rng.int(0, 30))
		: special === 'evaluating'
			? addDays('2025-09-01', rng.int(0, 60))
			: addDays(batch === 901 ? '2025-09-01' : '2026-06-01', rng.int(0, 121));
	const termEnd = addDays(`${Number(termStart.slice(0, 4)) + 1}${termStart.slice(4)}`, -1);
	const events: RegistryPilot['statusEvents'] = [
		{ status: 'approved', on: isNotStarted ? '2026-11-10' : addDays(termStart, -1) }
	];
	let status: PilotStatus = 'in_progress';
	if (isNotStarted) status = 'approved';
	else events.push({ status: 'in_progress', on: termStart });
	if (special === 'evaluating') {
		status = 'evaluating';
		events.push({ status, on: addDays(termEnd, 1) });
	} else if (special === 'withdrawn') {
		status = 'withdrawn';
		events.push({ status, on: addDays(termStart, rng.int(30, 120)) });
	}
	return { termStart, termEnd, status, statusEvents: events };
}

function creditCode(rng: Rng, province: string): string {
	let body = `91${province}`;
	for (let k = 0; k < 9; k++) body += rng.pick(CODE_ALPHABET.split(''));
	return body + creditCodeCheckChar(body);
}

function makeEnterprises(rng: Rng, pilot: RegistryPilot, place: string, used: Set<string>): RegistryEnterprise[] {
	const count = rng.int(5, 40);
	const offset = rng.int(0, ENTERPRISE_WORDS.length - 1);
	return Array.from({ length: count }, (_, j) => {
		const industry = rng.chance(0.6) ? pilot.industries[0] : rng.pick(pilot.industries);
		const noun = isIndustry(industry) ? INDUSTRY_NOUNS[industry] : industryName(industry, 'zh');
		let code: string | null = null;
		if (rng.chance(0.5)) {
			do code = creditCode(rng, pilot.provinceCode ?? '000000');
			while (used.has(code));
			used.add(code);
		}
		return {
			pilotCode: pilot.code,
			code: `E${String(j + 1).padStart(3, '0')}`,
			nameZh: `${place}${ENTERPRISE_WORDS[(offset + j) % ENTERPRISE_WORDS.length]}${noun}有限公司（示例）`,
			industry,
			creditCode: code
		};
	});
}

/** Where in its per-enterprise range (0 low … 1 high, on a log scale) a pilot's primary industry sits. */
export function demoProgramme(): RegistryDataset {
	const rng = makeRng(SEED);
	const slots: Slot[] = rng.shuffle(
		PLACEMENTS.flatMap(([province, airRegion, basin, n]) =>
			Array.from({ length: n }, () => ({ province, airRegion, basin }))
		)
	);
	if (slots.length !== 60) throw new Error(`demo placements give ${slots.length} pilots, expected 60`);
	const located = rng.shuffle(slots.map((s, i) => (s.airRegion || s.basin ? i : -1)).filter((i) => i >= 0));
	const cat4 = new Set(located.slice(0, 15));
	let cycle = 0;
	const categories = slots.map((_, i): Category => (cat4.has(i) ? 4 : (((cycle++ % 3) + 1) as Category)));
	const industries = assignIndustries(rng, slots);
	const withdrawn = new Set([rng.int(0, 29), rng.int(30, 59)]);
	const evaluating = new Set(
		rng.shuffle(Array.from({ length: 30 }, (_, i) => i).filter((i) => !withdrawn.has(i))).slice(0, 4)
	);

	const pilots: RegistryPilot[] = [];
	const enterprises: RegistryEnterprise[] = [];
	const indicators: RegistryPilotIndicator[] = [];
	const usedCredit = new Set<string>();
	slots.forEach((slot, i) => {
		const batchNumber = i < 30 ? 901 : 902;
		const naming = namePilot(rng, i, categories[i], slot, industries[i][0]);
		const special = withdrawn.has(i) ? 'withdrawn' : evaluating.has(i) ? 'evaluating' : null;
		const pilot: RegistryPilot = {
			code: `D-${String(i + 1).padStart(3, '0')}`,
			batchNumber,
			nameZh: naming.nameZh,
			nameEn: naming.nameEn,
			category: categories[i],
			provinceCode: slot.province,
			airRegion: slot.airRegion,
			basin: slot.basin,
			industries: industries[i],
			bodyName: naming.bodyName,
			bodyType: naming.bodyType,
			...lifecycle(rng, batchNumber, special),
			sourceUrl: null,
			inferredFields: [],
			note: null,
			isDemo: true
		};
		const firms = makeEnterprises(rng, pilot, PLACES[i][0], usedCredit);
		pilots.push(pilot);
		enterprises.push(...firms);
		indicators.push(...makeIndicators(rng, pilot, firms.length));
	});
	// Demo pilots outside every key region or basin say so ('none'); null would mean unknown.
	const placed = pilots.map((p) => ({ ...p, airRegion: p.airRegion ?? 'none', basin: p.basin ?? 'none' }));
	return { pilots: placed, enterprises, indicators };
}
