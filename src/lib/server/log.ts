/**
 * Structured logs: one JSON object per line on stdout. Callers never pass passwords, tokens or
 * cookie values; `QUIET_LOGS=1` silences request lines (tests).
 */
export function log(kind: string, fields: Record<string, unknown>): void {
	if (process.env.QUIET_LOGS === '1' && kind === 'request') return;
	process.stdout.write(JSON.stringify({ at: new Date().toISOString(), kind, ...fields }) + '\n');
}
