/**
 * Notices, for the quarterly reminders and the evaluation's steps alike: an in-app notice per person and a message in
 * the outbox, each once (the key makes a second queueing a no-op). Disabled users get nothing. A notice of the term as
 * a whole (the evaluation) has the period 'term'.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { notices, outbox, userPilots, users } from '../db/schema';
import type { Bilingual } from '../../domain/taxonomy';

export type Audience = 'implementer' | 'province' | 'ministry';

/** The active users of each audience for a pilot: its implementers, its province's users, the ministry. */
export function audienceOf(
	db: DbOrTx,
	pilot: { id: number; provinceCode: string | null },
	audiences: readonly Audience[]
) {
	const found = new Map<number, typeof users.$inferSelect>();
	const add = (rows: (typeof users.$inferSelect)[]) => rows.forEach((u) => found.set(u.id, u));
	if (audiences.includes('implementer')) {
		const ids = db
			.select({ id: userPilots.userId })
			.from(userPilots)
			.where(eq(userPilots.pilotId, pilot.id))
			.all()
			.map((r) => r.id);
		if (ids.length)
			add(
				db
					.select()
					.from(users)
					.where(and(inArray(users.id, ids), eq(users.isDisabled, false)))
					.all()
			);
	}
	if (audiences.includes('province') && pilot.provinceCode)
		add(
			db
				.select()
				.from(users)
				.where(and(eq(users.role, 'province'), eq(users.provinceCode, pilot.provinceCode), eq(users.isDisabled, false)))
				.all()
		);
	if (audiences.includes('ministry'))
		add(
			db
				.select()
				.from(users)
				.where(and(eq(users.role, 'ministry'), eq(users.isDisabled, false)))
				.all()
		);
	return [...found.values()];
}

/** Queues one notice (and outbox message) per recipient under `key:<userId>`; returns how many were new. */
export function notify(
	db: DbOrTx,
	n: { key: string; kind: string; pilotCode: string; period?: string; title: Bilingual; link?: string },
	recipients: readonly { id: number; username: string }[],
	now = Date.now()
): number {
	let added = 0;
	for (const user of recipients) {
		const row = db
			.insert(notices)
			.values({
				key: `${n.key}:${user.id}`,
				userId: user.id,
				kind: n.kind,
				pilotCode: n.pilotCode,
				period: n.period ?? 'term',
				titleZh: n.title.zh,
				titleEn: n.title.en,
				link: n.link ?? null,
				createdAt: now
			})
			.onConflictDoNothing()
			.returning({ id: notices.id })
			.get();
		if (!row) continue;
		added++;
		db.insert(outbox)
			.values({
				noticeId: row.id,
				toUser: user.username,
				subject: n.title.zh,
				body: `${n.title.zh}\n${n.title.en}`,
				createdAt: now
			})
			.run();
	}
	return added;
}
