// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { PROVINCES } from './provinces';
import {
	CURRENT_AIR_REGION_DEFINITION,
	CURRENT_BASIN_DEFINITION,
	REGION_IDS,
	airRegionsOfProvince,
	basinsOfProvince,
	isInAirRegion,
	provincesOfAirRegion,
	provincesOfBasin,
	provincesOfDefinition,
	regionDefinition
} from './regions';
import { AIR_REGIONS, BASINS } from './taxonomy';

describe('region definitions', () => {
	it('maps every taxonomy code to its current definition', () => {
		expect(CURRENT_AIR_REGION_DEFINITION).toEqual({
			jjj: 'jjj_2p36',
			fenwei: 'fenwei_2023',
			yrd: 'yrd_2023',
			prd: 'prd_9',
			chengyu: 'chengyu'
		});
		expect(CURRENT_BASIN_DEFINITION).toEqual({ yangtze: 'yangtze_belt', yellow: 'yellow_basin' });
		for (const r of AIR_REGIONS) expect(regionDefinition(CURRENT_AIR_REGION_DEFINITION[r])).not.toBeNull();
		for (const b of BASINS) expect(regionDefinition(CURRENT_BASIN_DEFINITION[b])).not.toBeNull();
	});

	it('keeps the ten definitions, old ones included, each with a name, version, sources and members', () => {
		expect(REGION_IDS).toHaveLength(10);
		for (const id of REGION_IDS) {
			const d = regionDefinition(id);
			expect(d?.id).toBe(id);
			expect(d?.nameZh).not.toBe('');
			expect(d?.version).not.toBe('');
			expect(d?.sources.length).toBeGreaterThan(0);
			expect(d?.members.length).toBeGreaterThan(0);
		}
		expect(regionDefinition('nowhere')).toBeNull();
	});

	it('counts members as the sources list them', () => {
		expect(regionDefinition('prd_9')?.members).toHaveLength(9);
		expect(regionDefinition('yrd_41')?.members).toHaveLength(41);
		expect(regionDefinition('fenwei_11')?.members).toHaveLength(11);
		expect(regionDefinition('yangtze_belt')?.members).toHaveLength(11);
		expect(regionDefinition('yellow_basin')?.members).toHaveLength(9);
	});

	it('records members without a code as null and keeps notes', () => {
		const xiongan = regionDefinition('jjj_2p36')?.members.find((m) => m.memberZh === '雄安新区');
		expect(xiongan?.memberCode).toBeNull();
		expect(xiongan?.provinceCode).toBe('130000');
		const mianyang = regionDefinition('chengyu')?.members.find((m) => m.memberCode === '510700');
		expect(mianyang?.memberLevel).toBe('prefecture (partial)');
		expect(mianyang?.note).toBe('除北川县、平武县');
	});

	it('only names province codes that exist', () => {
		const codes = new Set(PROVINCES.map((p) => p.code));
		for (const id of REGION_IDS) for (const c of provincesOfDefinition(id)) expect(codes.has(c)).toBe(true);
	});
});

describe('provinces of regions and basins', () => {
	it('lists the provinces of each current air region, sorted', () => {
		expect(provincesOfAirRegion('jjj')).toEqual(['110000', '120000', '130000', '370000', '410000']);
		expect(provincesOfAirRegion('fenwei')).toEqual(['140000', '610000']);
		expect(provincesOfAirRegion('yrd')).toEqual(['310000', '320000', '330000', '340000']);
		expect(provincesOfAirRegion('prd')).toEqual(['440000']);
		expect(provincesOfAirRegion('chengyu')).toEqual(['500000', '510000']);
	});

	it('keeps the superseded definitions different from the current ones', () => {
		// 2+26 had 山西 (太原 …) which moved to 汾渭平原 in 2023; fenwei_11 had 河南 (洛阳, 三门峡).
		expect(provincesOfDefinition('jjj_2p26')).toContain('140000');
		expect(provincesOfAirRegion('jjj')).not.toContain('140000');
		expect(provincesOfDefinition('fenwei_11')).toEqual(['140000', '410000', '610000']);
	});

	it('lists the basin provinces, sorted', () => {
		expect(provincesOfBasin('yangtze')).toEqual([
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
		]);
		expect(provincesOfBasin('yellow')).toEqual([
			'140000',
			'150000',
			'370000',
			'410000',
			'510000',
			'610000',
			'620000',
			'630000',
			'640000'
		]);
	});

	it('finds the regions and basins of a province', () => {
		expect(airRegionsOfProvince('370000')).toEqual(['jjj']);
		expect(basinsOfProvince('370000')).toEqual(['yellow']);
		expect(airRegionsOfProvince('440000')).toEqual(['prd']);
		expect(basinsOfProvince('440000')).toEqual([]);
		expect(airRegionsOfProvince('510000')).toEqual(['chengyu']);
		expect(basinsOfProvince('510000')).toEqual(['yangtze', 'yellow']);
		expect(airRegionsOfProvince('140000')).toEqual(['fenwei']);
		expect(airRegionsOfProvince('XPCC')).toEqual([]);
		expect(basinsOfProvince('XPCC')).toEqual([]);
		expect(airRegionsOfProvince('650000')).toEqual([]);
	});
});

describe('isInAirRegion', () => {
	it('is true for a province with any member, false otherwise', () => {
		expect(isInAirRegion('jjj', '370000')).toBe(true);
		expect(isInAirRegion('prd', '440000')).toBe(true);
		expect(isInAirRegion('jjj', '440000')).toBe(false);
		expect(isInAirRegion('yrd', '360000')).toBe(false);
		expect(isInAirRegion('chengyu', 'XPCC')).toBe(false);
	});

	it('checks a prefecture or county against the listed members', () => {
		expect(isInAirRegion('jjj', '130000', '130100')).toBe(true); // 石家庄
		expect(isInAirRegion('jjj', '130000', '130102')).toBe(true); // a district of 石家庄 → its prefecture
		expect(isInAirRegion('jjj', '130000', '130700')).toBe(false); // 张家口 is not in 2+36
		expect(isInAirRegion('jjj', '130000', '130181')).toBe(true); // 辛集, listed as a county-level member
		expect(isInAirRegion('jjj', '410000', '419001')).toBe(true); // 济源
		expect(isInAirRegion('prd', '440000', '440500')).toBe(false); // 汕头
		expect(isInAirRegion('prd', '440000', '441900')).toBe(true); // 东莞
	});

	it('accepts any place of a province listed as a whole', () => {
		expect(isInAirRegion('jjj', '110000', '110105')).toBe(true); // 北京 朝阳区
		expect(isInAirRegion('yrd', '320000', '320700')).toBe(true); // 江苏 is whole in yrd_2023
		expect(isInAirRegion('yrd', '330000', '330300')).toBe(false); // 温州 left yrd in 2023
	});

	it('checks Chongqing districts one by one', () => {
		expect(isInAirRegion('chengyu', '500000', '500103')).toBe(true); // 渝中区
		expect(isInAirRegion('chengyu', '500000', '500229')).toBe(false); // 城口县
	});

	it('refuses a member outside the province or a malformed code', () => {
		expect(isInAirRegion('jjj', '370000', '130100')).toBe(false);
		expect(isInAirRegion('jjj', '130000', '1301')).toBe(false);
		expect(isInAirRegion('jjj', '130000', 'abcdef')).toBe(false);
	});
});
