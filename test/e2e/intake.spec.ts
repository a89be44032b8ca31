import { expect, test } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { filledTemplate, listedCodes, signIn } from './helpers';

test('an implementer fills a template, previews, checks and imports it, then sees the values on the pilot page', async ({
	page
}, info) => {
	await signIn(page, 'implementer');
	await page.goto('/pilots');
	const [code] = await listedCodes(page);
	const { file, period } = await filledTemplate(page, code, '1.5', info.outputDir);

	await page.goto('/imports', { waitUntil: 'networkidle' });
	await page.getByTestId('import-file').setInputFiles(file);
	const preview = page.getByTestId('import-preview');
	await expect(preview).toContainText('UTF-8');
	await expect(preview).toContainText('pilot_code');
	await expect(preview).toContainText(code);

	await page.getByRole('button', { name: '检查（不写入）' }).click();
	await expect(page.getByTestId('import-result')).toContainText('检查通过');

	await page.getByRole('button', { name: '导入' }).click();
	await expect(page.getByTestId('import-result')).toContainText('已导入');
	await page
		.getByTestId('import-result')
		.getByRole('link', { name: new RegExp(`${code} ${period}`) })
		.click();

	await expect(page).toHaveURL(new RegExp(`/pilots/${code}/data\\?quarter=${period}`));
	await expect(page.getByTestId('quarter-values')).toContainText('1.5');
	await expect(page.getByTestId('revision-history')).toContainText(`${code}_${period}.csv`);
	await expect(page.getByTestId('revision-history')).toContainText('implementer');
});

test('the check says what it converted: kg to t and full-width digits, each once with its rows', async ({
	page
}, info) => {
	await signIn(page, 'implementer');
	await page.goto('/pilots');
	const [code] = await listedCodes(page);
	const { file } = await filledTemplate(page, code, '1500', info.outputDir);
	const rows = Papa.parse<string[]>(readFileSync(file, 'utf8').slice(1), { skipEmptyLines: true }).data;
	const tonnes = rows.filter((r, i) => i > 0 && r[5] === 't');
	expect(tonnes.length).toBeGreaterThan(0);
	for (const r of tonnes) r[5] = 'kg';
	rows[1][4] = '１５００';
	const converted = join(info.outputDir, 'converted.csv');
	writeFileSync(converted, '\uFEFF' + Papa.unparse(rows));

	await page.goto('/imports', { waitUntil: 'networkidle' });
	await page.getByTestId('import-file').setInputFiles(converted);
	await page.getByRole('button', { name: '检查（不写入）' }).click();
	await expect(page.getByTestId('import-result')).toContainText('检查通过');
	const notices = page.getByTestId('import-notices');
	await expect(notices.locator('li[data-code=N_UNIT_CONVERTED]')).toContainText(
		`${tonnes.length} 个数值已由 kg 换算为 t：第`
	);
	await expect(notices.locator('li[data-code=N_FULL_WIDTH]')).toContainText(
		'1 个数值含全角数字或符号，已按半角读取：第 2 行'
	);
});

test('a bad file is refused row by row, and its report downloads formula-safe', async ({ page }, info) => {
	await signIn(page, 'implementer');
	await page.goto('/pilots');
	const mine = await listedCodes(page);
	const other = ['D-001', 'D-002', 'D-003'].find((c) => !mine.includes(c))!;
	mkdirSync(info.outputDir, { recursive: true });
	const file = join(info.outputDir, 'bad.csv');
	writeFileSync(
		file,
		[
			'pilot_code,enterprise_code,period,indicator_code,value,unit,note',
			`${other},E001,2025Q4,voc,12,t,`,
			`${mine[0]},E001,2025Q4,nox,=1+1,t,`,
			`${mine[0]},E001,2025Q4,voc,12吨,t,`
		].join('\r\n') + '\r\n'
	);
	await page.goto('/imports', { waitUntil: 'networkidle' });
	await page.getByTestId('import-file').setInputFiles(file);
	await page.getByRole('button', { name: '导入' }).click();
	const result = page.getByTestId('import-result');
	await expect(result).toContainText('文件未导入');
	const problems = page.getByTestId('problems');
	await expect(problems).toContainText('E_PILOT_FORBIDDEN');
	await expect(problems).toContainText('E_VALUE_NOT_NUMBER');
	await expect(problems.locator('tbody tr').first()).toContainText('2');

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report').click()]);
	const report = readFileSync((await download.path())!, 'utf8');
	expect(report.charCodeAt(0)).toBe(0xfeff);
	expect(report).toContain('E_PILOT_FORBIDDEN');
	// rows 3 and 4 share a problem: one report line, its values starting with the formula, neutralised
	expect(report).toContain(`3–4,2,value,"'=1+1, 12吨"`);
});

