/** Admins: the scheduled jobs (last runs, run now) and the mail (counts, dead mails to send again, recent mails). */
import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/access';
import { record } from '$lib/server/audit/audit';
import { readConfig } from '$lib/server/ops/config';
import { mailOverview, retryDead } from '$lib/server/mail/overview';
import { lastRuns } from '$lib/server/schedule/scheduler';
import { serverScheduler } from '$lib/server/schedule/server';
import type { JobName } from '$lib/server/schedule/jobs';
import type { Actions, PageServerLoad } from './$types';

const JOBS: JobName[] = ['reminders', 'digest', 'mail'];

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals.user, 'admin');
	const { config } = readConfig();
	const sqlite = getDb().$client;
	return {
		isSchedulerOn: config.scheduler,
		times: { reminders: config.remindersAt, digest: config.digestAt },
		// never the password: where mail goes and from whom
		smtp: config.smtp ? { host: config.smtp.host, port: config.smtp.port, from: config.smtp.from } : null,
		runs: lastRuns(sqlite),
		mail: mailOverview(sqlite)
	};
};

export const actions: Actions = {
	run: async ({ locals, request, getClientAddress }) => {
		const user = requireRole(locals.user, 'admin');
		const job = String((await request.formData()).get('job') ?? '') as JobName;
		if (!JOBS.includes(job)) return fail(400, { busy: false, job });
		const ran = await serverScheduler().runNow(job);
		if (!ran) return fail(409, { busy: true, job });
		record(
			getDb(),
			{ userId: user.id, name: user.username, ip: getClientAddress() },
			{ action: 'schedule.run', entity: 'job', entityId: job }
		);
		return { ran: job };
	},
	retry: async ({ locals, request, getClientAddress }) => {
		const user = requireRole(locals.user, 'admin');
		const id = Number((await request.formData()).get('id'));
		if (!retryDead(getDb().$client, id)) return fail(404, { retried: false });
		record(
			getDb(),
			{ userId: user.id, name: user.username, ip: getClientAddress() },
			{ action: 'mail.retry', entity: 'mail', entityId: id }
		);
		return { retried: true };
	}
};
