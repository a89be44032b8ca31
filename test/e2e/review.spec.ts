import { expect, test, type Page } from '@playwright/test';
import { filledTemplate, signIn } from './helpers';

async function upload(page: Page, file: string) {
	await page.goto('/imports', { waitUntil: 'networkidle' });
	await page.getByTestId('import-file').setInputFiles(file);
	await page.getByRole('button', { name: '导入' }).click();
	return page.getByTestId('import-result');
}

test('submit → return with a comment → re-upload and resubmit → approve → a further upload is refused by the lock', async ({
	page
}, info) => {
	// The implementer imports a quarter, writes its narrative and submits it.
	await signIn(page, 'implementer');
	const code = (await page.locator('[data-testid^=home-]').first().getAttribute('data-testid'))!.replace('home-', '');
	const first = await filledTemplate(page, code, '3.5', info.outputDir);
	const period = first.period;
	await expect(await upload(page, first.file)).toContainText(/已导入|完全相同/);
	await page.goto(`/pilots/${code}/review`, { waitUntil: 'networkidle' });
	const narrative = page.getByTestId(`narrative-${period}`);
	await narrative.locator('textarea').fill('本季度完成两项无低费方案。');
	await narrative.getByRole('button', { name: '保存说明' }).click();
	const card = page.getByTestId(`review-${period}`);
	await card.getByRole('button', { name: '提交审核' }).click();
	await expect(card).toHaveAttribute('data-state', 'submitted');

	// The province finds it in the queue and returns it with a comment.
	await page.context().clearCookies();
	await signIn(page, 'province');
	await page.goto('/review');
	const row = page.getByTestId('review-queue').locator('tr', { hasText: code });
	await row.getByRole('link').click();
	await page.waitForLoadState('networkidle');
	await page.getByTestId('pilot-tab-review').click();
	await expect(page).toHaveURL(`/pilots/${code}/review`);
	await card.locator('textarea').fill('请补充各企业的 VOCs 数据');
	await card.getByRole('button', { name: '退回' }).click();
	await expect(card).toHaveAttribute('data-state', 'returned');
	await expect(card).toContainText('请补充各企业的 VOCs 数据');

	// The implementer re-uploads and resubmits.
	await page.context().clearCookies();
	await signIn(page, 'implementer');
	const second = await filledTemplate(page, code, '3.6', info.outputDir);
	await expect(await upload(page, second.file)).toContainText('已导入');
	await page.goto(`/pilots/${code}/review`, { waitUntil: 'networkidle' });
	await card.getByRole('button', { name: '提交审核' }).click();
	await expect(card).toHaveAttribute('data-state', 'submitted');

	// The province approves.
	await page.context().clearCookies();
	await signIn(page, 'province');
	await page.goto(`/pilots/${code}/review`, { waitUntil: 'networkidle' });
	await card.getByRole('button', { name: '通过' }).click();
	await expect(card).toHaveAttribute('data-state', 'approved');

	// A further upload of that quarter is refused, saying who locked it and whom to ask.
	await page.context().clearCookies();
	await signIn(page, 'implementer');
	const third = await filledTemplate(page, code, '3.7', info.outputDir);
	const result = await upload(page, third.file);
	await expect(result).toContainText('文件未导入');
	const problems = page.getByTestId('problems');
	await expect(problems).toContainText('E_PERIOD_LOCKED');
	await expect(problems).toContainText('province');
	await expect(problems).toContainText('管理员重新开放');
});

test('the province desk counts its pilots, late and missing reports; admins filter and export the audit trail', async ({
	page
}) => {
	await signIn(page, 'province');
	await page.goto('/review');
	const figures = page.getByTestId('review-figures');
	await expect(figures).toContainText('逾期');
	await expect(figures).toContainText('缺报');
	await page.context().clearCookies();
	await signIn(page, 'admin');
	await page.goto('/admin/audit?action=review.');
	const rows = page.getByTestId('audit').locator('tbody tr');
	expect(await rows.count()).toBeGreaterThan(0);
	for (const text of await rows.locator('td:nth-child(3)').allTextContents()) expect(text).toMatch(/^review\./);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
	const { readFileSync } = await import('node:fs');
	const csv = readFileSync((await download.path())!, 'utf8');
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	expect(csv).toContain('review.approve');
	expect(csv).not.toContain('import.commit');
	// the same filtered trail as an Excel workbook
	const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-xlsx').click()]);
	expect(xlsx.suggestedFilename()).toBe('audit-log.xlsx');
	const { default: ExcelJS } = await import('exceljs');
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.readFile((await xlsx.path())!);
	const sheet = workbook.worksheets[0];
	expect(sheet.getRow(1).values).toEqual([
		undefined,
		'id',
		'at',
		'actor',
		'action',
		'entity',
		'entity_id',
		'before',
		'after',
		'ip'
	]);
	const actions = sheet.getColumn(4).values.slice(2);
	expect(actions.length).toBe(csv.trim().split('\r\n').length - 1);
	for (const action of actions) expect(String(action)).toMatch(/^review\./);
});