test('the HTTP API takes a bearer token that can be revoked', async ({ page, request }, info) => {
	await signIn(page, 'implementer');
	await page.goto('/pilots');
	const [code] = await listedCodes(page);
	const { file } = await filledTemplate(page, code, '2.25', info.outputDir);

	await page.goto('/account', { waitUntil: 'networkidle' });
	await page.getByLabel('名称').fill('e2e');
	await page.getByRole('button', { name: '创建令牌' }).click();
	const token = (await page.getByTestId('new-token').textContent())!.trim();
	expect(token).toMatch(/^cpt_/);

	const body = readFileSync(file);
	const anonymous = await request.post('/api/v1/imports?dryRun=1', {
		data: body,
		headers: { 'content-type': 'text/csv' }
	});
	expect(anonymous.status()).toBe(401);
	const dry = await request.post('/api/v1/imports?dryRun=1&fileName=api.csv', {
		data: body,
		headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }
	});
	expect(dry.status()).toBe(200);
	const summary = await dry.json();
	expect(summary).toMatchObject({ isDryRun: true, isWritten: false, errorCount: 0, fileName: 'api.csv' });
	expect(summary.counts.new + summary.counts.changed).toBeGreaterThan(0);

	await page.getByRole('button', { name: '撤销' }).first().click();
	await expect(page.getByText('已撤销').first()).toBeVisible();
	const revoked = await request.post('/api/v1/imports?dryRun=1', {
		data: body,
		headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }
	});
	expect(revoked.status()).toBe(401);
});

test('province and ministry users cannot reach the upload page or the API', async ({ page }) => {
	await signIn(page, 'ministry');
	expect((await page.goto('/imports'))?.status()).toBe(403);
	// /account is every user's (the password change), but only the roles that report values hold API tokens
	expect((await page.goto('/account'))?.status()).toBe(200);
	await expect(page.getByRole('heading', { name: '修改密码' })).toBeVisible();
	await expect(page.getByRole('button', { name: '创建令牌' })).toHaveCount(0);
});

test('while a large file is being checked, the other pages keep answering', async ({ page, request }) => {
	await signIn(page, 'implementer');
	await page.goto('/imports', { waitUntil: 'networkidle' });
	// 400,000 rows of an unknown pilot: every row is read, checked and refused, which takes a while.
	const rows = Array.from({ length: 400_000 }, (_, i) => `X-${i % 997},E${i % 50},2025Q4,voc,${i}.5,t,`);
	const body = Buffer.from(['pilot_code,enterprise_code,period,indicator_code,value,unit,note', ...rows].join('\n'));
	await page.getByTestId('import-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: body });
	await page.getByRole('button', { name: '检查（不写入）' }).click();
	const finished: string[] = [];
	const checked = expect(page.getByTestId('import-result'))
		.toContainText('未导入', { timeout: 120_000 })
		.then(() => finished.push('import'));
	// the state the user waits for: the server has begun reading the rows
	await expect(page.getByTestId('import-progress').locator('[data-phase=parse]')).toHaveAttribute('data-state', 'now', {
		timeout: 60_000
	});
	const home = await request.get('/');
	finished.push('home');
	expect(home.status()).toBe(200);
	await checked;
	expect(finished).toEqual(['home', 'import']);
});

test('the upload page shows an import phase by phase, and cancels one that is still being sent', async ({
	page
}, info) => {
	await signIn(page, 'implementer');
	await page.goto('/pilots');
	const [code] = await listedCodes(page);
	const { file } = await filledTemplate(page, code, '2.5', info.outputDir);
	await page.goto('/imports', { waitUntil: 'networkidle' });
	await page.getByTestId('import-file').setInputFiles(file);

	// the request is held until the page has shown its phases: what a user sees while a large file goes up
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/imports\?\/check/, async (route) => {
		await held;
		await route.continue();
	});
	await page.getByRole('button', { name: '检查（不写入）' }).click();
	const phases = page.getByTestId('import-progress');
	await expect(phases.locator('[data-phase=receive]')).toHaveAttribute('data-state', 'now');
	for (const later of ['parse', 'check', 'write'])
		await expect(phases.locator(`[data-phase=${later}]`)).toHaveAttribute('data-state', 'next');
	await expect(phases.getByRole('button', { name: '取消导入' })).toBeEnabled();
	release();
	await expect(page.getByTestId('import-result')).toContainText('检查通过');
	await expect(phases).toHaveCount(0);

	// cancelled while still being sent: nothing reaches the server, nothing is written
	await page.route(/\/imports\?\/commit/, async (route) => {
		await new Promise<void>(() => {}); // never sent on
		await route.continue();
	});
	await page.getByRole('button', { name: '导入' }).click();
	await phases.getByRole('button', { name: '取消导入' }).click();
	await expect(page.getByRole('alert')).toContainText('已取消上传，未发送也未写入任何内容');
	await expect(phases).toHaveCount(0);
	await expect(page.getByRole('button', { name: '导入' })).toBeEnabled();
});
