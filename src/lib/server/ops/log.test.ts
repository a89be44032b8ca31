import { afterEach, describe, expect, it, vi } from 'vitest';
import { log, redact, REDACTED } from './log';

/** Captures what `log` writes to stdout, one parsed object per line. */
function capture(run: () => void): Record<string, unknown>[] {
	const lines: string[] = [];
	const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
		lines.push(String(chunk));
		return true;
	});
	try {
		run();
	} finally {
		spy.mockRestore();
	}
	return lines
		.join('')
		.trimEnd()
		.split('\n')
		.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('log', () => {
	afterEach(() => vi.unstubAllEnvs());

	it('writes one JSON line per record with its time and kind', () => {
		const records = capture(() => {
			log('import', { user: 'imp1', rows: 3 });
			log('shutdown', { reason: 'SIGTERM' });
		});
		expect(records).toHaveLength(2);
		expect(records[0]).toMatchObject({ kind: 'import', user: 'imp1', rows: 3 });
		expect(Date.parse(records[0].at as string)).not.toBeNaN();
		expect(records[1]).toMatchObject({ kind: 'shutdown', reason: 'SIGTERM' });
	});

	it('never writes passwords, tokens, cookies, secrets or Authorization headers, at any depth', () => {
		const [record] = capture(() =>
			log('request', {
				user: 'admin',
				password: 'hunter2',
				newPass: 'x',
				apiToken: 'cpt_abc',
				headers: { Authorization: 'Bearer cpt_abc', cookie: 'session=s3cr3t', accept: 'text/csv' },
				attempts: [{ passwordHash: 'h', at: 1 }],
				clientSecret: 'y'
			})
		);
		const text = JSON.stringify(record);
		for (const secret of ['hunter2', 'cpt_abc', 's3cr3t', '"h"', '"y"']) expect(text).not.toContain(secret);
		expect(record).toMatchObject({
			user: 'admin',
			password: REDACTED,
			newPass: REDACTED,
			apiToken: REDACTED,
			headers: { Authorization: REDACTED, cookie: REDACTED, accept: 'text/csv' },
			attempts: [{ passwordHash: REDACTED, at: 1 }],
			clientSecret: REDACTED
		});
	});

	it('keeps QUIET_LOGS=1 from writing request lines only', () => {
		vi.stubEnv('QUIET_LOGS', '1');
		const records = capture(() => {
			log('request', { path: '/' });
			log('limit', { bucket: 'uploads' });
		});
		expect(records.map((r) => r.kind)).toEqual(['limit']);
	});
});

describe('redact', () => {
	it('copies without touching the original, and survives cycles, errors and dates', () => {
		const original: Record<string, unknown> = { token: 't', nested: { a: 1 } };
		original.self = original;
		const copy = redact({ ...original, error: new Error('boom'), when: new Date(0) }) as Record<string, unknown>;
		expect(original.token).toBe('t');
		expect(copy.token).toBe(REDACTED);
		expect(copy.nested).toEqual({ a: 1 });
		expect((copy.self as Record<string, unknown>).self).toBe('[circular]');
		expect(copy.error).toContain('boom');
		expect(copy.when).toBe('1970-01-01T00:00:00.000Z');
	});

	it('leaves the same object twice side by side alone (not a cycle)', () => {
		const shared = { n: 1 };
		expect(redact({ a: shared, b: shared })).toEqual({ a: { n: 1 }, b: { n: 1 } });
	});
});
