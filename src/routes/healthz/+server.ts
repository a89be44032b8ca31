/**
 * GET /healthz for the reverse proxy and monitoring: 200 when the process, the database and the migrations
 * are all right, 503 with what failed otherwise. No sign-in, and never cached, so a stale 200 cannot hide an outage.
 */
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { checkHealth } from '$lib/server/ops/health';
import type { RequestHandler } from './$types';

/** The health payload (see `checkHealth`), 200 or 503. */
export const GET: RequestHandler = () => {
	const health = checkHealth(() => getDb().$client);
	return json(health, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
