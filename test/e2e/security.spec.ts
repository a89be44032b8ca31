import { expect, test } from '@playwright/test';

const HOSTILE = ['/%09/evil.example', '/%0A/x', '/%0D%0A/evil.example', '//evil.example', '/%5Cevil.example'];

// The sign-in POST and a signed-in /login are covered by src/lib/auth/safe-next.test.ts.
test('a hostile next never leads off the site nor fails on the language switch', async ({ request }) => {
	for (const next of HOSTILE) {
		const lang = await request.get(`/lang/en?next=${next}`, { maxRedirects: 0 });
		expect(lang.status(), next).toBe(303);
		expect(lang.headers()['location'], next).toBe('/');
	}
});
