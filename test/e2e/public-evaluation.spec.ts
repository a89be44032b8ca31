import { expect, test } from '@playwright/test';

/**
 * Without signing in: the published list of demo batch 901 (the demo seed publishes it, with passed and not-passed
 * pilots and their enterprises' credits, some with credit codes), its CSV and print view, and the credit lookup.
 */
type Credit = {
	enterpriseName: string;
	creditCode: string | null;
	hasCode: boolean;
	isValid: boolean;
	pilotCode: string;
	listRef: string;
};

test('anyone finds a published list, its counts and CSV, and looks up an enterprise’s deemed audit', async ({
	page
}) => {
	await page.goto('/evaluations');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('通过评估的试点项目名单');
	await expect(page.getByTestId('signed-in-as')).toHaveCount(0);
	await page.getByTestId('list-901').getByRole('link').click();

	await expect(page).toHaveURL(/\/evaluations\/901$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('《通过评估的清洁生产审核创新试点项目名单》');
	const api = await page.request.get('/api/v1/evaluations?batch=901');
	expect(api.status()).toBe(200);
	const list = (await api.json()) as {
		refNo: string;
		counts: { evaluated: number; passed: number; notPassed: number };
		entries: { pilotCode: string }[];
	};
	expect(list.counts.passed).toBeGreaterThan(0);
	expect(list.counts.notPassed).toBeGreaterThan(0);
	expect(list.counts.evaluated).toBe(list.counts.passed + list.counts.notPassed);
	await expect(page.getByTestId('list-ref')).toHaveText(list.refNo);
	await expect(page.getByTestId('count-evaluated').locator('dd')).toHaveText(String(list.counts.evaluated));
	await expect(page.getByTestId('count-passed').locator('dd')).toHaveText(String(list.counts.passed));
	await expect(page.getByTestId('count-not-passed').locator('dd')).toHaveText(String(list.counts.notPassed));
	await expect(page.getByTestId('list-row')).toHaveCount(list.counts.passed);
	await expect(page.getByTestId('list-row').first()).toContainText(list.entries[0].pilotCode);
	await expect(page.getByTestId('corrections').getByRole('heading')).toHaveText('更正');

	// the CSV: a BOM for Excel, one row per passed pilot
	const csv = await page.request.get((await page.getByTestId('list-csv').getAttribute('href'))!);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-disposition']).toContain('pass-list-batch-901.csv');
	const bytes = await csv.body();
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = bytes.toString('utf8').split('\r\n').filter(Boolean);
	expect(lines[0]).toContain('pilot_code');
	expect(lines).toHaveLength(list.counts.passed + 1);

	// printed: the table without the site's header, links or buttons
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.top')).toBeHidden();
	await expect(page.getByTestId('list-print')).toBeHidden();
	await expect(page.getByTestId('list-table')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	// an enterprise with a credit code, from the public API
	const found = await page.request.get(`/api/v1/credits?name=${encodeURIComponent('示例')}`);
	expect(found.status()).toBe(200);
	const credits = ((await found.json()) as { credits: Credit[] }).credits;
	const coded = credits.find((c) => c.hasCode && c.isValid);
	expect(coded).toBeDefined();
	expect(credits.some((c) => !c.hasCode)).toBe(true);

	await page.getByTestId('to-credits').click();
	await expect(page).toHaveURL(/\/credits$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('视同开展清洁生产审核查询');
	// typed as people do: lower case with spaces
	await page.getByTestId('credit-code').fill(` ${coded!.creditCode!.toLowerCase().replace(/(.{6})/, '$1 ')} `);
	await page.getByTestId('credit-search').click();
	await expect(page).toHaveURL(/\/credits\?code=/);
	const answer = page.getByTestId('credit').first();
	await expect(answer).toHaveAttribute('data-valid', 'true');
	await expect(answer.getByTestId('credit-yes')).toHaveText('是，视同开展一次清洁生产审核');
	await expect(answer).toContainText(coded!.enterpriseName);
	await expect(answer).toContainText(coded!.pilotCode);
	await expect(answer).toContainText(coded!.listRef);

	// a well-formed code that no credit has: said plainly, never guessed
	await page.getByTestId('credit-code').fill('91110000000000000X');
	await page.getByTestId('credit-search').click();
	await expect(page.getByTestId('credit-none')).toContainText('不作推测');
	// a malformed one is refused, and the name is still searched
	await page.getByTestId('credit-code').fill('1234');
	await page.getByTestId('credit-name').fill(coded!.enterpriseName);
	await page.getByTestId('credit-search').click();
	await expect(page.getByTestId('credit-code-problem')).toContainText('18 位');
	await expect(page.getByTestId('credit').first()).toContainText(coded!.enterpriseName);

	await page.getByTestId('to-lists').click();
	await expect(page).toHaveURL(/\/evaluations$/);
	await expect(page.getByTestId('list-901')).toBeVisible();
});

test('the list reads in English, and a batch without a published list is a 404', async ({ page }) => {
	await page.goto('/lang/en?next=/evaluations/901');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Pilots that passed the term-end evaluation');
	await expect(page.getByTestId('list-csv')).toHaveText('Download CSV');
	// demo batch 903 (open for recommendations) has no pilots, so no list (evaluation.spec publishes 902)
	expect((await page.goto('/evaluations/903'))?.status()).toBe(404);
	const api = await page.request.get('/api/v1/evaluations?batch=903');
	expect(api.status()).toBe(404);
	expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_PUBLISHED');
});
