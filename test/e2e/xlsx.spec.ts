import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { indicatorByCode } from '../../src/lib/domain/indicators';
import { listedCodes, signIn } from './helpers';

/** Downloads the .xlsx template of the pilot's first open quarter from its data tab and opens it with exceljs. */
async function downloadTemplate(page: Page, code: string) {
	await page.goto(`/pilots/${code}/data`, { waitUntil: 'networkidle' });
	// the latest quarter: the review specs approve (and so lock) each pilot's first one
	const link = page.locator('[data-testid^=xlsx-template-]').last();
	const period = (await link.getAttribute('data-testid'))!.replace('xlsx-template-', '');
	const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
	expect(download.suggestedFilename()).toBe(`${code}_${period}_template.xlsx`);
	const book = new ExcelJS.Workbook();
	await book.xlsx.readFile((await download.path())!);
	return { book, period, sheet: book.worksheets[0] };
}

/** Types a value on every template row, as a clerk would: whole for counts, within 0–100 for rates. */
function fill(sheet: ExcelJS.Worksheet, value: number): number {
	let rows = 0;
	for (let r = 2; sheet.getCell(r, 1).value; r++) {
		const indicator = indicatorByCode(String(sheet.getCell(r, 4).value));
		sheet.getCell(r, 5).value = indicator?.isInteger ? Math.round(value) : value;
		rows++;
	}
	return rows;
}

test('an implementer downloads the .xlsx template, fills it in Excel’s way, checks and imports it', async ({
	page
}, info) => {
	await signIn(page, 'implementer');
	await page.goto('/pilots');
	const [code] = await listedCodes(page);
	const { book, period, sheet } = await downloadTemplate(page, code);
	expect(sheet.name).toBe(period);
	expect(sheet.getRow(1).values).toEqual([
		undefined,
		'试点编号',
		'企业编号',
		'报告期',
		'指标代码',
		'数值',
		'单位',
		'备注'
	]);
	expect(String(sheet.getCell('A1').note)).toContain('Pilot code');
	expect(sheet.getCell('D2').dataValidation).toMatchObject({ type: 'list' });
	// float noise, as a sum in Excel leaves it: read as 1.275
	const rows = fill(sheet, 1.2750000000000001);
	mkdirSync(info.outputDir, { recursive: true });
	const file = join(info.outputDir, `${code}_${period}.xlsx`);
	await book.xlsx.writeFile(file);

	await page.goto('/imports', { waitUntil: 'networkidle' });
	await page.getByTestId('import-file').setInputFiles(file);
	await expect(page.getByTestId('import-workbook')).toBeVisible();
	await expect(page.getByTestId('import-preview')).toHaveCount(0);
	await page.getByTestId('import-sheet').fill(period);

	await page.getByRole('button', { name: '检查（不写入）' }).click();
	const result = page.getByTestId('import-result');
	await expect(result).toContainText('检查通过');
	await expect(result).toContainText(`${rows} 行 · Excel 工作表“${period}”`);

	await page.getByRole('button', { name: '导入' }).click();
	await expect(result).toContainText('已导入');
	await page.goto(`/pilots/${code}/data?quarter=${period}`);
	await expect(page.getByTestId('quarter-values')).toContainText('1.275');
	await expect(page.getByTestId('revision-history')).toContainText(`${code}_${period}.xlsx`);
});

test('a workbook with merged cells is refused, the range shown with its rows and column', async ({ page }, info) => {
	await signIn(page, 'implementer');
	await page.goto('/pilots');
	const [code] = await listedCodes(page);
	const { book, sheet } = await downloadTemplate(page, code);
	fill(sheet, 3);
	sheet.mergeCells('B2:B3');
	mkdirSync(info.outputDir, { recursive: true });
	const file = join(info.outputDir, 'merged.xlsx');
	await book.xlsx.writeFile(file);

	await page.goto('/imports', { waitUntil: 'networkidle' });
	await page.getByTestId('import-file').setInputFiles(file);
	await expect(page.getByTestId('import-workbook')).toBeVisible();
	await page.getByRole('button', { name: '检查（不写入）' }).click();
	await expect(page.getByTestId('import-result')).toContainText('文件未导入');
	const merged = page.locator('[data-testid=problem-group][data-code=E_MERGED_CELL]');
	await expect(merged).toHaveCount(1);
	await expect(merged).toContainText('B2:B3');
	await expect(merged).toContainText('合并单元格 B2:B3（第 2–3 行，列 B (企业编号)）');
});
