/**
 * Structured logs: one JSON object per line on stdout. Callers should never pass passwords, tokens or
 * cookie values; as a second line of defence every field whose name looks like one is replaced by
 * '[redacted]', at any depth. `QUIET_LOGS=1` silences request lines (tests).
 */

/** Field names whose values never reach a log: passwords, tokens, cookies, secrets, Authorization headers. */
export const SECRET_FIELD = /pass(word)?|token|cookie|secret|authorization/i;
export const REDACTED = '[redacted]';

/** Nesting deeper than this is cut off: log fields are small summaries, never whole documents. */
const MAX_DEPTH = 8;

/**
 * A copy of `value` with every secret-looking field replaced by '[redacted]', recursively through
 * plain objects and arrays. Errors become their stack (or message); cycles and excessive depth are cut.
 */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (value instanceof Error) return value.stack ?? value.message;
	if (value instanceof Date) return value.toISOString();
	if (seen.has(value)) return '[circular]';
	if (depth >= MAX_DEPTH) return '[too deep]';
	seen.add(value);
	try {
		if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
		const out: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value))
			out[key] = SECRET_FIELD.test(key) ? REDACTED : redact(v, depth + 1, seen);
		return out;
	} finally {
		// the same object may appear twice side by side without being a cycle
		seen.delete(value);
	}
}

/** Writes one log record `{ at, kind, ...fields }` as a single JSON line, secrets redacted. */
export function log(kind: string, fields: Record<string, unknown>): void {
	if (process.env.QUIET_LOGS === '1' && kind === 'request') return;
	const record = redact({ at: new Date().toISOString(), kind, ...fields }) as Record<string, unknown>;
	process.stdout.write(JSON.stringify(record) + '\n');
}
