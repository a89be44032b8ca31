/**
 * The quarterly template as an .xlsx workbook: the same columns and rows as the CSV template (template.ts), a note on
 * each header cell saying what the column takes (Chinese and English), drop-down lists of the catalogue's indicator
 * codes and of each row's accepted units, the header frozen and locked (the sheet is protected without a password,
 * against slips, with every cell below the header left editable), codes kept as text. Filled in and uploaded, it
 * imports as its CSV twin does.
 */
import ExcelJS from 'exceljs';
import { INDICATORS, indicatorByCode } from '../../../domain/indicators';
import { INTAKE_COLUMNS, intakeHeaders } from '../../../intake/columns';
import { templateRows } from '../template';

/** What each header cell's note says, column by column. */
const NOTES: Record<string, string> = {
	pilot_code: '试点编号，如 Q-1（已填好，请勿修改）。\nPilot code, e.g. Q-1 (filled in: do not change it).',
	enterprise_code:
		'企业编号；留空表示试点级数值（合计、累计或比率）。\nEnterprise code; empty for a pilot-level value (a total, running total or rate).',
	period:
		'报告期：2025Q4、2025-Q4 或 2025年第四季度；请勿填写日期。\nPeriod: 2025Q4, 2025-Q4 or 2025年第四季度; not a date.',
	indicator_code:
		'指标代码（下拉列表），也可填写指标的中文或英文名称。\nIndicator code (drop-down list); its Chinese or English name is accepted too.',
	value:
		'数值：只填数字，单位另列；公式可用，按保存时的计算结果读取；比率填 0–100。\nValue: a number only, its unit in the next column; a formula is read as its saved result; rates 0–100.',
	unit: '单位（下拉列表列出该指标可用的单位），不同单位会自动换算。\nUnit (the drop-down lists those accepted for the indicator); other accepted units are converted.',
	note: '备注，可选，不超过 2000 字。\nNote, optional, at most 2,000 characters.'
};

/** Rows below the template's own that keep the lists and stay editable, for values added by hand. */
const SPARE_ROWS = 200;
const LISTS = 'lists';

/** The template workbook's bytes. */
export async function templateXlsx(
	pilotCode: string,
	period: string,
	enterpriseCodes: string[],
	indicatorCodes: string[],
	lang: 'zh' | 'en'
): Promise<Uint8Array> {
	const rows = templateRows(pilotCode, period, enterpriseCodes, indicatorCodes);
	const book = new ExcelJS.Workbook();
	book.creator = 'cpa-pilot-tracker';
	const sheet = book.addWorksheet(period, { views: [{ state: 'frozen', ySplit: 1 }] });
	const lists = book.addWorksheet(LISTS, { state: 'hidden' });

	// the lists the drop-downs read: every catalogue code, and every accepted unit
	const units = [...new Set(INDICATORS.flatMap((i) => i.units.map((u) => u.unit)))];
	INDICATORS.forEach((i, k) => (lists.getCell(k + 1, 1).value = i.code));
	units.forEach((u, k) => (lists.getCell(k + 1, 2).value = u));

	sheet.columns = INTAKE_COLUMNS.map((c) => ({
		key: c.key,
		width: c.key === 'note' ? 36 : c.key === 'indicator_code' ? 22 : 14,
		// codes as text: Excel would read 001 as 1 and 2025-10 as a date
		style: { numFmt: c.key === 'value' ? 'General' : '@', protection: { locked: false } }
	}));
	const header = sheet.getRow(1);
	intakeHeaders(lang).forEach((name, k) => {
		const cell = header.getCell(k + 1);
		cell.value = name;
		cell.note = NOTES[INTAKE_COLUMNS[k].key];
		cell.font = { bold: true };
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F3EC' } };
		cell.protection = { locked: true };
	});
	rows.forEach((cells, r) => (sheet.getRow(r + 2).values = cells.map((c) => (c === '' ? null : c))));

	const last = rows.length + 1 + SPARE_ROWS;
	const col = (key: string) => INTAKE_COLUMNS.findIndex((c) => c.key === key) + 1;
	for (let r = 2; r <= last; r++) {
		sheet.getCell(r, col('indicator_code')).dataValidation = {
			type: 'list',
			allowBlank: true,
			formulae: [`${LISTS}!$A$1:$A$${INDICATORS.length}`],
			showErrorMessage: true,
			errorStyle: 'warning', // a name of the indicator is accepted too
			errorTitle: '指标代码 / Indicator',
			error: '不在指标目录的代码中（中文或英文名称也可）。\nNot a catalogue code (a name is accepted too).'
		};
		const indicator = r - 2 < rows.length ? indicatorByCode(rows[r - 2][col('indicator_code') - 1]) : undefined;
		const own = indicator?.units.map((u) => u.unit).join(',');
		sheet.getCell(r, col('unit')).dataValidation = {
			type: 'list',
			allowBlank: true,
			// a row of the template lists its own indicator's units; a spare row, all of them
			formulae: [own && own.length < 250 ? `"${own}"` : `${LISTS}!$B$1:$B$${units.length}`],
			showErrorMessage: true,
			errorStyle: 'warning',
			errorTitle: '单位 / Unit',
			error: '此单位可能不适用于该指标。\nThis unit may not be accepted for the indicator.'
		};
	}
	await sheet.protect('', {
		selectLockedCells: true,
		selectUnlockedCells: true,
		formatColumns: true,
		formatRows: true,
		insertRows: true,
		deleteRows: true,
		sort: true,
		autoFilter: true
	});
	return new Uint8Array(await book.xlsx.writeBuffer());
}
