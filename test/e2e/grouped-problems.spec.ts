import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { filledTemplate, listedCodes, signIn } from './helpers';

test('a problem every row shares is one line with its row range and count, on the page and in the report', async ({
	page
}, info) => {
	await signIn(page, 'implementer');
	await page.goto('/pilots');
	const [code] = await listedCodes(page);
	const { file } = await filledTemplate(page, code, '1.5', info.outputDir);
	const rows = Papa.parse<string[]>(readFileSync(file, 'utf8').slice(1), { skipEmptyLines: true }).data;
	for (const r of rows.slice(1)) r[4] = '12吨';
	const n = rows.length - 1;
	const range = `2–${n + 1}`;
	const bad = join(info.outputDir, 'units-in-values.csv');
	writeFileSync(bad, '\uFEFF' + Papa.unparse(rows));

	await page.goto('/imports', { waitUntil: 'networkidle' });
	await page.getByTestId('import-file').setInputFiles(bad);
	await page.getByRole('button', { name: '检查（不写入）' }).click();
	await expect(page.getByTestId('import-result')).toContainText('文件未导入');

	// one line for all n rows (the quarter may also be locked by another spec: that is a line of its own)
	const group = page.getByTestId('problems').locator('tr[data-code=E_VALUE_NOT_NUMBER]');
	await expect(group).toHaveCount(1);
	await expect(group.locator('td').first()).toHaveText(range);
	await expect(group.getByTestId('problem-count')).toHaveText(String(n));
	await expect(group).toContainText('数值');
	await expect(group).toContainText('12吨');
	await expect(group).toContainText('不是数字');

	// the expander lists the rows one by one
	const each = group.getByTestId('problem-rows');
	await expect(each.locator('li').last()).toBeHidden();
	await each.locator('summary').click();
	await expect(each.locator('li').last()).toBeVisible();
	await expect(each.locator('li')).toHaveCount(Math.min(n, 500));
	await expect(each.locator('li').first()).toContainText('第 2 行: 12吨');

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report').click()]);
	const text = readFileSync((await download.path())!, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const report = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
	expect(report[0]).toEqual([
		'行 rows',
		'条数 count',
		'列 column',
		'值 value',
		'代码 code',
		'级别 severity',
		'问题',
		'problem'
	]);
	const lines = report.filter((r) => r[4] === 'E_VALUE_NOT_NUMBER');
	expect(lines).toHaveLength(1);
	expect(lines[0].slice(0, 6)).toEqual([range, String(n), '数值', '12吨', 'E_VALUE_NOT_NUMBER', 'error']);
});
