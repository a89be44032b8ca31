import { expect, test } from '@playwright/test';
import { chooseFacet, signIn, listedCodes } from './helpers';

test('a ministry analyst filters by basin 长江 and industry 印染, shares the URL and opens a pilot', async ({
	page
}) => {
	await signIn(page, 'ministry');
	await page.goto('/pilots', { waitUntil: 'networkidle' });
	const allCount = await page.getByTestId('pilot-count').textContent();
	expect(allCount).toContain('72');

	await chooseFacet(page, 'basin', '长江');
	await expect(page).toHaveURL(/basin=yangtze/);
	await chooseFacet(page, 'industry', '印染');
	await expect(page).toHaveURL(/industry=dyeing/);
	await expect(page).toHaveURL(/basin=yangtze/);

	const rows = page.locator('tbody tr');
	const n = await rows.count();
	expect(n).toBeGreaterThanOrEqual(6);
	for (let i = 0; i < n; i++) {
		await expect(rows.nth(i)).toContainText('长江');
		await expect(rows.nth(i)).toContainText('印染');
	}

	// The filtered view is a link: opening it afresh shows the same pilots.
	const url = page.url();
	const codes = await listedCodes(page);
	await page.goto('/pilots');
	await page.goto(url);
	expect(await listedCodes(page)).toEqual(codes);

	// Back goes to the previous filter state.
	await page.goto('/pilots?basin=yangtze');
	await page.goto(url);
	await page.goBack();
	await expect(page).toHaveURL(/basin=yangtze$/);
	await page.goForward();

	await rows.first().getByRole('link').first().click();
	await expect(page).toHaveURL(new RegExp(`/pilots/${codes[0]}$`));
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.locator('.facts')).toContainText('长江');
	await expect(page.locator('.facts')).toContainText('印染');
	await expect(page.getByRole('heading', { name: '实施期' })).toBeVisible();
	await expect(page.locator('.quarters tbody tr')).toHaveCount(4);
	await page.getByTestId('pilot-tab-progress').click();
	await expect(page.getByRole('heading', { name: '基准与目标' })).toBeVisible();
	await page.getByTestId('pilot-tab-enterprises').click();
	await expect(page.getByRole('heading', { name: /试点企业/ })).toBeVisible();
});

test('a ministry analyst sees real pilots with unknown facts shown as 未知, and no admin pages', async ({ page }) => {
	await signIn(page, 'ministry');
	await page.goto('/pilots?batch=2');
	await expect(page.getByTestId('pilot-count')).toContainText('9');
	await page.goto('/pilots/B2-01');
	await expect(page.locator('.facts')).toContainText('未知');
	await expect(page.locator('.facts')).toContainText('京津冀及周边地区');
	const admin = await page.goto('/admin/users');
	expect(admin?.status()).toBe(403);
});
