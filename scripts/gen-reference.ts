/**
 * Generates src/lib/domain/reference-data.ts from reference/provinces.csv and reference/regions.csv.
 * Run with `npx tsx scripts/gen-reference.ts`. The output is pure data (no I/O at runtime), formatted
 * with the repository's Prettier config. The script checks the CSVs for consistency and exits non-zero
 * when they disagree, so a bad edit to the reference data never reaches the domain code silently.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import * as prettier from 'prettier';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const provincesCsv = resolve(root, 'reference/provinces.csv');
const regionsCsv = resolve(root, 'reference/regions.csv');
const outPath = resolve(root, 'src/lib/domain/reference-data.ts');

/** Our own key for 新疆生产建设兵团, which has no GB/T 2260 province-level code. */
const XPCC_CODE = 'XPCC';
const XPCC_NAME = '新疆生产建设兵团';
const XPCC_NOTE =
	"Not a GB/T 2260 code: 'XPCC' is this project's own key. 新疆生产建设兵团 has no province-level code; " +
	'its cities (e.g. 石河子市 659001) are coded under 新疆 (65).';

type Row = Record<string, string>;

function readCsv(path: string, required: string[]): Row[] {
	const parsed = Papa.parse<Row>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
	if (parsed.errors.length) fail(`${path}: ${parsed.errors.map((e) => `row ${e.row}: ${e.message}`).join('; ')}`);
	const fields = parsed.meta.fields ?? [];
	for (const column of required) if (!fields.includes(column)) fail(`${path}: missing column ${column}`);
	return parsed.data.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, (v ?? '').trim()])));
}

function fail(message: string): never {
	console.error(`gen-reference: ${message}`);
	process.exit(1);
}

type Province = {
	code: string;
	nameZh: string;
	shortZh: string;
	nameEn: string;
	isStandardCode: boolean;
	codeNote?: string;
	source: string;
};

function buildProvinces(rows: Row[]): Province[] {
	const provinces = rows.map((row): Province => {
		const code = row.gb2260_code;
		if (!code) {
			if (row.name_zh !== XPCC_NAME) fail(`provinces.csv: ${row.name_zh} has no code and is not ${XPCC_NAME}`);
			return {
				code: XPCC_CODE,
				nameZh: row.name_zh,
				shortZh: row.short_zh,
				nameEn: row.name_en,
				isStandardCode: false,
				codeNote: XPCC_NOTE,
				source: row.code_source
			};
		}
		if (!/^[1-9]\d0000$/.test(code)) fail(`provinces.csv: ${code} is not a province-level GB/T 2260 code`);
		return {
			code,
			nameZh: row.name_zh,
			shortZh: row.short_zh,
			nameEn: row.name_en,
			isStandardCode: true,
			source: row.code_source
		};
	});
	const standard = provinces.filter((p) => p.isStandardCode).length;
	if (standard !== 31) fail(`provinces.csv: expected 31 GB/T 2260 provincial units, found ${standard}`);
	if (provinces.length !== 32) fail(`provinces.csv: expected 32 rows (31 + XPCC), found ${provinces.length}`);
	for (const key of ['code', 'nameZh', 'shortZh', 'nameEn'] as const) {
		const values = provinces.map((p) => p[key]);
		if (new Set(values).size !== values.length) fail(`provinces.csv: duplicate ${key}`);
	}
	return provinces;
}

type Member = {
	provinceCode: string;
	memberZh: string;
	memberCode: string | null;
	memberLevel: string;
	version?: string;
	note?: string;
};

type Definition = { id: string; nameZh: string; kind: string; version: string; sources: string[]; members: Member[] };

function buildRegions(rows: Row[], provinces: Province[]): Definition[] {
	const byCode = new Map(provinces.map((p) => [p.code, p]));
	const definitions = new Map<string, Definition>();
	for (const [index, row] of rows.entries()) {
		const where = `regions.csv row ${index + 2} (${row.region_id})`;
		const province = byCode.get(row.province_code);
		if (!province) fail(`${where}: unknown province code ${row.province_code}`);
		if (province.nameZh !== row.province_zh) fail(`${where}: ${row.province_zh} does not match ${province.nameZh}`);
		if (row.member_code && !/^\d{6}$/.test(row.member_code)) fail(`${where}: bad member code ${row.member_code}`);
		if (row.member_code && row.member_code.slice(0, 2) !== row.province_code.slice(0, 2))
			fail(`${where}: member ${row.member_code} lies outside province ${row.province_code}`);
		let definition = definitions.get(row.region_id);
		if (!definition) {
			definition = {
				id: row.region_id,
				nameZh: row.region_name_zh,
				kind: row.region_kind,
				version: row.definition_version,
				sources: [],
				members: []
			};
			definitions.set(row.region_id, definition);
		} else if (definition.nameZh !== row.region_name_zh || definition.kind !== row.region_kind) {
			fail(`${where}: name or kind differs from the first row of the region`);
		}
		for (const source of row.source_url.split(' ; ').map((s) => s.trim())) {
			if (source && !definition.sources.includes(source)) definition.sources.push(source);
		}
		const member: Member = {
			provinceCode: row.province_code,
			memberZh: row.member_zh,
			memberCode: row.member_code || null,
			memberLevel: row.member_level
		};
		// Rows that merely abbreviate the definition's version ('2017–2023') add nothing; others ('2017–2018 …') are kept.
		if (row.definition_version && !definition.version.startsWith(row.definition_version))
			member.version = row.definition_version;
		if (row.note) member.note = row.note;
		definition.members.push(member);
	}
	return [...definitions.values()];
}

