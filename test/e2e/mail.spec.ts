import { expect, test } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { E2E_SMTP_PORT } from '../../playwright.config';
import Database from 'better-sqlite3';
import { signIn } from './helpers';
import { unsubscribeLink } from '../../src/lib/server/mail/unsubscribe';

/** A real SMTP server for the app under test (SMTP_HOST/SMTP_PORT in playwright.config.ts), keeping what arrives. */
const received: { to: string[]; mail: ParsedMail }[] = [];
const smtp = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS', 'AUTH'],
	logger: false,
	onData(stream, session, callback) {
		simpleParser(stream).then((mail) => {
			received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
			callback();
		}, callback);
	}
});

test.beforeAll(() => new Promise<void>((resolve) => smtp.listen(E2E_SMTP_PORT, '127.0.0.1', resolve)));
test.afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

test('a person gives an address, the confirmation mail arrives over SMTP, its link confirms it; mail settings stick', async ({
	page,
	browser
}) => {
	await signIn(page, 'implementer');
	await page.goto('/account', { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { name: '电子邮件' })).toBeVisible();
	await expect(page.getByTestId('email-state')).toContainText('尚未填写邮箱地址');
	await page.getByLabel('邮箱地址').fill('not an address');
	await page.getByRole('button', { name: '保存并发送确认链接' }).click();
	// the browser's own check stops it first; the server's refusal is for a value the browser lets through
	await page.getByLabel('邮箱地址').fill('clerk@pilot');
	await page.getByRole('button', { name: '保存并发送确认链接' }).click();
	await expect(page.getByTestId('email-problem')).toContainText('不是有效的电子邮件地址');
	await page.getByLabel('邮箱地址').fill('clerk@pilot.example.cn');
	await page.getByRole('button', { name: '保存并发送确认链接' }).click();
	await expect(page.getByTestId('email-sent')).toContainText('确认链接已发送到 clerk@pilot.example.cn');
	await expect(page.getByTestId('email-state')).toContainText('待确认');

	// an admin sends the queued mail now (the schedule is off in this test server)
	const admin = await browser.newPage();
	await signIn(admin, 'admin');
	await admin.goto('/admin/mail', { waitUntil: 'networkidle' });
	await expect(admin.getByRole('heading', { name: '邮件与定时任务' })).toBeVisible();
	await expect(admin.getByTestId('smtp-state')).toContainText(`127.0.0.1:${E2E_SMTP_PORT}`);
	await admin.getByTestId('job-mail').getByRole('button', { name: '立即运行' }).click();
	await expect(admin.getByTestId('job-ran')).toContainText('发送邮件与重试');
	await expect(admin.getByTestId('job-mail')).toContainText('成功');
	await expect.poll(() => received.filter((r) => r.to.includes('clerk@pilot.example.cn')).length).toBe(1);
	const { mail } = received.find((r) => r.to.includes('clerk@pilot.example.cn'))!;
	expect(mail.subject).toBe('请确认您的电子邮件地址 / Please confirm your e-mail address');
	const link = String(mail.text).match(/http:\/\/localhost:\d+\/verify-email\?token=[A-Za-z0-9_-]+/)![0];

	// the link opens without a session (the mail may be read on a phone), and confirms only by its button
	const phone = await browser.newPage();
	await phone.goto(link, { waitUntil: 'networkidle' });
	await expect(phone.getByRole('heading', { name: '确认邮箱地址' })).toBeVisible();
	await expect(phone.getByText('确认以 clerk@pilot.example.cn 接收试点跟踪的通知？')).toBeVisible();
	await phone.getByRole('button', { name: '确认' }).click();
	await expect(phone.getByTestId('verify-outcome')).toContainText('已确认：通知将发送到 clerk@pilot.example.cn');
	await phone.goto(link, { waitUntil: 'networkidle' });
	await expect(phone.getByTestId('verify-outcome')).toContainText('此链接已使用过');

	await page.reload({ waitUntil: 'networkidle' });
	await expect(page.getByTestId('email-state')).toContainText('已确认');
	await page.getByLabel('逐条发送：每条通知一封邮件').check();
	await page.getByRole('button', { name: '保存接收方式' }).click();
	await expect(page.getByTestId('mode-saved')).toBeVisible();
	await page.reload({ waitUntil: 'networkidle' });
	await expect(page.getByLabel('逐条发送：每条通知一封邮件')).toBeChecked();

	// the admin page counts it as sent
	await admin.reload({ waitUntil: 'networkidle' });
	await expect(admin.getByTestId('recent-mails')).toContainText('clerk@pilot.example.cn');
	await expect(admin.getByTestId('recent-mails')).toContainText('地址确认');
	// and the users list shows the address, confirmed, with the person's mode
	await admin.goto('/admin/users', { waitUntil: 'networkidle' });
	await expect(admin.getByTestId('user-email').filter({ hasText: 'clerk@pilot.example.cn' })).toHaveText(
		'clerk@pilot.example.cn · 已确认 · 逐条发送'
	);
});

test('the unsubscribe link of a notice mail turns mail off without a sign-in, after asking', async ({
	page,
	browser
}) => {
	// the link the app puts in the implementer's mails (computed by its own code from the test server's database)
	const db = new Database('test-results/e2e/tracker.db', { readonly: true });
	const id = (db.prepare("SELECT id FROM users WHERE username = 'implementer'").get() as { id: number }).id;
	const link = unsubscribeLink(db, id, 'http://localhost:4173')!;
	db.close();

	const phone = await browser.newPage();
	await phone.goto(link.replace(/t=[^&]+$/, 't=forged'), { waitUntil: 'networkidle' });
	await expect(phone.getByTestId('unsubscribe-outcome')).toContainText('此退订链接无效');
	await phone.goto(link, { waitUntil: 'networkidle' });
	await expect(phone.getByRole('heading', { name: '退订邮件通知' })).toBeVisible();
	await phone.getByRole('button', { name: '退订' }).click();
	await expect(phone.getByTestId('unsubscribe-outcome')).toContainText('已退订');

	await signIn(page, 'implementer');
	await page.goto('/account', { waitUntil: 'networkidle' });
	await expect(page.getByLabel('不发送邮件（退订）：通知只在系统内显示')).toBeChecked();
});

test('a mail provider’s one-click unsubscribe (RFC 8058) turns mail off; a forged token changes nothing', async ({
	playwright
}) => {
	const read = () => new Database('test-results/e2e/tracker.db', { readonly: true });
	const db = read();
	const id = (db.prepare("SELECT id FROM users WHERE username = 'province'").get() as { id: number }).id;
	const link = unsubscribeLink(db, id, 'http://localhost:4173')!;
	db.close();
	const mode = () => {
		const now = read();
		const row = now.prepare('SELECT mail_mode AS mode FROM users WHERE id = ?').get(id) as { mode: string };
		now.close();
		return row.mode;
	};
	const before = mode();
	expect(before).not.toBe('off');
	// the provider's POST: no cookie, no Origin, only the link and the one-click body (Accept */*: SvelteKit answers
	// an action's outcome as JSON)
	const provider = await playwright.request.newContext();
	const forged = await provider.post(link.replace(/t=[^&]+$/, 't=forged'), {
		form: { 'List-Unsubscribe': 'One-Click' }
	});
	expect(await forged.json()).toMatchObject({ type: 'failure', status: 400 });
	expect(mode()).toBe(before);
	const done = await provider.post(link, { form: { 'List-Unsubscribe': 'One-Click' } });
	expect([done.status(), (await done.json()).type]).toEqual([200, 'success']);
	await provider.dispose();
	expect(mode()).toBe('off');
});
