import { expect, test } from '@playwright/test';
import { signIn, signInWith, listedCodes } from './helpers';

const FIXTURES = 'test/fixtures/registry';

test('an admin uploads registry files: a bad one is refused row by row and writes nothing, a GB18030 one is imported', async ({
	page
}) => {
	await signIn(page, 'admin');
	await page.goto('/pilots');
	const before = await page.getByTestId('pilot-count').textContent();

	await page.goto('/admin/registry', { waitUntil: 'networkidle' });
	await page.setInputFiles('input[name=file]', `${FIXTURES}/pilots-invalid.csv`);
	await page.getByRole('button', { name: '上传' }).click();
	const result = page.getByTestId('registry-result');
	await expect(result).toContainText('文件未导入');
	const problems = page.getByTestId('problems').locator('tbody tr');
	expect(await problems.count()).toBeGreaterThanOrEqual(5);
	await expect(page.getByTestId('problems')).toContainText('省份');
	await expect(page.getByTestId('problems')).toContainText('2024-02-30');
	await page.goto('/pilots');
	await expect(page.getByTestId('pilot-count')).toHaveText(before!);

	await page.goto('/admin/registry', { waitUntil: 'networkidle' });
	await page.setInputFiles('input[name=file]', `${FIXTURES}/e2e-enterprises-gb18030.csv`);
	await page.getByRole('button', { name: '上传' }).click();
	await expect(page.getByTestId('registry-result')).toContainText('已导入');
	await expect(page.getByTestId('registry-result')).toContainText('gb18030');
	await page.goto('/pilots/D-060/enterprises');
	await expect(page.locator('main')).toContainText('示例新增印染有限公司（示例）');
	await expect(page.locator('main')).toContainText('91350100M000100Y43');

	const download = page.waitForEvent('download');
	await page.goto('/admin/registry');
	await page.getByRole('link', { name: '中文表头' }).first().click();
	const csv = await (await download).path();
	expect(csv).toBeTruthy();
});

test('an admin creates a province user, who then sees only that province', async ({ page }) => {
	await signIn(page, 'admin');
	await page.goto('/admin/users', { waitUntil: 'networkidle' });
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('用户名').fill('sichuan-e2e');
	await form.getByLabel('显示名称').fill('四川省生态环境厅');
	await form.getByLabel('初始密码').fill('sichuan-e2e-password');
	await form.getByLabel('角色').selectOption('province');
	await form.getByLabel('省份（省级用户）').selectOption({ label: '四川省' });
	await form.getByRole('button', { name: '创建' }).click();
	await expect(page.getByRole('status')).toContainText('sichuan-e2e');

	await page.getByRole('button', { name: '退出' }).click();
	await expect(page).toHaveURL('/');
	await signInWith(page, 'sichuan-e2e', 'sichuan-e2e-password');
	await expect(page).toHaveURL('/pilots');
	const codes = await listedCodes(page);
	expect(codes.length).toBeGreaterThan(0);
	const provinces = await page.locator('tbody tr td:nth-child(5)').allTextContents();
	expect(new Set(provinces)).toEqual(new Set(['四川省']));
	expect((await page.goto('/admin/users'))?.status()).toBe(403);
});

test('sign-in is throttled after repeated failures', async ({ page }) => {
	for (let i = 0; i < 5; i++) {
		await page.goto('/login', { waitUntil: 'networkidle' });
		await page.getByLabel('用户名').fill('nobody-here');
		await page.getByLabel('密码').fill('wrong-password');
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
	}
	await page.getByLabel('密码').fill('wrong-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toContainText('尝试次数过多');
});
