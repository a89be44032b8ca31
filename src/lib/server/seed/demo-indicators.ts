/** Baselines and targets of the demo pilots, scaled by the number of enterprises and the pilot's industries. */
import { INDICATORS } from '../../domain/indicators';
import { BASIN_PRIORITY_INDUSTRIES } from '../../domain/taxonomy';
import type { RegistryPilot, RegistryPilotIndicator } from '../registry/types';
import { HEAVY, LIGHT, MID, OPTIONAL_INDICATORS, PER_ENTERPRISE } from './demo-names';
import { makeRng, round3, seedOf, type Rng } from './random';

function rangePosition(code: string, primary: string): number {
	if (code === 'voc' && ['printing', 'coating', 'petrochemical'].includes(primary)) return 0.7;
	if (['nh3n', 'tp', 'cod'].includes(code) && BASIN_PRIORITY_INDUSTRIES.some((i) => i === primary)) return 0.7;
	if (code === 'hazardous_waste' && ['electroplating', 'api', 'petrochemical'].includes(primary)) return 0.7;
	if (HEAVY.includes(primary)) return 0.8;
	if (MID.includes(primary)) return 0.6;
	if (LIGHT.includes(primary)) return 0.15;
	return 0.4;
}

function annualBaseline(rng: Rng, code: string, pilot: RegistryPilot, firms: number): number {
	const heavyAir = pilot.industries.includes('steel') || pilot.industries.includes('coking');
	let [min, max] = PER_ENTERPRISE[code];
	if (heavyAir && code === 'nox') [min, max] = [300, 2000];
	const pos = heavyAir && ['pm', 'so2'].includes(code) ? 0.9 : rangePosition(code, pilot.industries[0]);
	const jittered = Math.min(1, Math.max(0, pos + (rng.next() - 0.5) * 0.3));
	return round3(firms * Math.exp(Math.log(min) + jittered * (Math.log(max) - Math.log(min))));
}

/** 4–9 catalogue indicators for one pilot, by its region, basin and industries. */
export function makeIndicators(rng: Rng, pilot: RegistryPilot, firms: number): RegistryPilotIndicator[] {
	const codes = ['energy', 'co2'];
	if (pilot.airRegion) codes.push('voc', 'nox');
	if (pilot.airRegion && (pilot.industries.includes('steel') || pilot.industries.includes('coking'))) {
		codes.push('pm', 'so2');
	}
	if (pilot.basin) codes.push('nh3n', 'tp');
	if (pilot.basin && rng.chance(0.5)) codes.push('cod');
	const total = Math.min(9, Math.max(4, codes.length + rng.int(1, 4)));
	codes.push(...rng.shuffle(OPTIONAL_INDICATORS).slice(0, Math.max(0, total - codes.length)));
	const baseYear = Number(pilot.termStart?.slice(0, 4)) - 1;
	const baselines = new Map<string, number>();
	const rows = INDICATORS.filter((i) => codes.includes(i.code)).map((indicator): RegistryPilotIndicator => {
		const code = indicator.code;
		const row = { pilotCode: pilot.code, indicatorCode: code, baseYear: null, baseline: null };
		if (code === 'investment' || code === 'benefit') {
			const value = code === 'investment' ? rng.logUniform(50, 5000) : rng.logUniform(20, 500);
			return { ...row, targetKind: 'absolute', targetValue: round3(firms * value) };
		}
		if (code === 'enterprises_covered') return { ...row, targetKind: 'absolute', targetValue: firms };
		if (code === 'audit_cost' || code === 'audit_days') {
			const perFirm = code === 'audit_cost' ? 8 + rng.next() * 7 : rng.int(90, 180);
			return {
				...row,
				baseYear,
				baseline: round3(firms * perFirm),
				targetKind: 'percent',
				targetValue: rng.int(30, 60)
			};
		}
		let baseline: number;
		if (code === 'co2') baseline = round3(2.6 * (baselines.get('energy') ?? 0) * (0.95 + rng.next() * 0.1));
		else baseline = annualBaseline(rng, code, pilot, firms);
		baselines.set(code, baseline);
		const pct = rng.int(3, 15);
		if (rng.chance(0.75)) return { ...row, baseYear, baseline, targetKind: 'percent', targetValue: pct };
		return { ...row, baseYear, baseline, targetKind: 'absolute', targetValue: round3((baseline * pct) / 100) };
	});
	return [...rows, ...rateIndicators(pilot, baseYear, codes)];
}

/**
 * Rates that go with an amount a pilot already reports: the solid-waste use rate with solid waste, the water reuse
 * rate with fresh water — a base-year level and a target in percentage points, from a side sequence.
 */
function rateIndicators(pilot: RegistryPilot, baseYear: number, codes: string[]): RegistryPilotIndicator[] {
	const pairs: [amount: string, rate: string][] = [
		['solid_waste', 'solid_waste_use_rate'],
		['freshwater', 'water_reuse_rate']
	];
	return pairs
		.filter(([amount]) => codes.includes(amount))
		.map(([, code]) => {
			const side = makeRng(seedOf(`${pilot.code}/${code}`));
			return {
				pilotCode: pilot.code,
				indicatorCode: code,
				baseYear,
				baseline: side.int(550, 850) / 10,
				targetKind: 'absolute',
				targetValue: side.int(3, 8)
			};
		});
}

/** The whole fictional demo programme; the same data on every call. */
