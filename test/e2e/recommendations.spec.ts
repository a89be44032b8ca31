import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signIn } from './helpers';

/** Fills every field the notice requires, as a provincial user would. */
async function fill(page: Page, name: string) {
	await page.locator('input[name=projectName]').fill(name);
	await page.locator('input[name=applicantName]').fill(`${name}管理委员会`);
	await page.locator('select[name=applicantType]').selectOption('park');
	await page.locator('select[name=category]').selectOption('2');
	await page.locator('input[name=industry][value=dyeing]').check();
	await page.locator('input[name=enterprises]').fill('18');
	for (const a of ['noInspectionIssue', 'noMediaExposure', 'hasBasis', 'hasFunding'])
		await page.getByTestId(`rec-${a}`).check();
	await page.locator('input[name=fundingSource]').fill('省级专项资金');
	await page.locator('input[name=fundingAmount]').fill('450');
	for (const area of await page.locator('textarea[name^="plan."]').all()) await area.fill('按编制大纲填写的内容。');
	await page.locator('select[name="target.0.indicator"]').selectOption('nh3n');
	await page.locator('input[name="target.0.baseYear"]').fill('2025');
	await page.locator('input[name="target.0.baseline"]').fill('60');
	await page.locator('select[name="target.0.kind"]').selectOption('percent');
	await page.locator('input[name="target.0.value"]').fill('8');
	await page.getByTestId('rec-save').click();
	await expect(page.getByRole('status')).toBeVisible();
}

async function attach(page: Page, kind: 'letter' | 'plan', file: string) {
	await page.getByTestId('rec-kind').selectOption(kind);
	await page.getByTestId('rec-file').setInputFiles(file);
	await page.getByTestId('rec-upload').click();
	await expect(page.getByTestId('rec-files')).toContainText(file.split('/').pop()!);
}

test('a province recommends its fifth pilot with attachments, a sixth is refused; the ministry approves one into the registry', async ({
	page
}, info) => {
	mkdirSync(info.outputDir, { recursive: true });
	const pdf = (name: string) => {
		const path = join(info.outputDir, name);
		writeFileSync(path, '%PDF-1.4\n%%EOF\n');
		return path;
	};
	await signIn(page, 'province');
	await page.goto('/recommendations', { waitUntil: 'networkidle' });
	// the demo province has four submitted already
	await expect(page.getByTestId('rec-list').locator('tbody tr')).toHaveCount(4);

	await page.getByTestId('rec-new-903').click();
	await expect(page).toHaveURL(/\/recommendations\/\d+$/);
	await page.waitForLoadState('networkidle');
	await fill(page, '东湖印染园区清洁生产整体审核创新试点');
	await expect(page.getByTestId('rec-subject')).toHaveText(
		/^\d{4}\+东湖印染园区清洁生产整体审核创新试点\+东湖印染园区清洁生产整体审核创新试点管理委员会$/
	);
	await attach(page, 'letter', pdf('推荐函.pdf'));
	await attach(page, 'plan', pdf('实施方案.pdf'));
	await page.getByTestId('rec-submit').click();
	await expect(page.getByTestId('rec-state')).toHaveAttribute('data-state', 'submitted');
	const fifth = page.url();

	// A sixth: everything in order, but the quota is used up.
	await page.goto('/recommendations', { waitUntil: 'networkidle' });
	await page.getByTestId('rec-new-903').click();
	await expect(page).toHaveURL(/\/recommendations\/\d+$/);
	await page.waitForLoadState('networkidle');
	await fill(page, '西湖造纸集群清洁生产整体审核创新试点');
	await attach(page, 'letter', pdf('letter6.pdf'));
	await attach(page, 'plan', pdf('plan6.pdf'));
	await page.getByTestId('rec-submit').click();
	await expect(page.getByTestId('rec-problems')).toContainText('5');
	await expect(page.getByTestId('rec-state')).toHaveAttribute('data-state', 'draft');

	// The ministry approves the fifth: it is in the registry with its term starting today.
	await page.context().clearCookies();
	await signIn(page, 'ministry');
	await page.goto(fifth, { waitUntil: 'networkidle' });
	await page.getByTestId('rec-approve').click();
	const link = page.getByTestId('rec-pilot');
	await expect(link).toBeVisible();
	const code = (await link.textContent())!.trim();
	await page.goto(`/pilots/${code}/progress`);
	await expect(page.locator('main')).toContainText('东湖印染园区清洁生产整体审核创新试点');
	await expect(page.locator('main')).toContainText('氨氮');
});

test('an implementer has no recommendation pages', async ({ page }) => {
	await signIn(page, 'implementer');
	expect((await page.goto('/recommendations'))?.status()).toBe(403);
	expect((await page.goto('/recommendations/export'))?.status()).toBe(403);
});
