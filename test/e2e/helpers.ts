import { expect, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { indicatorByCode } from '../../src/lib/domain/indicators';

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

/** The value as a clerk would type it for the indicator: whole for counts, within 0–100 for rates. */
function valueFor(code: string, value: string): string {
	const indicator = indicatorByCode(code);
	const n = Number(value);
	if (indicator?.isInteger) return String(Math.max(1, Math.round(n)));
	if (indicator?.kind === 'rate') return String(Math.min(99, n));
	return value;
}

/** Downloads the template of the pilot's first open quarter through its link on the data tab, fills every value, saves it. */
export async function filledTemplate(
	page: Page,
	code: string,
	value: string,
	dir: string
): Promise<{ file: string; period: string }> {
	await page.goto(`/pilots/${code}/data`, { waitUntil: 'networkidle' });
	const link = page.locator('[data-testid^=template-]').first();
	const period = (await link.getAttribute('data-testid'))!.replace('template-', '');
	const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
	const text = readFileSync((await download.path())!, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
	expect(parsed.data[0]).toEqual(['试点编号', '企业编号', '报告期', '指标代码', '数值', '单位', '备注']);
	expect(parsed.data.length).toBeGreaterThan(5);
	const rows = parsed.data.map((r, i) => (i === 0 ? r : [r[0], r[1], r[2], r[3], valueFor(r[3], value), r[5], r[6]]));
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${code}_${period}.csv`);
	writeFileSync(file, '\uFEFF' + Papa.unparse(rows));
	return { file, period };
}
