import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { signIn } from './helpers';

const HOSTILE = ['/%09/evil.example', '/%0A/x', '/%0D%0A/evil.example', '//evil.example', '/%5Cevil.example'];

// The sign-in POST and a signed-in /login are covered by src/lib/auth/safe-next.test.ts.
test('a hostile next never leads off the site nor fails on the language switch', async ({ request }) => {
	for (const next of HOSTILE) {
		const lang = await request.get(`/lang/en?next=${next}`, { maxRedirects: 0 });
		expect(lang.status(), next).toBe(303);
		expect(lang.headers()['location'], next).toBe('/');
	}
});

test('a form posted from another site, or without an Origin, is refused even with the person’s session', async ({
	page
}) => {
	await signIn(page, 'ministry');
	for (const origin of ['https://evil.example', undefined]) {
		const forged = await page.request.post('/account?/email', {
			headers: origin ? { origin } : {},
			form: { email: 'attacker@evil.example' }
		});
		expect(forged.status(), String(origin)).toBe(403);
		expect(await forged.text()).toBe('Cross-site POST form submissions are forbidden');
	}
	const db = new Database('test-results/e2e/tracker.db', { readonly: true });
	const asked = db.prepare("SELECT count(*) AS n FROM email_verifications WHERE email = 'attacker@evil.example'");
	const kept = db.prepare("SELECT email FROM users WHERE username = 'ministry'").get() as { email: string | null };
	expect([asked.get(), kept.email]).toEqual([{ n: 0 }, null]);
	db.close();
});
