import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('an implementer sees a late quarter flagged on the home page and the pilot page, with its charts drawn from the data', async ({
	page
}) => {
	await signIn(page, 'implementer');
	await expect(page).toHaveURL('/home');
	const first = page.locator('[data-testid^=home-]').first();
	const code = (await first.getAttribute('data-testid'))!.replace('home-', '');
	await expect(first.getByTestId('overdue')).toContainText('逾期');

	await first.getByRole('link', { name: new RegExp(`^${code}`) }).click();
	await expect(page).toHaveURL(`/pilots/${code}`);
	const calendar = page.getByTestId('report-calendar');
	// at least the demo's late quarter (other specs may have sent an overdue one late as well)
	await expect(calendar.locator('tr[data-status=late]').first()).toContainText('逾期');
	await expect(page.getByTestId('progress-cards')).toContainText('总体');

	await page.getByTestId('pilot-tab-progress').click();
	await expect(page).toHaveURL(`/pilots/${code}/progress`);
	const chart = page.locator('[data-testid^=chart-]').first();
	await expect(chart.locator('svg')).toBeVisible();
	const series = JSON.parse((await chart.getAttribute('data-series'))!) as { name: string; data: (number | null)[] }[];
	const reported = series.find((s) => s.name === '报送值')!;
	expect(reported.data).toHaveLength(4);
	expect(reported.data.filter((v) => typeof v === 'number').length).toBeGreaterThanOrEqual(2);
	expect(series.map((s) => s.name)).toContain('目标轨迹');
});

test('the pilot list shows and filters by progress and report status', async ({ page }) => {
	await signIn(page, 'ministry');
	await page.goto('/pilots?report=late');
	const rows = page.locator('tbody tr');
	const n = await rows.count();
	expect(n).toBeGreaterThan(0);
	for (let i = 0; i < n; i++) await expect(rows.nth(i)).toContainText('逾期');
	await page.goto('/pilots?sort=attainment&dir=desc&progress=on_track');
	await expect(rows.first()).toContainText('进度正常');
});

test('the progress API answers JSON and Excel-safe CSV within the caller’s scope', async ({ page }) => {
	await signIn(page, 'implementer');
	const first = page.locator('[data-testid^=home-]').first();
	const code = (await first.getAttribute('data-testid'))!.replace('home-', '');
	const json = await page.request.get(`/api/v1/pilots/${code}/progress`);
	expect(json.status()).toBe(200);
	const body = await json.json();
	expect(body.calendar).toHaveLength(4);
	expect(body.calendar.some((c: { status: string }) => c.status === 'late')).toBe(true);
	expect(body.indicators[0]).toHaveProperty('attainment');
	const csv = await page.request.get(`/api/v1/pilots/${code}/progress?format=csv`);
	expect((await csv.text()).charCodeAt(0)).toBe(0xfeff);
	expect((await page.request.get('/api/v1/pilots/B1-01/progress')).status()).toBe(404);
});
