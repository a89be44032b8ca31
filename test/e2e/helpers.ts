import { expect, type Page } from '@playwright/test';

export const ACCOUNTS = {
	admin: 'admin-demo-2026',
	ministry: 'ministry-demo-2026',
	province: 'province-demo-2026',
	implementer: 'implementer-demo-2026'
} as const;

/** Signs in through the form as one of the demo accounts and waits to leave the sign-in page. */
export async function signIn(page: Page, username: keyof typeof ACCOUNTS): Promise<void> {
	await signInWith(page, username, ACCOUNTS[username]);
}

/**
 * Signs in with any account. Waits for the page's scripts first, so that the test types into the
 * hydrated form as a person on a loaded page would.
 */
export async function signInWith(page: Page, username: string, password: string): Promise<void> {
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码').fill(password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/** The pilot codes in the list table of the current page. */
export async function listedCodes(page: Page): Promise<string[]> {
	return page.locator('tbody td.code').allTextContents();
}

/** Chooses the option of a facet whose visible label starts with `prefix` (labels end with a count). */
export async function chooseFacet(page: Page, facet: string, prefix: string): Promise<void> {
	const select = page.getByTestId(`facet-${facet}`);
	const label = await select.locator('option', { hasText: new RegExp(`^${prefix} \\(`) }).textContent();
	await select.selectOption({ label: label! });
}
