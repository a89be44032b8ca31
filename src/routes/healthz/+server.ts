/**
 * GET /healthz for the reverse proxy and monitoring: 200 when the process, the database and the migrations
 * are all right, 503 with what failed otherwise. Also the scheduled jobs' last runs and the mail's pending and dead
 * counts (these do not make it fail: a dead mail is for an admin, not for the proxy). No sign-in, and never cached, so a stale 200 cannot hide an outage.
 */
import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { checkHealth } from '$lib/server/ops/health';
import { readConfig } from '$lib/server/ops/config';
import { scheduleHealth } from '$lib/server/schedule/health';
import type { RequestHandler } from './$types';

/** The health payload (see `checkHealth`), 200 or 503. */
export const GET: RequestHandler = () => {
	const health = checkHealth(() => getDb().$client);
	const { config } = readConfig();
	let schedule = null;
	try {
		schedule = scheduleHealth(getDb().$client, { isOn: config.scheduler, hasSmtp: config.smtp !== null });
	} catch {
		// the database is not answering: checkHealth has said so
	}
	return json({ ...health, schedule }, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
