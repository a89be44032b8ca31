import { expect, test } from '@playwright/test';
import { ACCOUNTS } from './helpers';

const HOSTILE = ['/%09/evil.example', '/%0A/x', '/%0D%0A/evil.example', '//evil.example', '/%5Cevil.example'];

test('a hostile next never leads off the site nor fails: language switch, sign-in, signed-in /login', async ({
	request,
	baseURL
}) => {
	for (const next of HOSTILE) {
		const lang = await request.get(`/lang/en?next=${next}`, { maxRedirects: 0 });
		expect(lang.status(), next).toBe(303);
		expect(lang.headers()['location'], next).toBe('/');
	}
	const signIn = await request.post('/login?next=/%0A/x', {
		form: { username: 'ministry', password: ACCOUNTS.ministry },
		headers: { origin: baseURL! },
		maxRedirects: 0
	});
	expect(signIn.status()).toBe(303);
	expect(signIn.headers()['location']).toBe('/pilots');
	// signed in now (the request context keeps the cookie): /login sends on, never off the site
	for (const next of HOSTILE) {
		const again = await request.get(`/login?next=${next}`, { maxRedirects: 0 });
		expect(again.status(), next).toBe(303);
		expect(again.headers()['location'], next).toBe('/pilots');
	}
	const back = await request.get('/login?next=%2Fdashboard', { maxRedirects: 0 });
	expect(back.headers()['location']).toBe('/dashboard');
});
