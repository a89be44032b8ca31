import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';
import { GET as switchLanguage } from '../../routes/lang/[locale]/+server';
import { load as loginLoad } from '../../routes/(public)/login/+page.server';

/** `next` as the query string delivers it: percent-decoded by URLSearchParams. */
const decoded = (raw: string) => new URL(`http://localhost/x?next=${raw}`).searchParams.get('next');

// every one of these must fall back: other sites once a browser has stripped tabs and line breaks, or values that
// are not a valid Location header at all
const HOSTILE = [
	'/%09/evil.example',
	'/%0A/x',
	'/%0D%0A/evil.example',
	'/%0A%0DSet-Cookie:%20a=b',
	'/%00/evil.example',
	'/%20/evil.example',
	'/%E2%80%A8/evil.example',
	'/%C2%A0/evil.example',
	'//evil.example',
	'/\\evil.example',
	'/%5Cevil.example',
	'/%5C%5Cevil.example',
	'/./%2F/evil.example',
	'/.//evil.example',
	'https://evil.example/',
	'javascript:alert(1)',
	'evil.example',
	'',
	'/' + 'a'.repeat(2001)
];

describe('safeNext', () => {
	it('keeps a path on this site, with its query and fragment', () => {
		expect(safeNext('/pilots', '/')).toBe('/pilots');
		expect(safeNext('/pilots?province=32&sort=code#list', '/')).toBe('/pilots?province=32&sort=code#list');
		expect(safeNext(decoded(encodeURIComponent('/pilots/D-001?quarter=2025Q3')), '/')).toBe(
			'/pilots/D-001?quarter=2025Q3'
		);
	});

	it('percent-encodes what a header cannot carry, so that the result is always a valid Location', () => {
		expect(safeNext('/cases/中文', '/')).toBe('/cases/%E4%B8%AD%E6%96%87');
		expect(() => new Headers({ location: safeNext('/cases/中文?q=é', '/') })).not.toThrow();
	});

	it('falls back for tabs, line breaks, other controls and spaces, and for anything off this origin', () => {
		for (const raw of HOSTILE) {
			const next = decoded(raw);
			expect(safeNext(next, '/home'), raw).toBe('/home');
		}
		expect(safeNext(null, '/home')).toBe('/home');
		expect(safeNext(undefined, '/home')).toBe('/home');
	});

	it('never yields a value that a browser could resolve to another origin or a header could refuse', () => {
		const base = 'https://tracker.example.gov.cn/login';
		for (const raw of [...HOSTILE, '/pilots', '/a/../b', '/%2e%2e/x', '/cases/中文']) {
			const target = safeNext(decoded(raw), '/');
			expect(() => new Headers({ location: target }), raw).not.toThrow();
			// a browser strips tabs and line breaks before resolving a Location
			expect(new URL(target.replace(/[\t\n\r]/g, ''), base).origin, raw).toBe('https://tracker.example.gov.cn');
		}
	});
});

/** Runs a handler that must redirect and returns where to. */
async function redirectOf(run: () => unknown): Promise<string> {
	try {
		await run();
	} catch (e) {
		if (isRedirect(e)) {
			expect(e.status).toBe(303);
			expect(() => new Headers({ location: e.location })).not.toThrow();
			return e.location;
		}
		throw e;
	}
	throw new Error('no redirect');
}

describe('the callers of safeNext', () => {
	const cookies = { set: () => {} };

	it('GET /lang/en?next=… goes home for the tab and newline forms, back to the page otherwise', async () => {
		const lang = (raw: string) =>
			redirectOf(() =>
				switchLanguage({
					params: { locale: 'en' },
					url: new URL(`http://localhost/lang/en?next=${raw}`),
					cookies
				} as unknown as Parameters<typeof switchLanguage>[0])
			);
		expect(await lang('/%09/evil.example')).toBe('/');
		expect(await lang('/%0A/x')).toBe('/');
		expect(await lang('%2Fpilots%3Fsort%3Dcode')).toBe('/pilots?sort=code');
	});

	it('GET /login when signed in goes to the default page for a hostile next', async () => {
		const login = (raw: string) =>
			redirectOf(() =>
				loginLoad({
					locals: { user: { id: 1, username: 'a', displayName: 'A', role: 'ministry', provinceCode: null } },
					url: new URL(`http://localhost/login?next=${raw}`)
				} as unknown as Parameters<typeof loginLoad>[0])
			);
		expect(await login('/%09/evil.example')).toBe('/pilots');
		expect(await login('/%0A/x')).toBe('/pilots');
		expect(await login('/dashboard')).toBe('/dashboard');
	});
});
