import { expect, test } from '@playwright/test';
import { listedCodes, signIn, signInWith } from './helpers';

const USERNAME = 'password-e2e';
const FIRST = 'first-password-e2e';
const SECOND = 'second-password-e2e';

test('a user changes their own password on /account: the current one is required, other sessions end', async ({
	page,
	browser
}) => {
	await signIn(page, 'admin');
	await page.goto('/admin/users', { waitUntil: 'networkidle' });
	const create = page.locator('form[action="?/create"]');
	await create.getByLabel('用户名').fill(USERNAME);
	await create.getByLabel('显示名称').fill('密码测试用户');
	await create.getByLabel('初始密码').fill(FIRST);
	await create.getByLabel('角色').selectOption('ministry');
	await create.getByRole('button', { name: '创建' }).click();
	await expect(page.getByRole('status')).toContainText(USERNAME);
	await page.getByRole('button', { name: '退出' }).click();
	await expect(page).toHaveURL('/');

	await signInWith(page, USERNAME, FIRST);
	const elsewhere = await browser.newPage();
	await signInWith(elsewhere, USERNAME, FIRST);

	await page.getByRole('link', { name: '我的账户' }).click();
	await expect(page).toHaveURL('/account');
	await expect(page.getByRole('heading', { name: '修改密码' })).toBeVisible();
	// a ministry analyst holds no API tokens: the page shows only the password
	await expect(page.getByRole('button', { name: '创建令牌' })).toHaveCount(0);

	const form = page.locator('form[action="?/password"]');
	await form.getByLabel('当前密码').fill('not-my-password');
	await form.getByLabel('新密码（10–200 个字符）').fill(SECOND);
	await form.getByLabel('再次输入新密码').fill(SECOND);
	await form.getByRole('button', { name: '修改密码' }).click();
	await expect(page.getByTestId('password-problem')).toHaveText('当前密码不正确');

	await form.getByLabel('当前密码').fill(FIRST);
	await form.getByLabel('新密码（10–200 个字符）').fill('short');
	await form.getByLabel('再次输入新密码').fill('short');
	// the browser's own minlength check would stop the form: the server's rule is what is tested
	await form.locator('input[name=next]').evaluate((input) => input.removeAttribute('minlength'));
	await form.getByRole('button', { name: '修改密码' }).click();
	await expect(page.getByTestId('password-problem')).toHaveText('密码至少需要 10 个字符');

	await form.getByLabel('当前密码').fill(FIRST);
	await form.getByLabel('新密码（10–200 个字符）').fill(SECOND);
	await form.getByLabel('再次输入新密码').fill(SECOND);
	await form.getByRole('button', { name: '修改密码' }).click();
	await expect(page.getByTestId('password-changed')).toHaveText('密码已修改，其他会话已结束。');

	// this session stays, the other one has ended
	await page.goto('/pilots');
	await expect(page).toHaveURL('/pilots');
	await elsewhere.goto('/pilots');
	await expect(elsewhere).toHaveURL(/\/login\?next=/);
	await elsewhere.close();

	await page.getByRole('button', { name: '退出' }).click();
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('用户名').fill(USERNAME);
	await page.getByLabel('密码').fill(FIRST);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
	await signInWith(page, USERNAME, SECOND);
	await expect(page).toHaveURL('/pilots');
});

test('an admin sees every user’s API tokens on /admin/users and revokes one, which stops working at once', async ({
	page,
	browser,
	request
}) => {
	await signIn(page, 'implementer');
	await page.goto('/pilots');
	const [code] = await listedCodes(page);
	await page.goto('/account', { waitUntil: 'networkidle' });
	await page.getByLabel('名称').fill('admin-revokes-e2e');
	await page.getByRole('button', { name: '创建令牌' }).click();
	const token = (await page.getByTestId('new-token').textContent())!.trim();
	const progress = () =>
		request.get(`/api/v1/pilots/${code}/progress`, { headers: { authorization: `Bearer ${token}` } });
	expect((await progress()).status()).toBe(200);

	const admin = await browser.newPage();
	await signIn(admin, 'admin');
	await admin.goto('/admin/users', { waitUntil: 'networkidle' });
	const row = admin.getByTestId('admin-tokens').locator('tbody tr', { hasText: 'admin-revokes-e2e' });
	await expect(row).toContainText('implementer');
	await expect(admin.getByTestId('admin-tokens')).not.toContainText(token);
	await row.getByRole('button', { name: '撤销' }).click();
	await expect(admin.getByRole('status')).toContainText('令牌已撤销');
	await expect(row).toContainText('已撤销');
	await admin.close();

	expect((await progress()).status()).toBe(401);
	await page.reload();
	await expect(page.locator('tbody tr', { hasText: 'admin-revokes-e2e' })).toContainText('已撤销');
});
