import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chooseFacet, listedCodes, signIn } from './helpers';

/** Fills the form's fields except the file and the link. */
async function fillFields(page: Page, title: string) {
	await page.getByTestId('deliverable-kind').selectOption('norm');
	await page.getByTestId('deliverable-title').fill(title);
	await page.locator('input[name=titleEn]').fill('Guide to whole-park audits (e2e)');
	await page.locator('textarea[name=abstract]').fill('分行业的审核要点与流程（端到端测试）。');
}

test('an implementer records a public deliverable with a PDF; the ministry finds it in the catalogue by a facet', async ({
	page
}, info) => {
	mkdirSync(info.outputDir, { recursive: true });
	const pdf = join(info.outputDir, '园区审核工作指南.pdf');
	writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
	const title = `园区清洁生产整体审核工作指南 ${Date.now()}`;

	await signIn(page, 'implementer');
	// implementers have no analysts' catalogue, like the dashboard
	expect((await page.goto('/dashboard/deliverables'))?.status()).toBe(403);
	await page.goto('/pilots');
	const [code] = await listedCodes(page);
	await page.goto(`/pilots/${code}`, { waitUntil: 'networkidle' });
	await page.getByTestId('pilot-tab-deliverables').click();
	await expect(page).toHaveURL(`/pilots/${code}/deliverables`);
	await expect(page.getByRole('heading', { name: '登记成果' })).toBeVisible();
	await page.waitForLoadState('networkidle');

	// neither a file nor a link: refused, in Chinese and in English
	await fillFields(page, title);
	await page.getByTestId('deliverable-submit').click();
	await expect(page.getByTestId('deliverable-problems')).toContainText('请上传文件或填写链接');
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { name: 'Record a deliverable' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	await fillFields(page, title);
	await page.getByTestId('deliverable-submit').click();
	await expect(page.getByTestId('deliverable-problems')).toContainText('Attach a file or give a link');
	await page.getByRole('link', { name: '中文' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('heading', { name: '登记成果' })).toBeVisible();
	await page.waitForLoadState('networkidle');

	// with the PDF, public
	await fillFields(page, title);
	await page.getByTestId('deliverable-file').setInputFiles(pdf);
	await page.getByTestId('deliverable-public').check();
	await page.getByTestId('deliverable-submit').click();
	await expect(page.getByRole('status')).toContainText(title);
	await expect(page.getByTestId('deliverable-problems')).toHaveCount(0);
	const row = page.getByTestId('deliverables').locator('tbody tr', { hasText: title });
	await expect(row).toContainText('园区审核工作指南.pdf');
	await expect(row).toContainText('公开');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		row.getByTestId('deliverable-file-link').click()
	]);
	expect(readFileSync((await download.path())!, 'utf8')).toBe('%PDF-1.4\n%%EOF\n');

	// the ministry finds it in the catalogue, narrowed to the pilot's province and to its kind
	await page.context().clearCookies();
	await signIn(page, 'ministry');
	await page.goto('/dashboard', { waitUntil: 'networkidle' });
	await expect(page.getByTestId('deliverables-panel')).toBeVisible();
	await page.getByTestId('deliverables-catalogue-link').click();
	await expect(page.getByRole('heading', { name: '成果目录' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	const found = page.getByTestId('deliverables-table').locator('tbody tr', { hasText: title });
	await expect(found).toBeVisible();
	const province = (await found.getByTestId('catalogue-province').textContent())!.trim();

	await chooseFacet(page, 'province', province);
	await expect(page).toHaveURL(/[?&]province=/);
	await expect(page.getByTestId('filter-summary')).toContainText(province);
	await expect(found).toBeVisible();
	// every row left is of that province
	for (const cell of await page.getByTestId('catalogue-province').allTextContents()) expect(cell.trim()).toBe(province);

	await page.getByTestId('deliverable-kind-norm').click();
	await expect(page).toHaveURL(/[?&]kind=norm/);
	await expect(page.getByTestId('deliverable-kind-norm')).toHaveAttribute('aria-current', 'true');
	await expect(found).toBeVisible();

	const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('deliverables-export').click()]);
	const text = readFileSync((await csv.path())!, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	expect(text).toContain(title);
	expect(text).toContain(code);

	// the public gallery has its deliverables section (its contents depend on the demo's passed pilots)
	await page.goto('/cases');
	await expect(page.getByRole('heading', { name: '试点成果' })).toBeVisible();
});
