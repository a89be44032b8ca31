import { expect, test, type Page } from '@playwright/test';
import { chooseFacet, signIn } from './helpers';

const seriesOf = (page: Page, id: string) => page.getByTestId(`chart-${id}`).getAttribute('data-series');

test('a filtered dashboard is a link: opened afresh it draws the same charts, and back steps through views', async ({
	page,
	browser
}) => {
	await signIn(page, 'ministry');
	await page.goto('/dashboard', { waitUntil: 'networkidle' });
	await expect(page.getByTestId('headline-pilots')).toHaveText('72');
	const unfiltered = await seriesOf(page, 'breakdown');

	await chooseFacet(page, 'basin', '长江');
	await expect(page).toHaveURL(/basin=yangtze/);
	await expect(page.getByTestId('filter-summary')).toContainText('流域: 长江');
	await page.getByTestId('breakdown-metric').selectOption('co2');
	await expect(page).toHaveURL(/metric=co2/);
	await expect(page).toHaveURL(/basin=yangtze/);
	const filtered = { breakdown: await seriesOf(page, 'breakdown'), map: await seriesOf(page, 'map') };
	expect(filtered.breakdown).not.toEqual(unfiltered);
	const pilots = await page.getByTestId('headline-pilots').textContent();
	expect(Number(pilots)).toBeLessThan(72);

	// Someone else opens the link in their own session: the same figures, the same charts.
	const other = await browser.newPage();
	await signIn(other, 'ministry');
	await other.goto(page.url(), { waitUntil: 'networkidle' });
	await expect(other.getByTestId('headline-pilots')).toHaveText(pilots!);
	expect(await seriesOf(other, 'breakdown')).toEqual(filtered.breakdown);
	expect(await seriesOf(other, 'map')).toEqual(filtered.map);
	await other.close();

	// Back undoes the metric, then the basin.
	await page.goBack();
	await expect(page).not.toHaveURL(/metric=co2/);
	await page.goBack();
	await expect(page).not.toHaveURL(/basin=/);
	await expect(page.getByTestId('headline-pilots')).toHaveText('72');
	expect(await seriesOf(page, 'breakdown')).toEqual(unfiltered);
});

test('clicking a bar opens the pilot list filtered to it, with as many pilots as the bar says', async ({ page }) => {
	await signIn(page, 'ministry');
	await page.goto('/dashboard?by=industry&metric=pilots', { waitUntil: 'networkidle' });
	const table = page.getByTestId('table-breakdown');
	await table.locator('summary').click();
	const first = table.locator('tbody tr').first();
	const label = (await first.locator('td, th').first().textContent())!.trim();
	const count = (await first.locator('td').nth(1).textContent())!.trim();

	// Horizontal bars, largest first: the topmost bar is the first row of the table.
	const bars = page.getByTestId('chart-breakdown').locator('svg path[fill="#0072b2"]');
	const boxes = await bars.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
	const top = boxes.indexOf(Math.min(...boxes));
	await bars.nth(top).click();
	await expect(page).toHaveURL(/\/pilots\?industry=/);
	await expect(page.getByTestId('pilot-count')).toContainText(count);
	await expect(page.getByTestId('facet-industry').locator('option:checked')).toContainText(label);
});

test('keyboard only: Tab reaches every chart’s data table, Enter opens it', async ({ page }) => {
	await signIn(page, 'ministry');
	for (const path of ['/dashboard', '/dashboard/effects']) {
		await page.goto(path, { waitUntil: 'networkidle' });
		const ids = await page
			.locator('details[data-testid^="table-"]')
			.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
		expect(ids.length).toBeGreaterThanOrEqual(3);
		const reached = new Set<string>();
		for (let i = 0; i < 250 && reached.size < ids.length; i++) {
			await page.keyboard.press('Tab');
			const id = await page.evaluate(() => {
				const el = document.activeElement;
				return el?.tagName === 'SUMMARY' ? el.parentElement?.getAttribute('data-testid') : null;
			});
			if (id) reached.add(id);
		}
		expect([...reached].sort()).toEqual([...ids].sort());
		// the last one reached has focus: Enter opens its table
		await page.keyboard.press('Enter');
		const last = page.getByTestId([...reached].at(-1)!);
		await expect(last.locator('table')).toBeVisible();
		expect(await last.locator('tbody tr').count()).toBeGreaterThan(0);
	}
});

