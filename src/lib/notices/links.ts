/**
 * Where a notice leads in the app — the same path on the notices page and in its mail. No I/O.
 */

/** The review tab opened at one value of a quarter, with its thread panel (`ent` left out for a pilot-level value). */
export function valueThreadPath(pilotCode: string, period: string, enterpriseCode: string | null, indicator: string) {
	const params = new URLSearchParams({ quarter: period });
	if (enterpriseCode) params.set('ent', enterpriseCode);
	params.set('ind', indicator);
	return `/pilots/${encodeURIComponent(pilotCode)}/review?${params}#value-thread`;
}

/** A notice's own link, else its pilot's term summary (term notices) or the quarter's review. */
export function noticePath(n: { pilotCode: string; period: string; link: string | null }): string {
	if (n.link) return n.link;
	const pilot = `/pilots/${encodeURIComponent(n.pilotCode)}`;
	return n.period === 'term' ? `${pilot}/summary` : `${pilot}/review#review-${n.period}`;
}
