import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

/**
 * The pilot's page as tabs with their own URLs (issue 15): the overview answers what is due, what is late and whether
 * the pilot is on track on its first screen; each tab shows its own part and only that. Read-only: nothing is changed.
 */
type Tab = { key: string; path: string; heading: RegExp; part: (page: Page) => ReturnType<Page['getByTestId']> };
const TABS: Tab[] = [
	{ key: 'overview', path: '', heading: /^待办与期限$/, part: (p) => p.getByTestId('due-now') },
	{ key: 'progress', path: '/progress', heading: /^基准与目标$/, part: (p) => p.getByTestId('indicator-table') },
	{ key: 'data', path: '/data', heading: /^季度数据$/, part: (p) => p.getByTestId('quarter-figures') },
	{ key: 'review', path: '/review', heading: /^季度审核$/, part: (p) => p.locator('[data-testid^=review-]').first() },
	{ key: 'enterprises', path: '/enterprises', heading: /^试点企业/, part: (p) => p.getByTestId('enterprises') },
	{ key: 'history', path: '/history', heading: /^状态记录$/, part: (p) => p.getByTestId('audit') },
	{ key: 'summary', path: '/summary', heading: /^总结报告与评估$/, part: (p) => p.getByTestId('summary-state') },
	{
		key: 'deliverables',
		path: '/deliverables',
		heading: /^试点成果$/,
		part: (p) => p.getByTestId('deliverables').or(p.getByTestId('deliverables-none'))
	}
];

/** Clicks through every tab from the overview: its URL, its tab marked current (and no other), its heading and part. */
async function walkTabs(page: Page, code: string) {
	await page.goto(`/pilots/${code}`, { waitUntil: 'networkidle' });
	for (const tab of TABS) {
		await page.getByTestId(`pilot-tab-${tab.key}`).click();
		await expect(page).toHaveURL(`/pilots/${code}${tab.path}`);
		await expect(page.getByTestId(`pilot-tab-${tab.key}`)).toHaveAttribute('aria-current', 'page');
		await expect(page.getByTestId('pilot-tabs').locator('[aria-current=page]')).toHaveCount(1);
		await expect(page.getByRole('heading', { name: tab.heading })).toBeVisible();
		await expect(tab.part(page)).toBeVisible();
	}
}

/** The code of the implementer's first pilot, from their home page. */
async function ownPilot(page: Page): Promise<string> {
	await expect(page).toHaveURL('/home');
	const first = page.locator('[data-testid^=home-]').first();
	return (await first.getAttribute('data-testid'))!.replace('home-', '');
}

test('an implementer’s overview answers what is due, what is late and whether on track without scrolling', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await signIn(page, 'implementer');
	const code = await ownPilot(page);
	await page.goto(`/pilots/${code}`, { waitUntil: 'networkidle' });
	await expect(page.getByTestId('pilot-tab-overview')).toHaveAttribute('aria-current', 'page');

	const due = page.getByTestId('due-now');
	await expect(due).toBeInViewport({ ratio: 1 });
	await expect(page.getByTestId('due-next')).not.toBeEmpty();
	// the demo pilot has a late or missing quarter (others specs may have sent a missing one late)
	await expect(page.getByTestId('due-overdue')).toContainText(/逾期|缺报/);
	const cards = page.getByTestId('progress-cards');
	await expect(cards).toBeInViewport({ ratio: 1 });
	await expect(cards).toContainText('总体');
	await expect(cards.locator('.status').first()).toHaveText(/进度正常|有风险|滞后|已达标|未达标|无法判断/);
	const upload = page.getByTestId('upload-this-quarter');
	await expect(upload.or(page.getByTestId('upload-none'))).toBeInViewport();
	await expect(page.getByTestId('submit-this-quarter').or(page.getByTestId('submit-none'))).toBeInViewport();
	expect(await page.evaluate(() => window.scrollY)).toBe(0);
	if (await upload.count()) await expect(upload).toHaveAttribute('href', `/imports?pilot=${code}`);

	// the overview holds none of the other tabs' parts
	await expect(page.getByTestId('quarter-figures')).toHaveCount(0);
	await expect(page.locator('[data-testid^=chart-]')).toHaveCount(0);
	await expect(page.getByTestId('audit')).toHaveCount(0);
	await expect(page.getByTestId('enterprises')).toHaveCount(0);
	await expect(page.getByTestId('report-calendar')).toBeVisible();
	await expect(page.locator('.facts')).toBeVisible();
});

