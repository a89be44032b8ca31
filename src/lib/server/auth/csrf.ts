/**
 * The cross-site form check, SvelteKit's own (`csrf.checkOrigin`) made here so that one route can be let through:
 * a form-typed POST, PUT, PATCH or DELETE from another origin — or without an Origin header — is refused, as a
 * forged request riding on the person's session cookie would be. Let through: the unsubscribe link, which a mail
 * provider posts to without an Origin (RFC 8058 one-click unsubscribe); it reads no session, its token is the proof.
 */
/** What a cross-site page can send without asking (an HTML form's enctypes), and SvelteKit's binary form data. */
const FORM_TYPES = [
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	'application/x-sveltekit-formdata'
];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Paths whose writes answer to a token in the request, never to the session: a forged request gains nothing. */
const TOKEN_ONLY = new Set(['/unsubscribe']);

/** Whether the request is a form submission from another origin that must be refused (403). */
export function isCrossSiteForm(request: Request, url: URL): boolean {
	if (!WRITES.has(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0].trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type)) return false; // JSON, CSV and the like: a cross-site page cannot send them unasked
	if (request.headers.get('origin') === url.origin) return false;
	return !TOKEN_ONLY.has(url.pathname);
}
