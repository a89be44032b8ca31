import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a ministry analyst opens a pilot’s evaluation pack from its page and prints it without the app around it', async ({
	page
}) => {
	await signIn(page, 'ministry');
	await page.goto('/pilots/D-001');
	await page.getByTestId('pack-link').click();
	await expect(page).toHaveURL('/pilots/D-001/pack');
	// a print page: the pilot's tabs are not around it
	await expect(page.getByTestId('pilot-tabs')).toHaveCount(0);

	await expect(page.getByRole('heading', { name: '目标与完成情况' })).toBeVisible();
	const rows = page.getByTestId('pack-indicators').locator('tbody tr');
	expect(await rows.count()).toBeGreaterThan(0);
	// each indicator row shows a target and what was achieved (numbers or a dash, never empty)
	await expect(rows.first().locator('[data-field=target]')).toHaveText(/\d|—/);
	await expect(rows.first().locator('[data-field=achieved]')).toHaveText(/\d|—/);
	await expect(page.getByRole('heading', { name: '审核记录' })).toBeVisible();
	await expect(page.getByTestId('pack-trail').locator('tr[data-action=approve]').first()).toBeVisible();
	await expect(page.locator('[data-testid^=pack-chart-] svg').first()).toBeVisible();

	await expect(page.getByTestId('pack-print')).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('pack-print')).toBeHidden();
	await expect(page.locator('header.top')).toBeHidden();
	await expect(page.getByRole('heading', { name: '目标与完成情况' })).toBeVisible();
});

test('an implementer reads the pack of their own pilot only; another pilot’s answers 404', async ({ page }) => {
	await signIn(page, 'implementer');
	expect((await page.goto('/pilots/D-006/pack'))?.status()).toBe(200);
	await expect(page.getByTestId('pack')).toBeVisible();
	expect((await page.goto('/pilots/D-001/pack'))?.status()).toBe(404);
});
