import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import * as uploads from '$lib/server/intake/uploads';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import { canImport } from '$lib/server/auth/tokens';
import { emptySummary, MAX_BYTES, type IntakeSummary } from '$lib/server/intake';
import { runIntake } from '$lib/server/intake/run';
import { receiveFormFile } from '$lib/server/intake/form';
import { discardUpload, type StoredUpload } from '$lib/server/intake/store';
import { track, type Tracker } from '$lib/server/intake/jobs';
import type { SessionUser } from '$lib/server/auth';
import { QueueFullError, queueFullMessage } from '$lib/server/intake/queue';
import { limitMessage, logLimited, takeUpload } from '$lib/server/ops/rate-limit';
import { fileError } from '$lib/csv/problems';
import type { Actions, PageServerLoad } from './$types';

/** Only roles that report values reach the upload page (others get 403). */
function uploader(event: Pick<RequestEvent, 'locals'>) {
	const user = requireUser(event.locals.user);
	if (!canImport(user.role)) error(403, 'Forbidden');
	return user;
}

export const load: PageServerLoad = (event) => {
	const user = uploader(event);
	const db = getDb();
	const mine = user.role === 'implementer' ? pilots.list(db, scopeOf(user), { sort: 'code' }).rows : [];
	const recent = uploads.recentOf(db, user.id);
	return { mine: mine.map((p) => ({ code: p.code, nameZh: p.nameZh, nameEn: p.nameEn })), recent };
};

async function run(event: RequestEvent, dryRun: boolean) {
	const user = uploader(event);
	// the page names its upload (?job=…) to follow its phases and cancel it: see ./progress/[job]
	const tracker = track(event.url.searchParams.get('job'), user.id);
	const declared = Number(event.request.headers.get('content-length') ?? 0);
	try {
		const received = await receiveFormFile(event.request, {
			maxBytes: MAX_BYTES,
			onBytes: (size) => tracker?.report('receive', size, declared)
		});
		if ('noFile' in received) return fail(400, { noFile: true as const });
		if ('tooLarge' in received) return fail(413, { tooLarge: true as const });
		try {
			return await intake(event, user, received, dryRun, tracker);
		} finally {
			discardUpload(received.upload);
		}
	} finally {
		tracker?.finish();
	}
}

async function intake(
	event: RequestEvent,
	user: SessionUser,
	{ upload, fileName, sheet }: { upload: StoredUpload; fileName: string; sheet: string | null },
	dryRun: boolean,
	tracker: Tracker | null
) {
	// uploads per user per hour, web and API together; a check counts as much as an import
	const verdict = takeUpload(user.id);
	if (!verdict.ok) {
		logLimited('uploads', verdict, { user: user.username, path: event.url.pathname, ip: event.getClientAddress() });
		event.setHeaders({ 'Retry-After': String(verdict.retryAfter) });
		return fail(429, { rateLimited: verdict, summary: limitedSummary(fileName, dryRun, verdict) });
	}
	let summary: IntakeSummary;
	try {
		summary = await runIntake(getDb(), upload, {
			user,
			dryRun,
			fileName,
			channel: 'web',
			sheet,
			ip: event.getClientAddress(),
			onProgress: tracker?.onProgress,
			onPhase: tracker?.report,
			signal: tracker?.signal
		});
	} catch (e) {
		if (!(e instanceof QueueFullError)) throw e;
		event.setHeaders({ 'Retry-After': String(e.retryAfterSeconds) });
		const { zh, en } = queueFullMessage(e);
		return fail(503, { summary: refusedSummary(fileName, dryRun, zh, en, 'QUEUE_FULL') });
	}
	return summary.errorCount > 0 ? fail(422, { summary }) : { summary };
}

/**
 * The refusal as a summary with one file-level error, so that the page shows it, in both languages,
 * where it shows any refused file: nothing was read, checked or written.
 */
function limitedSummary(
	fileName: string,
	isDryRun: boolean,
	verdict: { retryAfter: number; limit: number }
): IntakeSummary {
	const { zh, en } = limitMessage('uploads', verdict);
	return refusedSummary(fileName, isDryRun, zh, en, 'RATE_LIMITED');
}

function refusedSummary(fileName: string, isDryRun: boolean, zh: string, en: string, code: string): IntakeSummary {
	return { ...emptySummary(fileName, isDryRun), errorCount: 1, problems: [{ ...fileError(zh, en), code }] };
}

export const actions: Actions = {
	check: (event) => run(event, true),
	commit: (event) => run(event, false)
};
