/**
 * `npm run cli -- remind`: computes the reminders every live pilot's quarters call for today and
 * queues each once — an in-app notice per person and a message in the outbox for a mail gateway.
 * Idempotent: every reminder has a unique key, so a daily cron may run it any number of times.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { notices, pilots, batches, quarterReviews, userPilots, users } from '../db/schema';
import { remindersFor, type Audience } from '../../domain/reminders';
import { dueDate, periodKey, termQuarters } from '../../domain/periods';
import { chinaToday } from '../progress/progress';
import { queueSummaryReminders } from '../evaluation/reminders';
import { notify } from './notify';

const TITLES = {
	due_soon: { zh: '{pilot} {period} 报告将于 {due} 截止', en: '{pilot} {period} report due on {due}' },
	due: {
		zh: '{pilot} {period} 报告已到截止日期 {due}，尚未提交',
		en: '{pilot} {period} report was due on {due} and is not submitted'
	},
	late_30: {
		zh: '{pilot} {period} 报告逾期已超过 30 天（截止 {due}）',
		en: '{pilot} {period} report is over 30 days late (due {due})'
	}
} as const;

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

/** Queues today's reminders (the quarters', and overdue term-end summaries'); returns how many notices it added (0 on a second run the same day). */
export function queueReminders(db: Db, today = chinaToday()): number {
	const live = db
		.select({
			id: pilots.id,
			code: pilots.code,
			termStart: pilots.termStart,
			province: pilots.provinceCode,
			offset: batches.dueOffsetDays
		})
		.from(pilots)
		.innerJoin(batches, eq(batches.id, pilots.batchId))
		.where(inArray(pilots.status, ['approved', 'in_progress']))
		.all();
	const active = db.select().from(users).where(eq(users.isDisabled, false)).all();
	const now = Date.now();
	let added = 0;
	db.transaction((tx) => {
		for (const p of live) {
			if (!p.termStart) continue;
			const states = new Map(
				tx
					.select()
					.from(quarterReviews)
					.where(eq(quarterReviews.pilotId, p.id))
					.all()
					.map((r) => [r.period, r.state])
			);
			const implementers = new Set(
				tx
					.select({ userId: userPilots.userId })
					.from(userPilots)
					.where(eq(userPilots.pilotId, p.id))
					.all()
					.map((r) => r.userId)
			);
			const audienceOf: Record<Audience, typeof active> = {
				implementer: active.filter((u) => implementers.has(u.id)),
				province: active.filter((u) => u.role === 'province' && u.provinceCode === p.province),
				ministry: active.filter((u) => u.role === 'ministry')
			};
			for (const q of termQuarters(p.termStart)) {
				const period = periodKey(q);
				const due = dueDate(q, p.offset);
				const isSubmitted = ['submitted', 'approved'].includes(states.get(period) ?? '');
				for (const r of remindersFor(due, isSubmitted, today)) {
					const values = { pilot: p.code, period, due };
					added += notify(
						tx,
						{
							key: `${r.kind}:${p.code}:${period}`,
							kind: r.kind,
							pilotCode: p.code,
							period,
							title: { zh: fill(TITLES[r.kind].zh, values), en: fill(TITLES[r.kind].en, values) }
						},
						[...new Set(r.to.flatMap((a) => audienceOf[a]))],
						now
					);
				}
			}
		}
	});
	return added + queueSummaryReminders(db, today);
}

/** The user's notices, newest first, and how many are unread. */
export function noticesOf(db: Db, userId: number) {
	const list = db.select().from(notices).where(eq(notices.userId, userId)).orderBy(desc(notices.id)).limit(200).all();
	const unread = db
		.select({ id: notices.id })
		.from(notices)
		.where(and(eq(notices.userId, userId), isNull(notices.readAt)))
		.all().length;
	return { list, unread };
}

/** Marks all the user's notices read. */
export function markAllRead(db: Db, userId: number): void {
	db.update(notices)
		.set({ readAt: Date.now() })
		.where(and(eq(notices.userId, userId), isNull(notices.readAt)))
		.run();
}
