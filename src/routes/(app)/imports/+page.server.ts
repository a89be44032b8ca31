import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import * as uploads from '$lib/server/intake/uploads';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import { canImport } from '$lib/server/auth/tokens';
import { emptySummary, MAX_BYTES, type IntakeSummary } from '$lib/server/intake';
import { runIntake } from '$lib/server/intake/run';
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
	const form = await event.request.formData();
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return fail(400, { noFile: true as const });
	if (file.size > MAX_BYTES) return fail(413, { tooLarge: true as const });
	// uploads per user per hour, web and API together; a check counts as much as an import
	const verdict = takeUpload(user.id);
	if (!verdict.ok) {
		logLimited('uploads', verdict, { user: user.username, path: event.url.pathname, ip: event.getClientAddress() });
		event.setHeaders({ 'Retry-After': String(verdict.retryAfter) });
		return fail(429, { rateLimited: verdict, summary: limitedSummary(file.name, dryRun, verdict) });
	}
	let summary: IntakeSummary;
	try {
		summary = await runIntake(getDb(), new Uint8Array(await file.arrayBuffer()), {
			user,
			dryRun,
			fileName: file.name,
			channel: 'web',
			ip: event.getClientAddress()
		});
	} catch (e) {
		if (!(e instanceof QueueFullError)) throw e;
		event.setHeaders({ 'Retry-After': String(e.retryAfterSeconds) });
		const { zh, en } = queueFullMessage(e);
		return fail(503, { summary: refusedSummary(file.name, dryRun, zh, en, 'QUEUE_FULL') });
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
