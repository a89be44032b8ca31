import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signIn, signInWith } from './helpers';
import { creditCodeCheckChar } from '../../src/lib/domain/credit-code';

// A pilot of its own, so that the journey can publish a list: the demo's batch 901 list is already published.
// Registered in demo batch 902 with a term that ended in 2026 and in the demo province (440000), through the CLI.
// The file sorts after the specs that count the demo's pilots or read batch 902 as unpublished (files run in
// name order, one worker), since it adds two pilots and publishes batch 902.
const PILOT = 'E2E-EV1';
const EARLY = 'E2E-EV2';
const IMPLEMENTER = { username: 'e2e-eval-imp', password: 'e2e-evaluation-2026' };
const OTHER_PROVINCE = { username: 'e2e-eval-prov11', password: 'e2e-evaluation-2026' };
const BODY = '91440300MA5H2K8N1';
const CREDIT_CODE = BODY + creditCodeCheckChar(BODY);
const REF = 'E2E〔2026〕1号';

/** Runs the CLI on the e2e database; a user already added (beforeAll runs again after a failed test) is fine. */
function cli(args: string[]) {
	try {
		execFileSync('npx', ['tsx', 'scripts/cli.ts', ...args], {
			env: { ...process.env, DATABASE_URL: 'file:test-results/e2e/tracker.db', CLI_PASSWORD: IMPLEMENTER.password },
			stdio: 'pipe'
		});
	} catch (e) {
		if (!String((e as { stderr?: Buffer }).stderr ?? '').includes('Username taken')) throw e;
	}
}

test.beforeAll(() => {
	const dir = 'test-results/e2e-fixtures';
	mkdirSync(dir, { recursive: true });
	const pilots = join(dir, 'evaluation-pilots.csv');
	writeFileSync(
		pilots,
		'pilot_code,batch,name_zh,category,province,term_start,status,is_demo\n' +
			`${PILOT},902,端到端评估试点（示例）,1,440000,2025-06-01,in_progress,yes\n` +
			`${EARLY},902,端到端未结束试点（示例）,1,440000,2026-10-01,in_progress,yes\n`
	);
	const firms = join(dir, 'evaluation-enterprises.csv');
	writeFileSync(
		firms,
		'pilot_code,enterprise_code,enterprise_name,credit_code\n' +
			`${PILOT},X01,端到端甲化工有限公司（示例）,${CREDIT_CODE}\n` +
			`${PILOT},X02,端到端乙涂装有限公司（示例）,\n`
	);
	cli(['registry', 'import', pilots]);
	cli(['registry', 'import', firms]);
	cli(['user', 'add', IMPLEMENTER.username, '--role', 'implementer', '--pilots', `${PILOT},${EARLY}`]);
	cli(['user', 'add', OTHER_PROVINCE.username, '--role', 'province', '--province', '110000']);
});

async function as(page: Page, who: 'province' | 'ministry' | 'implementer' | typeof IMPLEMENTER) {
	await page.context().clearCookies();
	if (typeof who === 'string') await signIn(page, who);
	else await signInWith(page, who.username, who.password);
	await page.goto(`/pilots/${PILOT}/summary`, { waitUntil: 'networkidle' });
}

const state = (page: Page) => page.getByTestId('summary-state');

