import { error, json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/access';
import { cancel, JOB_ID, watch } from '$lib/server/intake/jobs';
import type { IntakeProgress } from '$lib/intake/progress';
import type { RequestHandler } from './$types';

/** How long to wait for an upload that has not reached the server yet. */
const WAIT_FOR_JOB_MS = 60_000;

/**
 * GET: the phases of the signed-in user's own upload `job` as server-sent events, one `data:` line of
 * IntakeProgress at each step, closed once it is done. Someone else's upload is never heard (the stream then
 * stays silent until it gives up).
 */
export const GET: RequestHandler = ({ locals, params }) => {
	const user = requireUser(locals.user);
	if (!JOB_ID.test(params.job)) error(404, 'Not found');
	const encoder = new TextEncoder();
	let stop = () => {};
	let isClosed = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const close = () => {
				if (isClosed) return;
				isClosed = true;
				clearTimeout(timer);
				stop();
				controller.close();
			};
			const send = (progress: IntakeProgress) => {
				if (isClosed) return;
				clearTimeout(timer);
				controller.enqueue(encoder.encode(`data: ${JSON.stringify(progress)}\n\n`));
				if (progress.phase === 'done') close();
			};
			stop = watch(params.job, user.id, send);
			if (!isClosed) {
				controller.enqueue(encoder.encode(': following\n\n'));
				timer = setTimeout(close, WAIT_FOR_JOB_MS);
				timer.unref?.();
			}
		},
		cancel() {
			isClosed = true;
			clearTimeout(timer);
			stop();
		}
	});
	return new Response(stream, {
		headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' }
	});
};

/**
 * DELETE: cancels the user's own upload `job` before its write begins. Answers { outcome }: 'requested' (its
 * summary will say it was cancelled, unless the write had just begun), 'too-late' (it is writing), or 404.
 */
export const DELETE: RequestHandler = ({ locals, params }) => {
	const user = requireUser(locals.user);
	const outcome = JOB_ID.test(params.job) ? cancel(params.job, user.id) : 'unknown';
	if (outcome === 'unknown') error(404, 'Not found');
	return json({ outcome }, { status: outcome === 'too-late' ? 409 : 200 });
};
