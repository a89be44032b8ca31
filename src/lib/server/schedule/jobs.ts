/**
 * The scheduled jobs, in China time: the daily reminders (the quarters' and the term-end summaries' overdue checks),
 * the daily digest, and the mail round every minute (each-notice mails, retries). Each job is a plain function of the
 * database and the clock; the scheduler decides when, the lease that it runs once.
 */
import type { Db } from '../db';
import type { Config } from '../ops/config';
import { chinaToday } from '../ops/clock';
import { queueReminders } from '../review/reminders';
import { mailOrigin } from '../mail/compose';
import { composeWaiting } from '../mail/queue';
import { deliverDue, type Send } from '../mail/deliver';

export type JobName = 'reminders' | 'digest' | 'mail';

export type Job = {
	name: JobName;
	/** 'HH:MM' China time once a day, or every minute. */
	when: { daily: string } | { everyMinute: true };
	/** Never two runs at once (its lease is checked before a new slot is claimed). */
	exclusive: boolean;
	run: (now: number) => Promise<Record<string, unknown>>;
};

/** What the jobs need: the database, the checked config, and a way to send (null: SMTP not configured). */
export type JobContext = {
	db: Db;
	config: Pick<Config, 'remindersAt' | 'digestAt' | 'mailMaxAttempts'>;
	send: Send | null;
};

/** Composes what is due and sends it when SMTP is configured (else the mails wait, and say why). */
async function mailRound(ctx: JobContext, now: number, digests: boolean) {
	const origin = mailOrigin();
	const composed = composeWaiting(ctx.db.$client, { now, origin, digests });
	if (!ctx.send) return { composed, delivered: null, smtp: 'not configured' };
	const delivered = await deliverDue(ctx.db.$client, ctx.send, {
		now,
		maxAttempts: ctx.config.mailMaxAttempts,
		origin
	});
	return { composed, delivered };
}

export function scheduledJobs(ctx: JobContext): Job[] {
	return [
		{
			name: 'reminders',
			when: { daily: ctx.config.remindersAt },
			exclusive: true,
			run: async (now) => ({ added: queueReminders(ctx.db, chinaToday(now)) })
		},
		{ name: 'digest', when: { daily: ctx.config.digestAt }, exclusive: true, run: (now) => mailRound(ctx, now, true) },
		{ name: 'mail', when: { everyMinute: true }, exclusive: true, run: (now) => mailRound(ctx, now, false) }
	];
}
