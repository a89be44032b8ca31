import { expect, test, type Page } from '@playwright/test';
import { filledTemplate, signIn } from './helpers';

async function upload(page: Page, file: string) {
	await page.goto('/imports', { waitUntil: 'networkidle' });
	await page.getByTestId('import-file').setInputFiles(file);
	await page.getByRole('button', { name: '导入' }).click();
	await expect(page.getByTestId('import-result')).toContainText('已导入');
}

async function switchTo(page: Page, who: 'province' | 'implementer') {
	await page.context().clearCookies();
	await signIn(page, who);
}

test('a province questions one value, cannot approve; the implementer re-uploads and marks it corrected; the province resolves and approves', async ({
	page
}, info) => {
	// The implementer sends a quarter of their second pilot with a value 1000× too large, writes the narrative, submits.
	await signIn(page, 'implementer');
	const code = (await page.locator('[data-testid^=home-]').nth(1).getAttribute('data-testid'))!.replace('home-', '');
	const wrong = await filledTemplate(page, code, '1200', info.outputDir);
	const period = wrong.period;
	await upload(page, wrong.file);
	const reviewPage = `/pilots/${code}/review?quarter=${period}`;
	await page.goto(reviewPage, { waitUntil: 'networkidle' });
	const narrative = page.getByTestId(`narrative-${period}`);
	await narrative.locator('textarea').fill('本季度完成两项**无低费方案**：\n- 余热回收\n- 漏损治理');
	await narrative.getByRole('button', { name: '保存说明' }).click();
	const card = page.getByTestId(`review-${period}`);
	await card.getByRole('button', { name: '提交审核' }).click();
	await expect(card).toHaveAttribute('data-state', 'submitted');

	// The province opens a thread on one value (previewing its Markdown first) and cannot approve.
	await switchTo(page, 'province');
	await page.goto(reviewPage, { waitUntil: 'networkidle' });
	await expect(page.getByTestId(`narrative-text-${period}`).locator('strong')).toHaveText('无低费方案');
	const cell = page.locator('[data-testid^=cell-]', { hasText: '1,200' }).first();
	const cellId = (await cell.getAttribute('data-testid'))!;
	await cell.getByRole('link', { name: /发表或查看意见/ }).click();
	const panel = page.getByTestId('thread-panel');
	await expect(panel.getByRole('heading', { level: 4 })).toBeVisible();
	await panel
		.getByTestId('new-thread')
		.fill('这是上季度的 **1000×**，请核对单位（吨/千克）。<script>alert(1)</script>');
	await panel.getByRole('button', { name: '预览' }).click();
	await expect(panel.getByTestId('new-thread-preview').locator('strong')).toHaveText('1000×');
	await panel.getByRole('button', { name: '发起意见' }).click();
	const thread = panel.locator('[data-testid^=thread-]').first();
	await expect(thread).toHaveAttribute('data-state', 'open');
	await expect(thread).toContainText('这是上季度的 1000×，请核对单位');
	await expect(thread).toContainText('<script>alert(1)</script>');
	await expect(thread).toContainText('待实施单位答复');
	await expect(page.getByTestId(cellId).getByTestId('open-count')).toHaveText('1');
	await expect(card.getByRole('button', { name: '通过' })).toBeDisabled();
	await expect(page.getByTestId(`approve-blocked-${period}`)).toContainText('尚有 1 条数值意见未解决');
	// and the server refuses a direct approval too, naming the value
	const refused = await page.evaluate(async (p) => {
		const form = new FormData();
		form.set('period', p);
		form.set('action', 'approve');
		const res = await fetch('?/review', { method: 'POST', body: form, headers: { 'x-sveltekit-action': 'true' } });
		return res.text();
	}, period);
	expect(refused).toContain('数值意见未解决');
	await expect(card).toHaveAttribute('data-state', 'submitted');

	// The implementer finds the thread, re-uploads the corrected figures and marks the value corrected.
	await switchTo(page, 'implementer');
	const right = await filledTemplate(page, code, '1.2', info.outputDir);
	expect(right.period).toBe(period);
	await upload(page, right.file);
	await page.goto(reviewPage, { waitUntil: 'networkidle' });
	await expect(page.getByTestId(`thread-quarter-${period}`)).toContainText('1 条未解决');
	await expect(page.getByTestId('quarter-threads').getByRole('link')).toHaveCount(1);
	// the notice of the comment opens the value's thread itself
	await page.goto('/notices', { waitUntil: 'networkidle' });
	await page
		.getByTestId('notices')
		.getByRole('link', { name: new RegExp(`^${code} ${period}：.*留言——`) })
		.first()
		.click();
	await expect(page).toHaveURL(/ind=.*#value-thread$/);
	await expect(thread).toContainText(/评论时为 1,200（第 \d+ 版），现为 1\.2/);
	await thread.locator('textarea').fill('单位填错了，已按吨重新上传：1.2 吨。');
	await thread.getByRole('button', { name: /标记“已更正”/ }).click();
	await expect(thread).toContainText('标记为已更正');
	await expect(thread).toContainText('待审核人员确认');
	await expect(thread.getByRole('button', { name: '解决' })).toHaveCount(0);
	await card.getByRole('button', { name: '提交审核' }).click();
	await expect(card).toHaveAttribute('data-state', 'submitted');

	// The province resolves the thread and approves the quarter.
	await switchTo(page, 'province');
	await page.goto(reviewPage, { waitUntil: 'networkidle' });
	await page.getByTestId(`open-threads-${period}`).click();
	await page.getByTestId('quarter-threads').getByRole('link').first().click();
	await expect(thread).toContainText('单位填错了，已按吨重新上传');
	await thread.getByRole('button', { name: '解决' }).click();
	await expect(thread).toHaveAttribute('data-state', 'resolved');
	await expect(page.getByTestId(`approve-blocked-${period}`)).toHaveCount(0);
	await card.getByRole('button', { name: '通过' }).click();
	await expect(card).toHaveAttribute('data-state', 'approved');
	await expect(panel).toContainText('本季度已通过并锁定，意见只读');
});
