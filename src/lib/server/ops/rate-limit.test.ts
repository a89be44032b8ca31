import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	limitMessage,
	rateLimitedResponse,
	resetLimiters,
	SlidingWindow,
	takeAnonymousApiRequest,
	takeApiRequest,
	takeUpload,
	uploadLimiter
} from './rate-limit';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

describe('SlidingWindow', () => {
	it('allows `limit` attempts within the window and refuses the next', () => {
		const c = clock();
		const w = new SlidingWindow(3, 60_000, c.now);
		expect(w.take('a')).toEqual({ ok: true, remaining: 2 });
		expect(w.take('a')).toEqual({ ok: true, remaining: 1 });
		expect(w.take('a')).toEqual({ ok: true, remaining: 0 });
		expect(w.take('a')).toEqual({ ok: false, retryAfter: 60, limit: 3 });
	});

	it('lets an attempt stop counting exactly one window after it was made', () => {
		const c = clock(0);
		const w = new SlidingWindow(2, 60_000, c.now);
		w.take('a'); // t = 0
		c.set(30_000);
		w.take('a'); // t = 30 s
		c.set(59_999);
		expect(w.take('a').ok).toBe(false); // both still inside
		c.set(60_000);
		expect(w.take('a')).toEqual({ ok: true, remaining: 0 }); // the first has left; now 30 s and 60 s count
		c.set(89_999);
		expect(w.take('a').ok).toBe(false);
		c.set(90_000);
		expect(w.take('a').ok).toBe(true);
	});

	it('slides rather than resetting on fixed boundaries', () => {
		const c = clock(0);
		const w = new SlidingWindow(2, 60_000, c.now);
		c.set(59_000);
		w.take('a');
		w.take('a');
		// a fixed window would reset at 60 s and allow two more; the sliding one waits until 119 s
		c.set(61_000);
		expect(w.take('a')).toMatchObject({ ok: false, retryAfter: 58 });
		c.set(119_000);
		expect(w.take('a').ok).toBe(true);
	});

	it('names the wait in whole seconds, rounded up, from the oldest attempt still counting', () => {
		const c = clock(0);
		const w = new SlidingWindow(2, 3_600_000, c.now);
		w.take('u');
		c.set(1_000_500);
		w.take('u');
		c.set(1_200_000);
		// the first attempt (t = 0) leaves at 3,600,000 ms: 2,400 s from now
		expect(w.take('u')).toEqual({ ok: false, retryAfter: 2400, limit: 2 });
		c.set(3_599_999);
		expect(w.take('u')).toMatchObject({ ok: false, retryAfter: 1 }); // 1 ms left: never 0
		c.set(3_600_000);
		expect(w.take('u').ok).toBe(true);
		// now the oldest is the one at 1,000,500 ms: it leaves at 4,600,500 ms
		expect(w.take('u')).toMatchObject({ ok: false, retryAfter: 1001 });
	});

	it('does not count refused attempts, so retrying does not push the wait further', () => {
		const c = clock(0);
		const w = new SlidingWindow(1, 10_000, c.now);
		w.take('a');
		for (let s = 1; s < 10; s++) {
			c.set(s * 1000);
			expect(w.take('a')).toMatchObject({ ok: false, retryAfter: 10 - s });
		}
		expect(w.count('a')).toBe(1);
		c.set(10_000);
		expect(w.take('a').ok).toBe(true);
	});

	it('keeps keys independent', () => {
		const c = clock();
		const w = new SlidingWindow(1, 60_000, c.now);
		expect(w.take('a').ok).toBe(true);
		expect(w.take('a').ok).toBe(false);
		expect(w.take('b').ok).toBe(true);
		expect(w.take('c').ok).toBe(true);
		expect(w.count('a')).toBe(1);
		expect(w.count('b')).toBe(1);
	});

	it('forgets idle keys once a window has passed, so memory follows the active keys only', () => {
		const c = clock(0);
		const w = new SlidingWindow(5, 60_000, c.now);
		for (let i = 0; i < 100; i++) w.take(`k${i}`);
		expect(w.size).toBe(100);
		c.set(120_000);
		w.take('fresh');
		expect(w.size).toBe(1);
	});

	it('refuses a limit that is not a positive integer', () => {
		expect(() => new SlidingWindow(0, 1000)).toThrow();
		expect(() => new SlidingWindow(1.5, 1000)).toThrow();
	});
});

describe('the process limiters', () => {
	afterEach(() => {
		vi.unstubAllEnvs();
		resetLimiters();
	});

	it('read their limits from the environment, with defaults', () => {
		resetLimiters();
		expect(uploadLimiter().limit).toBe(30);
		resetLimiters();
		vi.stubEnv('UPLOADS_PER_HOUR', '2');
		expect(uploadLimiter().limit).toBe(2);
		resetLimiters();
		vi.stubEnv('UPLOADS_PER_HOUR', 'lots');
		expect(() => uploadLimiter()).toThrow(/UPLOADS_PER_HOUR/);
	});

	it('limit each token and each user on their own', () => {
		resetLimiters();
		vi.stubEnv('API_RATE_PER_MINUTE', '2');
		vi.stubEnv('UPLOADS_PER_HOUR', '1');
		expect(takeApiRequest('cpt_one').ok).toBe(true);
		expect(takeApiRequest('cpt_one').ok).toBe(true);
		expect(takeApiRequest('cpt_one').ok).toBe(false);
		expect(takeApiRequest('cpt_two').ok).toBe(true);
		expect(takeUpload(7).ok).toBe(true);
		expect(takeUpload(7).ok).toBe(false);
		expect(takeUpload(8).ok).toBe(true);
	});

	it('limit requests without a token by their address, apart from any token', () => {
		resetLimiters();
		vi.stubEnv('API_RATE_PER_MINUTE', '2');
		expect(takeAnonymousApiRequest('203.0.113.5').ok).toBe(true);
		expect(takeAnonymousApiRequest('203.0.113.5').ok).toBe(true);
		expect(takeAnonymousApiRequest('203.0.113.5').ok).toBe(false);
		expect(takeAnonymousApiRequest('203.0.113.6').ok).toBe(true);
		expect(takeApiRequest('203.0.113.5').ok).toBe(true);
	});
});

describe('the 429 answer', () => {
	it('carries Retry-After and a bilingual JSON error', async () => {
		const response = rateLimitedResponse('api', { retryAfter: 42, limit: 60 });
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('42');
		const body = (await response.json()) as { error: Record<string, unknown> };
		expect(body.error).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 42 });
		expect(body.error.zh).toContain('60');
		expect(body.error.zh).toContain('42');
		expect(body.error.en).toContain('try again in 42 s');
	});

	it('words the upload limit in minutes, rounded up', () => {
		const m = limitMessage('uploads', { retryAfter: 61, limit: 30 });
		expect(m.en).toContain('at most 30');
		expect(m.en).toContain('try again in 2 min');
		expect(m.zh).toContain('2 分钟');
	});
});
