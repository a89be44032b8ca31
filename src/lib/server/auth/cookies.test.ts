import { describe, expect, it } from 'vitest';
import { isSecureOrigin } from './cookies';

describe('session cookie security', () => {
	it('is Secure everywhere except plain http on localhost', () => {
		expect(isSecureOrigin(new URL('http://localhost:3000/'))).toBe(false);
		expect(isSecureOrigin(new URL('http://127.0.0.1:3000/'))).toBe(false);
		expect(isSecureOrigin(new URL('https://localhost/'))).toBe(true);
		expect(isSecureOrigin(new URL('http://tracker.example.org/'))).toBe(true);
		expect(isSecureOrigin(new URL('https://tracker.example.org/'))).toBe(true);
	});
});
