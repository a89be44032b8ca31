/** The cross-site form check: what it refuses, what it lets through, and the one route it exempts. */
import { describe, expect, it } from 'vitest';
import { isCrossSiteForm } from './csrf';

const ORIGIN = 'https://tracker.example.gov.cn';

function check(path: string, init: { method?: string; type?: string; origin?: string | null }): boolean {
	const headers = new Headers();
	if (init.type) headers.set('content-type', init.type);
	if (init.origin) headers.set('origin', init.origin);
	const method = init.method ?? 'POST';
	// a body of bytes: it brings no content type of its own
	const body = method === 'GET' ? null : new Uint8Array([1]);
	const request = new Request(`${ORIGIN}${path}`, { method, headers, body });
	return isCrossSiteForm(request, new URL(request.url));
}

describe('isCrossSiteForm', () => {
	it('refuses a form-typed write from another origin or without an Origin, on every path but the unsubscribe link', () => {
		for (const type of [
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'TEXT/PLAIN;charset=UTF-8',
			'application/x-sveltekit-formdata'
		])
			for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
				expect(check('/account?/email', { method, type, origin: 'https://evil.example' })).toBe(true);
				expect(check('/account?/email', { method, type, origin: null })).toBe(true);
				expect(check('/account?/email', { method, type, origin: ORIGIN })).toBe(false);
			}
		expect(check('/unsubscribe/x', { type: 'application/x-www-form-urlencoded', origin: null })).toBe(true);
	});

	it('lets through reads, non-form bodies (the API’s JSON and CSV) and the one-click unsubscribe', () => {
		expect(check('/account', { method: 'GET', origin: 'https://evil.example' })).toBe(false);
		expect(check('/api/v1/imports', { type: 'application/json', origin: 'https://evil.example' })).toBe(false);
		expect(check('/api/v1/imports', { type: 'text/csv', origin: null })).toBe(false);
		expect(check('/api/v1/imports', { origin: null })).toBe(false);
		expect(check('/unsubscribe?u=1&t=x', { type: 'application/x-www-form-urlencoded', origin: null })).toBe(false);
		expect(check('/unsubscribe', { type: 'multipart/form-data; boundary=x', origin: 'https://mail.example' })).toBe(
			false
		);
	});
});