/** The basin flags in provinces.csv must agree with the basin definitions in regions.csv. */
function checkBasinFlags(rows: Row[], definitions: Definition[]): void {
	const checks: [string, string][] = [
		['in_yangtze_economic_belt', 'yangtze_belt'],
		['in_yellow_river_basin_9', 'yellow_basin']
	];
	for (const [column, id] of checks) {
		const definition = definitions.find((d) => d.id === id);
		if (!definition) fail(`regions.csv: missing region ${id}`);
		const fromRegions = new Set(definition.members.map((m) => m.provinceCode));
		for (const row of rows) {
			if (!row.gb2260_code) continue;
			if ((row[column] === 'yes') !== fromRegions.has(row.gb2260_code))
				fail(`provinces.csv ${column} of ${row.name_zh} disagrees with regions.csv ${id}`);
		}
	}
}

async function main(): Promise<void> {
	const provinceRows = readCsv(provincesCsv, [
		'gb2260_code',
		'name_zh',
		'short_zh',
		'name_en',
		'code_source',
		'in_yangtze_economic_belt',
		'in_yellow_river_basin_9'
	]);
	const regionRows = readCsv(regionsCsv, [
		'region_id',
		'region_name_zh',
		'region_kind',
		'definition_version',
		'province_zh',
		'province_code',
		'member_zh',
		'member_code',
		'member_level',
		'note',
		'source_url'
	]);
	const provinces = buildProvinces(provinceRows);
	const definitions = buildRegions(regionRows, provinces);
	checkBasinFlags(provinceRows, definitions);

	const json = (value: unknown) => JSON.stringify(value, null, '\t');
	const regionRecord = Object.fromEntries(definitions.map((d) => [d.id, d]));
	const source = `/**
 * GENERATED by scripts/gen-reference.ts from reference/provinces.csv and reference/regions.csv — do not edit by hand;
 * edit the CSVs and run \`npx tsx scripts/gen-reference.ts\`. Pure data: the sources of every value are kept.
 */

export type ProvinceRecord = {
	/** GB/T 2260 province-level code (e.g. '320000'), or our own key 'XPCC' when isStandardCode is false. */
	code: string;
	nameZh: string;
	shortZh: string;
	nameEn: string;
	isStandardCode: boolean;
	/** Why a non-standard code was chosen; present only when isStandardCode is false. */
	codeNote?: string;
	source: string;
};

/** The 31 GB/T 2260 provincial units plus 新疆生产建设兵团 (code 'XPCC', not standard), in GB/T 2260 order. */
export const PROVINCES: readonly ProvinceRecord[] = ${json(provinces)};

export const REGION_IDS = ${json(definitions.map((d) => d.id))} as const;
export type RegionId = (typeof REGION_IDS)[number];

export type RegionMember = {
	provinceCode: string;
	memberZh: string;
	/** GB/T 2260 code of the member (province, prefecture or county); null for zones without a code (雄安新区). */
	memberCode: string | null;
	/** As written in the source, e.g. 'prefecture', 'prefecture (partial)', 'whole province'. */
	memberLevel: string;
	/** Present when this member's validity differs from the definition's version. */
	version?: string;
	note?: string;
};

export type RegionDefinition = {
	id: RegionId;
	nameZh: string;
	kind: string;
	version: string;
	sources: readonly string[];
	members: readonly RegionMember[];
};

/** Every region definition of reference/regions.csv, current and superseded, by id. */
export const REGION_DEFINITIONS: Record<RegionId, RegionDefinition> = ${json(regionRecord)};
`;
	const options = await prettier.resolveConfig(outPath);
	const formatted = await prettier.format(source, { ...options, filepath: outPath });
	writeFileSync(outPath, formatted);
	console.log(
		`gen-reference: wrote ${outPath} (${provinces.length} provinces, ${definitions.length} region definitions)`
	);
}

await main();