test('summary → returned → resubmitted → forwarded → scored and passed → list published → public list and credit lookup', async ({
	page
}) => {
	// The implementer writes part 1 only and tries to submit: refused, naming the empty parts, the text kept.
	await as(page, IMPLEMENTER);
	await expect(page.getByRole('heading', { name: '总结报告与评估' })).toBeVisible();
	await expect(page.getByTestId('summary-targets').or(page.getByText('本试点未登记目标'))).toBeVisible();
	await page.getByTestId('summary-part-1').fill('覆盖园区 2 家企业。');
	await page.getByTestId('summary-submit').click();
	const problems = page.getByTestId('summary-refusal');
	await expect(problems).toContainText('请填写第2部分');
	await expect(problems).toContainText('资金来源');
	await expect(page.getByTestId('summary-part-1')).toHaveValue('覆盖园区 2 家企业。');

	// Completes it and submits.
	for (let part = 2; part <= 7; part++) await page.getByTestId(`summary-part-${part}`).fill(`第${part}部分已完成。`);
	for (const field of ['innovations', 'problems', 'economicBenefit', 'environmentalBenefit', 'fundsSource'])
		await page.getByTestId(`summary-${field}`).fill('已填写（示例）');
	await page.getByTestId('summary-fundsAmount').fill('120');
	await page.getByTestId('summary-submit').click();
	await expect(state(page)).toHaveAttribute('data-state', 'submitted');
	await expect(page.getByTestId('pilot-status')).toHaveText('评估中');

	// The province returns it: first without a comment (refused), then with one.
	await as(page, 'province');
	const review = page.getByTestId('province-review');
	await review.getByTestId('summary-return').click();
	await expect(page.getByTestId('summary-refusal')).toContainText('退回时请写明意见');
	await review.getByTestId('summary-comment').fill('请补充资金使用明细');
	await review.getByTestId('summary-return').click();
	await expect(state(page)).toHaveAttribute('data-state', 'returned');

	// The implementer sees the comment and resubmits.
	await as(page, IMPLEMENTER);
	await expect(page.getByTestId('summary-returned')).toContainText('请补充资金使用明细');
	await page.getByTestId('summary-fundsSource').fill('区级财政 80 万元，企业自筹 40 万元（示例）');
	await page.getByTestId('summary-submit').click();
	await expect(state(page)).toHaveAttribute('data-state', 'submitted');

	// The province forwards it; the board shows it waiting for the ministry.
	await as(page, 'province');
	await page.getByTestId('province-review').getByTestId('summary-forward').click();
	await expect(state(page)).toHaveAttribute('data-state', 'forwarded');

	// The ministry scores it, is refused a decision without a reason, then passes it.
	await as(page, 'ministry');
	await page.getByTestId('sheet-expert').fill('评估专家（示例）');
	for (const [key, score] of [
		['attainment', '90'],
		['innovation', '80'],
		['norms', '70'],
		['data', '100'],
		['funds', '60']
	])
		await page.getByTestId(`sheet-${key}`).fill(score);
	await page.getByTestId('sheet-save').click();
	// 90×.35 + 80×.25 + 70×.15 + 100×.15 + 60×.10 = 83
	await expect(page.getByTestId('summary-mean')).toHaveText('83');
	await page.getByTestId('decision-passed').check();
	await page.getByTestId('decision-save').click();
	await expect(page.getByTestId('summary-refusal')).toContainText('请写明评估结论的理由');
	await page.getByTestId('decision-passed').check();
	await page.getByTestId('decision-reason').fill('目标全部完成（示例）');
	await page.getByTestId('decision-save').click();
	await expect(page.getByTestId('summary-decision')).toHaveAttribute('data-decision', 'passed');
	await expect(page.getByTestId('pilot-status')).toHaveText('通过评估');

	// The ministry publishes batch 902's list; a second publication is refused.
	await page.goto('/evaluation?batch=902', { waitUntil: 'networkidle' });
	await expect(page.getByTestId('evaluation-board').locator(`tr[data-code="${PILOT}"]`)).toContainText('通过');
	await page.getByTestId('publish-ref').fill(REF);
	await page.getByTestId('publish-list').click();
	await expect(page.getByTestId('list-published')).toContainText('评估 1 个，通过 1 个；2 家企业');
	await expect(page.getByTestId('list-state')).toContainText(REF);
	const again = await page.request.post('/evaluation?/publish', {
		form: { batch: '902', refNo: '另一个文号', publishedOn: '2026-12-01' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
	});
	expect(again.status()).toBe(400);
	expect(await again.text()).toContain('本批次名单已发布，不能修改');

	// Without signing in: the public list shows the pilot, and the lookup by credit code answers yes.
	await page.context().clearCookies();
	await page.goto('/evaluations/902', { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { level: 1 })).toContainText('通过评估的清洁生产审核创新试点项目名单');
	await expect(page.getByRole('main')).toContainText(REF);
	await expect(page.getByRole('row', { name: new RegExp(PILOT) })).toBeVisible();
	await page.goto(`/credits?code=${CREDIT_CODE}`, { waitUntil: 'networkidle' });
	await expect(page.getByRole('main')).toContainText('端到端甲化工有限公司（示例）');
	await expect(page.getByRole('main')).toContainText(PILOT);
	await expect(page.getByRole('main')).toContainText('视同开展一次清洁生产审核');
	const api = await page.request.get(`/api/v1/credits?code=${CREDIT_CODE}`);
	expect(api.status()).toBe(200);
	expect(JSON.stringify(await api.json())).toContain(PILOT);
});

test('refusals: before the term ends, another pilot’s implementer, another province', async ({ page }) => {
	// The term of EARLY runs into 2027: no form yet, and a save is refused with the first day named.
	await page.context().clearCookies();
	await signInWith(page, IMPLEMENTER.username, IMPLEMENTER.password);
	await page.goto(`/pilots/${EARLY}/summary`, { waitUntil: 'networkidle' });
	await expect(state(page)).toContainText('起可编写');
	await expect(page.getByTestId('summary-save')).toHaveCount(0);
	const early = await page.request.post(`/pilots/${EARLY}/summary?/save`, {
		form: { 'parts.1': 'x' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
	});
	expect(early.status()).toBe(400);
	expect(await early.text()).toContain('实施期最后一个季度尚未结束');

	// The demo implementer answers for other pilots: this one does not exist for them, page or action.
	await page.context().clearCookies();
	await signIn(page, 'implementer');
	expect((await page.goto(`/pilots/${PILOT}/summary`))?.status()).toBe(404);
	const foreign = await page.request.post(`/pilots/${PILOT}/summary?/save`, {
		form: { 'parts.1': 'x' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
	});
	expect(foreign.status()).toBe(404);

	// A province user of another province sees neither the page nor the pilot on the board.
	await page.context().clearCookies();
	await signInWith(page, OTHER_PROVINCE.username, OTHER_PROVINCE.password);
	expect((await page.goto(`/pilots/${PILOT}/summary`))?.status()).toBe(404);
	await page.goto('/evaluation?batch=902', { waitUntil: 'networkidle' });
	await expect(page.locator(`tr[data-code="${PILOT}"]`)).toHaveCount(0);
});
