/**
 * Following an upload's phases and cancelling it: the server-sent events of the sender's own job, silence for anyone
 * else, and a cancel heard before the write and refused once it has begun.
 */
import { describe, expect, it } from 'vitest';
import { track } from '$lib/server/intake/jobs';
import type { IntakeProgress } from '$lib/intake/progress';
import { DELETE, GET } from './+server';

type Event = Parameters<typeof GET>[0];
const as = (userId: number, job: string) =>
	({
		locals: { user: { id: userId, username: `u${userId}`, role: 'implementer' } },
		params: { job }
	}) as unknown as Event;

/** Reads the stream's events until it closes (or until `until` returns true). */
async function events(response: Response, until: (p: IntakeProgress) => boolean = () => false) {
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	const heard: IntakeProgress[] = [];
	let text = '';
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		text += decoder.decode(value, { stream: true });
		const blocks = text.split('\n\n');
		text = blocks.pop()!;
		for (const block of blocks)
			if (block.startsWith('data: ')) {
				heard.push(JSON.parse(block.slice(6)));
				if (until(heard.at(-1)!)) {
					await reader.cancel();
					return heard;
				}
			}
	}
	return heard;
}

let n = 0;
const newId = () => `test-job-${Date.now()}-${n++}`;

describe('an upload’s progress', () => {
	it('streams the sender’s phases, with an estimate once it can be made, and ends when the job does', async () => {
		const id = newId();
		const response = await GET(as(7, id)); // the page starts following before its upload arrives
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		const tracker = track(id, 7)!;
		const heard = events(response);
		tracker.report('receive', 100, 100);
		tracker.onProgress('parse', 10, 100, 1000);
		tracker.onProgress('check', 5, 10, 1000);
		tracker.onProgress('write', 10, 10, 1000);
		tracker.finish();
		const all = await heard;
		expect(all.map((p) => p.phase)).toEqual(['receive', 'parse', 'check', 'write', 'done']);
		expect(all.find((p) => p.phase === 'parse')).toMatchObject({
			done: 10,
			total: 100,
			rows: 1000,
			isCancellable: true
		});
		expect(all.find((p) => p.phase === 'write')).toMatchObject({ isCancellable: false });
	});

	it('tells someone else’s request nothing, refuses their cancel, and ignores a job id already taken', async () => {
		const id = newId();
		const tracker = track(id, 7)!;
		expect(track(id, 8)).toBeNull();
		expect(track('bad id!', 7)).toBeNull();
		const theirs = await GET(as(8, id));
		const reader = theirs.body!.getReader();
		expect(new TextDecoder().decode((await reader.read()).value)).toBe(': following\n\n');
		await expect(Promise.resolve().then(() => DELETE(as(8, id)))).rejects.toMatchObject({ status: 404 });
		tracker.onProgress('parse', 1, 2, 3);
		tracker.finish();
		await reader.cancel();
		// the sender, coming late, still hears the end
		const late = await events(await GET(as(7, id)));
		expect(late.map((p) => p.phase)).toEqual(['done']);
	});

	it('cancels before the write (the intake’s signal is aborted), not once it has begun', async () => {
		const before = newId();
		const a = track(before, 7)!;
		a.onProgress('check', 1, 2, 2);
		const answer = await DELETE(as(7, before));
		expect(answer.status).toBe(200);
		expect(await answer.json()).toEqual({ outcome: 'requested' });
		expect(a.signal.aborted).toBe(true);

		const during = newId();
		const b = track(during, 7)!;
		b.onProgress('write', 1, 2, 2);
		const late = await DELETE(as(7, during));
		expect(late.status).toBe(409);
		expect(await late.json()).toEqual({ outcome: 'too-late' });
		expect(b.signal.aborted).toBe(false);
		a.finish();
		b.finish();
	});
});
