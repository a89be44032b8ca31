import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('an analyst writes up a case and publishes it; anyone can open it; withdrawn, it is gone (404)', async ({
	page,
	browser
}) => {
	await signIn(page, 'ministry');
	await page.goto('/dashboard/cases/D-002', { waitUntil: 'networkidle' });
	await page.getByTestId('case-open').click();
	await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'draft');

	// Publishing an empty write-up is refused, naming what is missing.
	await page.getByTestId('case-publish').click();
	await expect(page.getByTestId('case-problems')).toContainText('background.zh');

	await page.locator('textarea[name="background.zh"]').fill('园区印染企业集中开展清洁生产审核。');
	await page.locator('textarea[name="measures.zh"]').fill('统一实施中水回用和定型机废气治理。');
	await page.locator('textarea[name="results.zh"]').fill('氨氮和 VOCs 排放明显下降。');
	await page.locator('textarea[name="experience.zh"]').fill('以园区为单元整体审核，可推广到同类园区。');
	await page.locator('input[name="criterion.transferability"]').check();
	const first = page.locator('input[name="indicator"]').first();
	await first.check();
	await page.getByTestId('case-save').click();
	await expect(page.getByRole('status')).toBeVisible();
	await page.getByTestId('case-publish').click();
	await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'published');
	await expect(page.getByTestId('case-state')).toContainText('数据冻结于');

	// An anonymous visitor finds it in the gallery and opens its permalink, with a chart and its provenance.
	const visitor = await browser.newPage();
	await visitor.goto('/cases');
	await expect(visitor.getByTestId('gallery-case-d-002')).toBeVisible();
	await visitor.getByTestId('gallery-case-d-002').locator('a').click();
	await expect(visitor).toHaveURL(/\/cases\/d-002$/);
	await expect(visitor.getByTestId('case-view')).toContainText('以园区为单元整体审核');
	await expect(visitor.getByTestId('freeze-stamp')).toContainText('数据冻结于');
	await expect(visitor.locator('[data-testid^=case-chart-] svg').first()).toBeVisible();
	await expect(visitor.locator('[data-testid^=case-chart-] code').first()).toHaveText(/^[0-9a-f]{12}$/);
	const csv = await visitor.request.get(
		(await visitor.locator('[data-testid^=case-chart-] a[href$=".csv"]').first().getAttribute('href'))!
	);
	expect(csv.status()).toBe(200);
	expect((await csv.text()).charCodeAt(0)).toBe(0xfeff);
	// a pilot without a published case has no page (the demo publishes cases of passed batch-901 pilots only)
	expect((await visitor.goto('/cases/d-060'))?.status()).toBe(404);

	// Withdrawn: gone for the visitor at once.
	await page.getByTestId('case-reason').fill('数据需复核');
	await page.getByTestId('case-withdraw').click();
	await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'withdrawn');
	expect((await visitor.goto('/cases/d-002'))?.status()).toBe(404);
	await visitor.goto('/cases');
	await expect(visitor.getByTestId('gallery-case-d-002')).toHaveCount(0);
	await visitor.close();
});

test('only analysts curate: a province user may not open the case editor', async ({ page }) => {
	await signIn(page, 'province');
	expect((await page.goto('/dashboard/cases/D-002'))?.status()).toBe(403);
});
