/** A redirect target taken from the query string, only when it is a same-site path; else `fallback`. */
export function safeNext(next: string | null, fallback: string): string {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}
