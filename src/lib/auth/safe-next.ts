/**
 * Where to go after signing in or switching the language: a `next` taken from the query string, kept only when it
 * is a path on this site. Browsers strip tabs and line breaks from a Location before resolving it, so
 * `/<TAB>/evil.example` becomes `//evil.example` — another site; a line break is also refused by Node as a header
 * value, which made `redirect()` throw (a 500). So any control or whitespace character refuses the value outright,
 * and what is left must resolve, by the URL parser, to this origin.
 */

// stands in for this origin: only whether the result stays on it matters, never which host it is
const BASE = 'http://this-origin.invalid';

// C0 controls, DEL, C1 controls and every Unicode space or line/paragraph separator (refusing them is the point)
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2060\u3000\ufeff]/;

/**
 * `next` normalised to a same-origin path (pathname, query and fragment, percent-encoded ASCII, so always a valid
 * Location header), or `fallback` when it is missing, malformed, holds a control or whitespace character, or
 * leads anywhere else. Never throws.
 */
export function safeNext(next: string | null | undefined, fallback: string): string {
	if (!next || next.length > 2000 || !next.startsWith('/') || CONTROL_OR_SPACE.test(next)) return fallback;
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== BASE) return fallback;
	const path = url.pathname + url.search + url.hash;
	// `/.//x` parses to the path `//x`, which a browser would read as another host
	if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return fallback;
	return path;
}