test('an implementer’s home leads to upload and submit this quarter; the submit link opens that quarter’s review', async ({
	page
}) => {
	await signIn(page, 'implementer');
	const code = await ownPilot(page);
	const card = page.getByTestId(`home-${code}`);
	await expect(card.getByTestId('upload-this-quarter').or(card.getByTestId('upload-none'))).toBeVisible();
	const submit = card.getByTestId('submit-this-quarter');
	await expect(submit.or(card.getByTestId('submit-none'))).toBeVisible();
	if (await submit.count()) {
		const href = (await submit.getAttribute('href'))!;
		const period = href.split('#review-')[1];
		expect(href).toBe(`/pilots/${code}/review#review-${period}`);
		await submit.click();
		await expect(page).toHaveURL(href);
		await expect(page.getByTestId('pilot-tab-review')).toHaveAttribute('aria-current', 'page');
		await expect(page.getByTestId(`review-${period}`).getByRole('button', { name: '提交审核' })).toBeVisible();
	}
});

test('an implementer opens every tab of their pilot, each with its own URL and content', async ({ page }) => {
	await signIn(page, 'implementer');
	const code = await ownPilot(page);
	await walkTabs(page, code);

	// what is theirs to do: templates and the upload link, narratives and submission; no analysts' score
	await page.goto(`/pilots/${code}/data`);
	await expect(page.getByTestId('upload-links')).toBeVisible();
	await expect(page.locator('[data-testid^=template-]').first()).toBeVisible();
	await page.goto(`/pilots/${code}/review`);
	await expect(page.locator('[data-testid^=narrative-] textarea').first()).toBeVisible();
	await page.goto(`/pilots/${code}/progress`);
	await expect(page.locator('[data-testid^=chart-] svg').first()).toBeVisible();
	await expect(page.getByTestId('score-card')).toHaveCount(0);
});

test('the ministry opens every tab of a pilot; it reads the score but has nothing to upload or submit', async ({
	page
}) => {
	await signIn(page, 'ministry');
	await walkTabs(page, 'D-001');

	await page.goto('/pilots/D-001');
	await expect(page.getByTestId('due-now')).toBeVisible();
	await expect(page.getByTestId('upload-this-quarter')).toHaveCount(0);
	await expect(page.getByTestId('submit-this-quarter')).toHaveCount(0);
	await page.goto('/pilots/D-001/progress');
	await expect(page.getByTestId('score-card')).toBeVisible();
	await page.goto('/pilots/D-001/data');
	await expect(page.getByTestId('upload-links')).toHaveCount(0);
	await page.goto('/pilots/D-001/review');
	await expect(page.getByRole('button', { name: '提交审核' })).toHaveCount(0);
	await expect(page.locator('[data-testid^=narrative-] textarea')).toHaveCount(0);
	await page.goto('/pilots/D-001/history');
	await expect(page.getByTestId('status-events').locator('li').first()).toBeVisible();
});

test('a link naming a quarter opens its figures on the data tab', async ({ page }) => {
	await signIn(page, 'ministry');
	await page.goto('/pilots/D-001/data');
	const quarter = page.getByTestId('quarter-figures').locator('thead a').first();
	const period = new URL((await quarter.getAttribute('href'))!, page.url()).searchParams.get('quarter')!;
	await page.goto(`/pilots/D-001?quarter=${period}`);
	await expect(page).toHaveURL(`/pilots/D-001/data?quarter=${period}`);
	await expect(page.getByTestId('pilot-tab-data')).toHaveAttribute('aria-current', 'page');
	await expect(page.getByTestId('quarter-values')).toBeVisible();
});

test('another pilot’s tabs and actions answer 404 to an implementer; their actions check who asks', async ({
	page
}) => {
	await signIn(page, 'implementer');
	const own = await ownPilot(page);
	for (const tab of TABS) expect((await page.goto(`/pilots/B1-01${tab.path}`))?.status()).toBe(404);
	const post = (path: string, form: Record<string, string>) =>
		page.request.post(path, { form, headers: { origin: new URL(page.url()).origin, accept: 'text/html' } });
	expect((await post('/pilots/B1-01/review?/narrative', { period: '2023Q3', text: 'x' })).status()).toBe(404);
	expect((await post('/pilots/B1-01/review?/review', { period: '2023Q3', action: 'submit' })).status()).toBe(404);
	expect((await post('/pilots/B1-01/data?/openPeriod', { period: '2023Q3', reason: 'x' })).status()).toBe(404);
	// opening a quarter for provisional data is the admin's, also on their own pilot
	expect((await post(`/pilots/${own}/data?/openPeriod`, { period: '2023Q3', reason: 'x' })).status()).toBe(403);

	// the ministry sees the pilot but writes no narrative
	await page.context().clearCookies();
	await signIn(page, 'ministry');
	expect((await post('/pilots/D-001/review?/narrative', { period: '2025Q4', text: 'x' })).status()).toBe(403);
});
