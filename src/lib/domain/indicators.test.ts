import { describe, expect, it } from 'vitest';
import { INDICATORS, indicatorByCode, resolveIndicator, toCanonical } from './indicators';

const get = (code: string) => {
	const indicator = indicatorByCode(code);
	if (!indicator) throw new Error(`no indicator ${code}`);
	return indicator;
};

describe('indicator catalogue', () => {
	it('holds the indicators DOMAIN.md names, with unique codes and canonical units', () => {
		const codes = INDICATORS.map((i) => i.code);
		expect(new Set(codes).size).toBe(codes.length);
		for (const code of [
			'voc',
			'nox',
			'pm',
			'so2',
			'nh3n',
			'tp',
			'cod',
			'tn',
			'wastewater',
			'energy',
			'electricity',
			'co2'
		]) {
			expect(codes).toContain(code);
		}
		expect(get('energy').unit).toBe('tce');
		expect(get('electricity').unit).toBe('MWh');
		expect(get('co2').unit).toBe('tCO2e');
		expect(get('wastewater').unit).toBe('m³');
		expect(get('investment').unit).toBe('万元');
	});

	it('marks emissions lower-is-better and periodic, counts higher-is-better and cumulative', () => {
		expect(get('voc')).toMatchObject({ direction: 'lower', kind: 'periodic', group: 'air' });
		expect(get('nh3n')).toMatchObject({ direction: 'lower', group: 'water_pollution' });
		expect(get('enterprises_covered')).toMatchObject({ direction: 'higher', kind: 'cumulative' });
	});

	it('converts accepted units to the canonical one with the catalogue’s factors', () => {
		expect(toCanonical(get('voc'), 1500, 'kg')).toBeCloseTo(1.5);
		expect(toCanonical(get('voc'), 2, '万吨')).toBe(20_000);
		expect(toCanonical(get('electricity'), 3, '万kWh')).toBe(30);
		expect(toCanonical(get('electricity'), 3, '万度')).toBe(30);
		expect(toCanonical(get('electricity'), 2500, '千瓦时')).toBeCloseTo(2.5);
		expect(toCanonical(get('wastewater'), 1.2, '万m³')).toBe(12_000);
		expect(toCanonical(get('wastewater'), 1.2, '万 m3')).toBe(12_000);
		expect(toCanonical(get('energy'), 7, '吨标准煤')).toBe(7);
		expect(toCanonical(get('co2'), 0.5, '万吨')).toBe(5000);
		expect(toCanonical(get('investment'), 250_000, '元')).toBeCloseTo(25);
	});

	it('refuses units an indicator does not accept, and treats an empty unit as canonical', () => {
		expect(toCanonical(get('voc'), 1, 'MWh')).toBeNull();
		expect(toCanonical(get('electricity'), 1, '吨')).toBeNull();
		expect(toCanonical(get('voc'), 4, '')).toBe(4);
	});

	it('finds an indicator by code or by its zh/en name', () => {
		expect(resolveIndicator('NOX')?.code).toBe('nox');
		expect(resolveIndicator('氨氮排放量')?.code).toBe('nh3n');
		expect(resolveIndicator('CO2 emissions')?.code).toBe('co2');
		expect(resolveIndicator('臭氧')).toBeUndefined();
	});
});
