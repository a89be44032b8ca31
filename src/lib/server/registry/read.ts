/**
 * Reads a decoded registry CSV into registry records, checking every cell against the taxonomy,
 * the batches and the pilots already registered. Returns records only when there is no error.
 */
import { termEndFor } from '../../domain/periods';
import { isInAirRegion, provincesOfBasin } from '../../domain/regions';
import { isValidCreditCode } from '../../domain/credit-code';
import { resolveIndicator, toCanonical } from '../../domain/indicators';
import {
	AIR_REGION_LABELS,
	BASIN_LABELS,
	BODY_TYPE_LABELS,
	CATEGORY_LABELS,
	PILOT_STATUS_LABELS,
	allowedBodyTypes,
	type Category
} from '../../domain/taxonomy';
import { parseNumber } from '../csv/number';
import type { Problem } from '../../csv/problems';
import { readTable, type Table } from '../csv/table';
import {
	isUnknown,
	readBoolean,
	readCode,
	readDate,
	readIndustries,
	readIndustry,
	readInteger,
	readProvince,
	readUrl,
	type Read
} from './cells';
import { COLUMNS, type RegistryKind } from './columns';
import { duplicates, RowReader, type RegistryContext } from './row-reader';

export type { RegistryContext };
import type { RegistryEnterprise, RegistryPilot, RegistryPilotIndicator } from './types';

export type ReadResult =
	| { kind: 'pilots'; records: RegistryPilot[] }
	| { kind: 'enterprises'; records: RegistryEnterprise[] }
	| { kind: 'indicators'; records: RegistryPilotIndicator[] };

const CATEGORY_BY_NUMBER = Object.fromEntries(Object.entries(CATEGORY_LABELS).map(([k, v]) => [k, v])) as Record<
	string,
	{ zh: string; en: string }
>;

function readPilot(r: RowReader, ctx: RegistryContext): RegistryPilot | null {
	const code = r.code('pilot_code');
	const batchNumber = r.take('batch', readInteger(r.cell('batch'), 1, 9999));
	if (batchNumber != null && !ctx.batches.has(batchNumber)) r.fail('batch', '没有这个批次', 'No such batch');
	const nameZh = r.required('name_zh');
	const categoryCell = r.cell('category').replace(/^第?\s*([1-4])\s*类?$/, '$1');
	const category = r.take('category', readCode(CATEGORY_BY_NUMBER, categoryCell, { zh: '试点类别', en: 'category' }));
	const provinceCode = r.take('province', readProvince(r.cell('province')));
	const airRegion = r.take(
		'air_region',
		readPlace(AIR_REGION_LABELS, r.cell('air_region'), { zh: '重点区域', en: 'key air region' })
	);
	const basin = r.take('basin', readPlace(BASIN_LABELS, r.cell('basin'), { zh: '流域', en: 'basin' }));
	if (airRegion && airRegion !== 'none' && provinceCode && !isInAirRegion(airRegion, provinceCode))
		r.fail('air_region', '该省份不在此重点区域内', 'The province is not in this key air region');
	if (basin && basin !== 'none' && provinceCode && !provincesOfBasin(basin).includes(provinceCode))
		r.fail('basin', '该省份不在此流域内', 'The province is not in this basin');
	const bodyType = r.take(
		'body_type',
		readCode(BODY_TYPE_LABELS, r.cell('body_type'), { zh: '主体类型', en: 'body type' })
	);
	const cat = category == null ? null : (Number(category) as Category);
	if (cat && bodyType && !allowedBodyTypes(cat).includes(bodyType))
		r.fail(
			'body_type',
			'该类别的试点不能由此类主体申报实施（见通知第三条）',
			'This body type may not apply for this category (notice, section 3)'
		);
	const termStart = r.take('term_start', readDate(r.cell('term_start')));
	let termEnd = r.take('term_end', readDate(r.cell('term_end')));
	if (termStart && termEnd && termEnd <= termStart)
		r.fail('term_end', '结束日期须晚于起始日期', 'The term must end after it starts');
	if (termStart && termEnd === null && batchNumber != null && ctx.batches.has(batchNumber))
		termEnd = termEndFor(termStart, ctx.batches.get(batchNumber)!.termMonths);
	const statusRead = readCode(PILOT_STATUS_LABELS, r.cell('status'), { zh: '状态', en: 'status' });
	const status = r.take('status', statusRead) ?? (statusRead.ok ? 'approved' : undefined);
	const statusDate = r.take('status_date', readDate(r.cell('status_date')));
	const sourceUrl = r.take('source_url', readUrl(r.cell('source_url')));
	const isDemo = r.take('is_demo', readBoolean(r.cell('is_demo')));
	const inferredFields = isUnknown(r.cell('inferred_fields'))
		? []
		: r
				.cell('inferred_fields')
				.split(/[;；、,，|]/)
				.map((s) => s.trim())
				.filter(Boolean);
	if (
		code === undefined ||
		batchNumber == null ||
		nameZh === undefined ||
		[
			category,
			provinceCode,
			airRegion,
			basin,
			bodyType,
			termStart,
			termEnd,
			status,
			statusDate,
			sourceUrl,
			isDemo
		].includes(undefined)
	)
		return null;
	return {
		code,
		batchNumber,
		nameZh,
		nameEn: isUnknown(r.cell('name_en')) ? null : r.cell('name_en'),
		category: cat,
		provinceCode: provinceCode!,
		airRegion: airRegion!,
		basin: basin!,
		industries: readIndustries(r.cell('industries')),
		bodyName: isUnknown(r.cell('body_name')) ? null : r.cell('body_name'),
		bodyType: bodyType!,
		termStart: termStart!,
		termEnd: termEnd!,
		status: status!,
		statusEvents: [{ status: status!, on: statusDate! }],
		sourceUrl: sourceUrl!,
		inferredFields,
		note: isUnknown(r.cell('note')) ? null : r.cell('note'),
		isDemo: isDemo!
	};
}

