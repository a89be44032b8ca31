/**
 * Membership of provinces (and their prefectures and counties) in the key air regions and river basins.
 * The taxonomy codes point at the CURRENT definitions; superseded definitions (jjj_2p26, fenwei_11, yrd_41)
 * stay available by id through regionDefinition(). Pure functions over the generated reference data.
 */
import { REGION_DEFINITIONS, REGION_IDS, type RegionDefinition, type RegionId } from './reference-data';
import { AIR_REGIONS, BASINS, type AirRegion, type Basin } from './taxonomy';

export { REGION_IDS, type RegionDefinition, type RegionId };

/** The definition each key air region code currently means (国发〔2023〕24号 where it applies). */
export const CURRENT_AIR_REGION_DEFINITION: Record<AirRegion, RegionId> = {
	jjj: 'jjj_2p36',
	fenwei: 'fenwei_2023',
	yrd: 'yrd_2023',
	prd: 'prd_9',
	chengyu: 'chengyu'
};

/** The definition each key river basin code currently means. */
export const CURRENT_BASIN_DEFINITION: Record<Basin, RegionId> = {
	yangtze: 'yangtze_belt',
	yellow: 'yellow_basin'
};

function isRegionId(id: string): id is RegionId {
	return (REGION_IDS as readonly string[]).includes(id);
}

/** The definition with this id (current or superseded) with its name, version, sources and members; null if unknown. */
export function regionDefinition(id: string): RegionDefinition | null {
	return isRegionId(id) ? REGION_DEFINITIONS[id] : null;
}

/** Sorted, distinct province codes having at least one member in the definition; [] for an unknown id. */
export function provincesOfDefinition(id: string): string[] {
	const definition = regionDefinition(id);
	if (!definition) return [];
	return [...new Set(definition.members.map((m) => m.provinceCode))].sort();
}

/** Sorted province codes having any member in the current definition of the air region. */
export function provincesOfAirRegion(region: AirRegion): string[] {
	return provincesOfDefinition(CURRENT_AIR_REGION_DEFINITION[region]);
}

/** Sorted province codes in the current definition of the river basin. */
export function provincesOfBasin(basin: Basin): string[] {
	return provincesOfDefinition(CURRENT_BASIN_DEFINITION[basin]);
}

/** The air regions (in taxonomy order) whose current definition has any member in the province; [] if none. */
export function airRegionsOfProvince(code: string): AirRegion[] {
	return AIR_REGIONS.filter((r) => provincesOfAirRegion(r).includes(code));
}

/** The basins (in taxonomy order) whose current definition includes the province; [] if none. */
export function basinsOfProvince(code: string): Basin[] {
	return BASINS.filter((b) => provincesOfBasin(b).includes(code));
}

/**
 * Whether a place lies in the current definition of the air region. Without memberCode: true when the
 * province has any member there. With a 6-digit prefecture/county memberCode of that province: true only
 * when that code, its prefecture (first 4 digits + '00') or the whole province is listed as a member.
 * A memberCode outside the province, or not 6 digits, gives false.
 */
export function isInAirRegion(region: AirRegion, provinceCode: string, memberCode?: string | null): boolean {
	const members = REGION_DEFINITIONS[CURRENT_AIR_REGION_DEFINITION[region]].members.filter(
		(m) => m.provinceCode === provinceCode
	);
	if (!memberCode) return members.length > 0;
	if (!/^\d{6}$/.test(memberCode) || memberCode.slice(0, 2) !== provinceCode.slice(0, 2)) return false;
	const accepted = new Set([memberCode, memberCode.slice(0, 4) + '00', provinceCode]);
	return members.some((m) => m.memberCode !== null && accepted.has(m.memberCode));
}
