/**
 * The review page's value threads: which quarter and cell the page shows (from `?quarter=`, `?ent=`, `?ind=`), what
 * it needs to show them, and the one form action that opens, answers, corrects, resolves and reopens threads.
 */
import { error, fail } from '@sveltejs/kit';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth';
import * as values from '$lib/server/progress/values';
import * as read from '$lib/server/threads/read';
import * as threads from '$lib/server/threads/threads';
import { abilitiesOf, partOf } from '$lib/server/threads/access';
import { indicatorByCode } from '$lib/domain/indicators';
import { parsePeriod } from '$lib/domain/periods';
import type { ReviewState } from '$lib/domain/review';

type States = Record<string, { state: ReviewState }>;

/** The key of the quarter before `key` (2026Q1 → 2025Q4), or null for a malformed key. */
function quarterBefore(key: string): string | null {
	const p = parsePeriod(key);
	if (!p) return null;
	return p.quarter === 1 ? `${p.year - 1}Q4` : `${p.year}Q${p.quarter - 1}`;
}

/** The quarter to show: the asked one, else the first with open threads, the first submitted, the latest reported. */
function quarterOf(url: URL, periods: string[], open: Record<string, number>, states: States, reported: string[]) {
	const asked = url.searchParams.get('quarter');
	if (asked && periods.includes(asked)) return asked;
	return (
		periods.find((p) => open[p]) ??
		periods.find((p) => states[p]?.state === 'submitted') ??
		periods.filter((p) => reported.includes(p)).at(-1) ??
		periods[0]
	);
}

/** Everything the values-and-comments section needs, for this user (within the pilot's scope already). */
export function loadThreads(db: Db, user: SessionUser, pilotId: number, url: URL, periods: string[], states: States) {
	const openCounts = read.openCounts(db, pilotId);
	const history = values.history(db, pilotId);
	const quarter = quarterOf(
		url,
		periods,
		openCounts,
		states,
		history.map((h) => h.period)
	);
	const ind = indicatorByCode(url.searchParams.get('ind') ?? '')?.code;
	const prior = quarter ? quarterBefore(quarter) : null;
	return {
		quarter,
		openCounts,
		values: quarter ? values.quarterValues(db, pilotId, quarter) : [],
		previous: prior ? values.quarterValues(db, pilotId, prior) : [],
		revisionNow: history.find((h) => h.period === quarter)?.number ?? null,
		threads: (quarter && read.forQuarter(db, user, pilotId, quarter)) || [],
		cell: ind ? { enterpriseCode: url.searchParams.get('ent') || null, indicatorCode: ind } : null,
		may: abilitiesOf(partOf(db, user, pilotId)),
		isLocked: states[quarter]?.state === 'approved'
	};
}

const KINDS = ['comment', 'corrected', 'resolve', 'reopen'] as const;

/** Opens a thread (intent "open") or adds to one; a refusal comes back with the form it belongs to. */
export async function threadAction(db: Db, user: SessionUser, ip: string, pilotId: number, request: Request) {
	const form = await request.formData();
	const intent = String(form.get('intent') ?? '');
	const body = String(form.get('body') ?? '');
	if (intent === 'open') {
		const cell = {
			period: String(form.get('period') ?? ''),
			enterpriseCode: String(form.get('ent') ?? '') || null,
			indicatorCode: String(form.get('ind') ?? '')
		};
		const outcome = threads.open(db, user, ip, pilotId, cell, body);
		return outcome.ok
			? { threadSaved: outcome.threadId }
			: fail(outcome.status, { threadError: { key: 'new', why: outcome.why } });
	}
	const kind = KINDS.find((k) => k === intent);
	const threadId = Number(form.get('thread'));
	if (!kind || !Number.isInteger(threadId)) error(400, 'Bad request');
	const outcome = threads.write(db, user, ip, threadId, kind, body, pilotId);
	return outcome.ok
		? { threadSaved: outcome.threadId }
		: fail(outcome.status, { threadError: { key: String(threadId), why: outcome.why } });
}