const NONE = new Set(['无', 'none', '不属于', '—']);

/** A key region or basin; 'none' when the cell says the pilot lies in none; null when unknown. */
function readPlace<T extends string>(
	labels: Record<T, { zh: string; en: string }>,
	cell: string,
	what: { zh: string; en: string }
): Read<T | 'none' | null> {
	if (NONE.has(cell.trim().toLowerCase())) return { ok: true, value: 'none' };
	return readCode(labels, cell, what);
}

function readEnterprise(r: RowReader, ctx: RegistryContext): RegistryEnterprise | null {
	const pilotCode = r.knownPilot(ctx);
	const code = r.code('enterprise_code');
	const nameZh = r.required('enterprise_name');
	const credit = r.cell('credit_code').toUpperCase();
	let creditCode: string | null = null;
	if (!isUnknown(credit)) {
		if (isValidCreditCode(credit)) creditCode = credit;
		else
			r.fail(
				'credit_code',
				'统一社会信用代码无效（长度、字符或校验位不对）',
				'Invalid unified social credit code (length, characters or check digit)'
			);
	}
	if (pilotCode === undefined || code === undefined || nameZh === undefined) return null;
	if (!isUnknown(credit) && creditCode === null) return null;
	return {
		pilotCode,
		code,
		nameZh,
		industry: isUnknown(r.cell('industry')) ? null : readIndustry(r.cell('industry')),
		creditCode
	};
}

function readTargetKind(cell: string): Read<'absolute' | 'percent' | null> {
	const s = cell.trim().toLowerCase();
	if (isUnknown(s)) return { ok: true, value: null };
	if (['absolute', '绝对值', '绝对量'].includes(s)) return { ok: true, value: 'absolute' };
	if (['percent', '%', '百分比', '比例'].includes(s)) return { ok: true, value: 'percent' };
	return { ok: false, why: { zh: '目标类型须为 绝对值 或 百分比', en: 'Target kind must be absolute or percent' } };
}

