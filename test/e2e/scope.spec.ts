import { expect, test } from '@playwright/test';
import { signIn, listedCodes } from './helpers';

test('an implementer sees only their own pilots and another pilot answers 404', async ({ page }) => {
	await signIn(page, 'implementer');
	await page.goto('/pilots');
	const codes = await listedCodes(page);
	expect(codes).toHaveLength(2);
	await expect(page.getByTestId('pilot-count')).toContainText('2');
	const own = await page.goto(`/pilots/${codes[0]}`);
	expect(own?.status()).toBe(200);
	const other = await page.goto('/pilots/B1-01');
	expect(other?.status()).toBe(404);
	const notMine = ['D-001', 'D-002', 'D-003'].find((c) => !codes.includes(c))!;
	expect((await page.goto(`/pilots/${notMine}`))?.status()).toBe(404);
	// Filters cannot widen the scope either.
	await page.goto('/pilots?batch=1');
	expect(await listedCodes(page)).toHaveLength(0);
});

test('a province user sees only the pilots of their province', async ({ page }) => {
	await signIn(page, 'province');
	await page.goto('/pilots');
	const scope = await page.getByTestId('pilot-count').textContent();
	const province = scope!.split('：')[1].trim();
	const rows = page.locator('tbody tr');
	const n = await rows.count();
	expect(n).toBeGreaterThan(1);
	for (let i = 0; i < n; i++) await expect(rows.nth(i).locator('td').nth(4)).toHaveText(province);
});

test('anonymous visitors see only public pages', async ({ page, request }) => {
	const home = await page.goto('/');
	expect(home?.status()).toBe(200);
	await expect(page.getByTestId('batch-card').first()).toContainText('56');
	await page.goto('/pilots');
	await expect(page).toHaveURL(/\/login\?next=%2Fpilots/);
	await page.goto('/pilots/D-001');
	await expect(page).toHaveURL(/\/login/);
	await page.goto('/admin/users');
	await expect(page).toHaveURL(/\/login/);
	const csv = await request.get('/admin/registry/export/pilots', { maxRedirects: 0 });
	expect(csv.status()).toBe(401);
});

test('signing out ends the session', async ({ page }) => {
	await signIn(page, 'ministry');
	await page.getByRole('button', { name: '退出' }).click();
	await expect(page).toHaveURL('/');
	await page.goto('/pilots');
	await expect(page).toHaveURL(/\/login/);
});

test('what a person types on the sign-in page before its script has loaded is kept', async ({ page }) => {
	// the page's scripts (not its styles, which the page waits for) are held back until the person has typed: a slow
	// network, without a clock
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('用户名').fill('ministry');
	await page.getByLabel('密码').fill('ministry-demo-2026');
	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('用户名')).toHaveValue('ministry');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL('/pilots');
});
