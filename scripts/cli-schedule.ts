/** `npm run cli -- schedule run JOB`: one scheduled job now, with the server's jobs and lease (a manual slot). */
import { openDb } from '../src/lib/server/db';
import { readConfig } from '../src/lib/server/ops/config';
import { smtpTransport } from '../src/lib/server/mail/transport';
import { scheduledJobs, type JobName } from '../src/lib/server/schedule/jobs';
import { createScheduler, lastRuns } from '../src/lib/server/schedule/scheduler';

export async function scheduleCommand(job: string): Promise<number> {
	if (!['reminders', 'digest', 'mail'].includes(job)) {
		console.error(`unknown job ${job}: reminders, digest or mail / 未知任务`);
		return 2;
	}
	const { config } = readConfig();
	const { db, sqlite } = openDb();
	const transport = config.smtp ? smtpTransport(config.smtp) : null;
	try {
		const scheduler = createScheduler(sqlite, scheduledJobs({ db, config, send: transport?.send ?? null }), {
			holder: `cli:${process.pid}`
		});
		if (!(await scheduler.runNow(job as JobName))) {
			console.error(`${job} is running elsewhere: try again shortly / 该任务正在运行`);
			return 1;
		}
		const last = lastRuns(sqlite)[job].last;
		console.log(`${job}: ${last?.ok ? 'ok' : 'failed'} ${last?.result ?? ''}`);
		return last?.ok ? 0 : 1;
	} finally {
		transport?.close();
		sqlite.close();
	}
}