function readIndicatorRow(r: RowReader, ctx: RegistryContext): RegistryPilotIndicator | null {
	const pilotCode = r.knownPilot(ctx);
	const indicator = resolveIndicator(r.cell('indicator_code'));
	if (!indicator) r.fail('indicator_code', '指标目录中没有此指标', 'No such indicator in the catalogue');
	const baseYear = r.take('base_year', readInteger(r.cell('base_year'), 1990, 2100));
	let baseline: number | null | undefined = null;
	if (!isUnknown(r.cell('baseline'))) {
		const n = parseNumber(r.cell('baseline'));
		if (n === null || n < 0) r.fail('baseline', '基准值须为非负数', 'The baseline must be a non-negative number');
		else if (indicator) {
			baseline = toCanonical(indicator, n, r.cell('unit'));
			if (baseline === null)
				r.fail(
					'unit',
					`单位不适用于该指标（可用：${indicator.units.map((u) => u.unit).join('、')}）`,
					`Unit not accepted for this indicator (use: ${indicator.units.map((u) => u.unit).join(', ')})`
				);
		}
		if (n === null || n < 0 || baseline === null) baseline = undefined;
	}
	const targetKind = r.take('target_kind', readTargetKind(r.cell('target_kind')));
	let targetValue: number | null | undefined = null;
	if (!isUnknown(r.cell('target'))) {
		const n = parseNumber(r.cell('target').replace(/%$/, ''));
		targetValue = n === null || n < 0 ? undefined : n;
		if (targetValue === undefined) r.fail('target', '目标值须为非负数', 'The target must be a non-negative number');
		else if (targetKind === null)
			r.fail('target_kind', '有目标值时须写明目标类型', 'A target needs its kind (absolute or percent)');
		else if (targetKind === 'percent' && targetValue! > 100)
			r.fail('target', '百分比目标不能超过 100', 'A percentage target cannot exceed 100');
		else if (targetKind === 'percent' && baseline === null)
			r.fail('baseline', '百分比目标需要基准值', 'A percentage target needs a baseline');
		else if (targetKind === 'absolute' && indicator) {
			// An absolute target is in the row's unit, like the baseline; a unit refused above is not reported twice.
			const converted = toCanonical(indicator, targetValue!, r.cell('unit'));
			if (converted === null && baseline !== undefined)
				r.fail('unit', '单位不适用于该指标', 'Unit not accepted for this indicator');
			targetValue = converted ?? undefined;
		}
	}
	if (pilotCode === undefined || !indicator || baseYear === undefined || baseline === undefined) return null;
	if (targetKind === undefined || targetValue === undefined) return null;
	return { pilotCode, indicatorCode: indicator.code, baseYear, baseline, targetKind, targetValue };
}

/** Reads a registry file of the given kind; `records` is empty unless there is no error. */
export function readRegistry(
	text: string,
	kind: RegistryKind,
	ctx: RegistryContext
): { result: ReadResult; problems: Problem[] } {
	const table = readTable(text, COLUMNS[kind]);
	const problems = [...table.problems];
	const structural = problems.some((p) => p.severity === 'error' && p.row === 1);
	const readers = structural ? [] : table.rows.map((row) => new RowReader(table, row, problems));
	const pilotsInFile = new Set(kind === 'pilots' ? table.rows.map((t) => t.cells.pilot_code) : []);
	const scope: RegistryContext = { ...ctx, pilotCodes: new Set([...ctx.pilotCodes, ...pilotsInFile]) };
	if (kind === 'pilots') {
		const records = readers.map((r) => readPilot(r, scope));
		duplicates(
			problems,
			table,
			table.rows.map((t) => ({ row: t.row, key: t.cells.pilot_code })),
			'pilot_code'
		);
		return finish({ kind, records: records.filter((x) => x !== null) }, problems, table);
	}
	if (kind === 'enterprises') {
		const records = readers.map((r) => readEnterprise(r, ctx));
		duplicates(
			problems,
			table,
			table.rows.map((t) => ({ row: t.row, key: `${t.cells.pilot_code} / ${t.cells.enterprise_code}` })),
			'enterprise_code'
		);
		return finish({ kind, records: records.filter((x) => x !== null) }, problems, table);
	}
	const records = readers.map((r) => readIndicatorRow(r, ctx));
	duplicates(
		problems,
		table,
		table.rows.map((t) => ({
			row: t.row,
			key: `${t.cells.pilot_code} / ${resolveIndicator(t.cells.indicator_code)?.code ?? t.cells.indicator_code}`
		})),
		'indicator_code'
	);
	return finish({ kind, records: records.filter((x) => x !== null) }, problems, table);
}

function finish(result: ReadResult, problems: Problem[], table: Table): { result: ReadResult; problems: Problem[] } {
	if (table.rows.length === 0 && !problems.some((p) => p.severity === 'error'))
		problems.push({
			row: null,
			column: null,
			value: null,
			zh: '文件没有数据行',
			en: 'The file has no data rows',
			severity: 'error'
		});
	const hasError = problems.some((p) => p.severity === 'error');
	problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
	return { result: hasError ? ({ ...result, records: [] } as ReadResult) : result, problems };
}
