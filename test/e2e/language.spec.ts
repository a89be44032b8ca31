import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('the language switches to English, persists, and switches back', async ({ page }) => {
	await signIn(page, 'ministry');
	await page.goto('/pilots?basin=yellow');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('试点');

	await page.getByRole('link', { name: 'English' }).click();
	await expect(page).toHaveURL(/\/pilots\?basin=yellow$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pilots');
	await expect(page.getByTestId('facet-basin')).toContainText('Yellow River');

	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cleaner-production audit innovation pilots');

	await page.getByRole('link', { name: '中文' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('清洁生产审核创新试点');
});