test('a province user sees only their province; an implementer may not open the dashboard', async ({ page }) => {
	await signIn(page, 'province');
	await page.goto('/pilots');
	const listed = (await page.getByTestId('pilot-count').textContent())!.match(/\d+/)![0];
	await page.goto('/dashboard', { waitUntil: 'networkidle' });
	await expect(page.getByTestId('dash-scope')).toContainText('仅');
	await expect(page.getByTestId('headline-pilots')).toHaveText(listed);
	await expect(page.getByTestId('facet-province')).toHaveCount(0);
	// a province given in the URL cannot widen the scope
	await page.goto('/dashboard?province=320000', { waitUntil: 'networkidle' });
	await expect(page.getByTestId('headline-pilots')).toHaveText('0');

	await page.context().clearCookies();
	await signIn(page, 'implementer');
	const response = await page.goto('/dashboard');
	expect(response?.status()).toBe(403);
	const exportResponse = await page.goto('/dashboard/cases/export');
	expect(exportResponse?.status()).toBe(403);
});

test('the shortlist sorts by a part and exports what it shows; the method page explains the score', async ({
	page
}) => {
	await signIn(page, 'ministry');
	await page.goto('/dashboard/cases', { waitUntil: 'networkidle' });
	const rows = page.getByTestId('shortlist').locator('tbody tr');
	const n = await rows.count();
	expect(n).toBeGreaterThan(0);
	await page.getByRole('link', { name: /报送完整及时/ }).click();
	await expect(page).toHaveURL(/sort=reporting/);
	const download = page.waitForEvent('download');
	await page.getByTestId('cases-export').click();
	const text = await (await download).createReadStream().then(
		(s) =>
			new Promise<string>((resolve) => {
				let body = '';
				s.on('data', (c) => (body += c));
				s.on('end', () => resolve(body));
			})
	);
	expect(text.charCodeAt(0)).toBe(0xfeff);
	expect(text.trim().split('\r\n')).toHaveLength(n + 1);
	// the same rows as an Excel workbook, scores as numbers
	const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cases-export-xlsx').click()]);
	expect(xlsx.suggestedFilename()).toMatch(/^replicable-cases-\d{4}-\d{2}-\d{2}\.xlsx$/);
	const { default: ExcelJS } = await import('exceljs');
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.readFile((await xlsx.path())!);
	const sheet = workbook.worksheets[0];
	expect(sheet.rowCount).toBe(n + 1);
	expect(sheet.getRow(1).getCell(1).value).toBe(text.slice(1).split(',')[0]);
	expect(typeof sheet.getRow(2).getCell(5).value).toBe('number');
	await page.getByRole('link', { name: '评分方法' }).first().click();
	await expect(page.getByTestId('score-formula').locator('tbody tr')).toHaveCount(6);

	// The best-scored pilot: its page shows the same score with its parts; the list sorted by score puts it first.
	await page.goto('/dashboard/cases', { waitUntil: 'networkidle' });
	const best = rows.first();
	const score = (await best.locator('td.score').textContent())!.trim();
	await best.locator('a').first().click();
	await page.getByTestId('pilot-tab-progress').click();
	await expect(page.getByTestId('score-card')).toContainText(score);
	await expect(page.getByTestId('score-card').locator('tbody tr')).toHaveCount(6);
	await page.goto('/pilots?sort=score&dir=desc');
	await expect(page.locator('[data-testid^=score-]').first()).toContainText(`★${score}`);
});
