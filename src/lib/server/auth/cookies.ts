import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions';

/** Whether cookies must be Secure: everywhere except plain http on localhost. */
export function isSecureOrigin(url: URL): boolean {
	return !(url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1'));
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure outside localhost. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: number): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: isSecureOrigin(url),
		expires: new Date(expiresAt)
	});
}
