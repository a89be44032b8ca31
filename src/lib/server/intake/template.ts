/**
 * The quarterly template of a pilot: one row per enterprise × periodic indicator that the pilot's
 * targets name, and one pilot-level row per cumulative or economic indicator, values left empty,
 * units canonical. UTF-8 with BOM so that Excel opens it; zh or en headers.
 */
import { indicatorByCode } from '../../domain/indicators';
import { intakeHeaders } from '../../intake/columns';
import { toCsv } from '../../csv/write';

/** The template's rows (without the header), as both the CSV and the .xlsx template hold them. */
export function templateRows(
	pilotCode: string,
	period: string,
	enterpriseCodes: string[],
	indicatorCodes: string[]
): string[][] {
	const rows: string[][] = [];
	const indicators = indicatorCodes.map((c) => indicatorByCode(c)).filter((i) => i !== undefined);
	for (const i of indicators.filter((x) => x.kind === 'periodic' && x.direction === 'lower'))
		for (const e of enterpriseCodes) rows.push([pilotCode, e, period, i.code, '', i.unit, '']);
	for (const i of indicators.filter((x) => !(x.kind === 'periodic' && x.direction === 'lower')))
		rows.push([pilotCode, '', period, i.code, '', i.unit, '']);
	return rows;
}

export function templateCsv(
	pilotCode: string,
	period: string,
	enterpriseCodes: string[],
	indicatorCodes: string[],
	lang: 'zh' | 'en'
): string {
	return toCsv(intakeHeaders(lang), templateRows(pilotCode, period, enterpriseCodes, indicatorCodes));
}
