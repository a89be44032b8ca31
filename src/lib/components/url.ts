/** A link to the same page with some query parameters changed (null removes one); paging restarts unless set. */
export function withParams(url: URL, changes: Record<string, string | number | null>): string {
	const params = new URLSearchParams(url.search);
	if (!('page' in changes)) params.delete('page');
	for (const [key, value] of Object.entries(changes)) {
		if (value === null || value === '') params.delete(key);
		else params.set(key, String(value));
	}
	const query = params.toString();
	return query ? `${url.pathname}?${query}` : url.pathname;
}
