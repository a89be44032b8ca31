/** The server's own scheduler: started once at start-up (hooks.server.ts) unless SCHEDULER=off. */
import { getDb } from '../db';
import { readConfig } from '../ops/config';
import { log } from '../ops/log';
import { smtpTransport, type Transport } from '../mail/transport';
import { scheduledJobs } from './jobs';
import { createScheduler, type Scheduler } from './scheduler';

let scheduler: Scheduler | null = null;
let transport: Transport | null = null;

/** The scheduler of this process (made on first use, started by startScheduler). */
export function serverScheduler(): Scheduler {
	if (scheduler) return scheduler;
	const { config } = readConfig();
	transport = config.smtp ? smtpTransport(config.smtp) : null;
	scheduler = createScheduler(getDb().$client, scheduledJobs({ db: getDb(), config, send: transport?.send ?? null }));
	return scheduler;
}

/** Starts the schedule, unless SCHEDULER=off; answers whether it runs. */
export function startScheduler(): boolean {
	if (!readConfig().config.scheduler) return false;
	serverScheduler().start();
	log('startup', { scheduler: 'on', holder: serverScheduler().holder });
	return true;
}

export function stopScheduler(): void {
	scheduler?.stop();
	transport?.close();
}

/** Whether this process runs the schedule (for the admin page and /healthz). */
export function isSchedulerOn(): boolean {
	return readConfig().config.scheduler;
}
