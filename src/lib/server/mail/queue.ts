/**
 * From notices to mails. Each outbox row waits until the mail job puts it into a mail: its own at once for a person
 * who wants each notice, the day's digest for one who wants a digest (when the digest job runs), or none — set aside
 * with the reason — for a disabled account, an address not (yet) verified, or mail turned off. Notices stay in the
 * app whatever happens here.
 */
import type Database from 'better-sqlite3';
import { chinaToday } from '../ops/clock';
import { digestLetter, noticeLetter, type Letter, type MailNotice } from './compose';
import { unsubscribeLink } from './unsubscribe';

export type MailKind = 'notice' | 'digest' | 'verify';

/** Inserts one pending mail, due now; returns its id. */
export function queueMail(
	sqlite: Database.Database,
	mail: { userId: number | null; to: string; kind: MailKind; letter: Letter },
	now: number
): number {
	return Number(
		sqlite
			.prepare(
				`INSERT INTO mails (user_id, to_address, kind, subject, text, html, state, attempts, next_attempt_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`
			)
			.run(mail.userId, mail.to, mail.kind, mail.letter.subject, mail.letter.text, mail.letter.html, now, now)
			.lastInsertRowid
	);
}

type Waiting = MailNotice & {
	outboxId: number;
	userId: number;
	email: string | null;
	verifiedAt: number | null;
	mode: 'digest' | 'each' | 'off';
	isDisabled: number;
};

export type ComposeResult = { mails: number; notices: number; skipped: Record<string, number>; waiting: number };

/**
 * Puts the waiting notices into mails: one each for 'each' people, and — when `digests` is set (the daily digest
 * job) — one per 'digest' person with all of theirs. One transaction.
 */
export function composeWaiting(
	sqlite: Database.Database,
	options: { now: number; origin: string; digests: boolean }
): ComposeResult {
	const result: ComposeResult = { mails: 0, notices: 0, skipped: {}, waiting: 0 };
	sqlite.transaction(() => {
		const rows = sqlite
			.prepare(
				`SELECT o.id AS outboxId, n.user_id AS userId, n.title_zh AS titleZh, n.title_en AS titleEn,
					n.pilot_code AS pilotCode, n.period, n.link, n.created_at AS createdAt,
					u.email, u.email_verified_at AS verifiedAt, u.mail_mode AS mode, u.is_disabled AS isDisabled
				FROM outbox o JOIN notices n ON n.id = o.notice_id JOIN users u ON u.id = n.user_id
				WHERE o.mail_id IS NULL AND o.skipped IS NULL ORDER BY n.user_id, o.id`
			)
			.all() as Waiting[];
		const link = sqlite.prepare('UPDATE outbox SET mail_id = ? WHERE id = ?');
		const skip = sqlite.prepare('UPDATE outbox SET skipped = ? WHERE id = ?');
		const byUser = new Map<number, Waiting[]>();
		for (const r of rows) {
			const list = byUser.get(r.userId);
			if (list) list.push(r);
			else byUser.set(r.userId, [r]);
		}
		for (const list of byUser.values()) {
			const u = list[0];
			const reason = u.isDisabled
				? 'disabled'
				: u.mode === 'off'
					? 'unsubscribed'
					: !u.email || !u.verifiedAt
						? 'no_address'
						: null;
			if (reason) {
				for (const r of list) skip.run(reason, r.outboxId);
				result.skipped[reason] = (result.skipped[reason] ?? 0) + list.length;
				continue;
			}
			const unsubscribe = unsubscribeLink(sqlite, u.userId, options.origin) ?? undefined;
			if (u.mode === 'each') {
				for (const r of list) {
					link.run(
						queueMail(
							sqlite,
							{ userId: u.userId, to: u.email!, kind: 'notice', letter: noticeLetter(r, options.origin, unsubscribe) },
							options.now
						),
						r.outboxId
					);
					result.mails++;
					result.notices++;
				}
			} else if (options.digests) {
				const letter = digestLetter(list, chinaToday(options.now), options.origin, unsubscribe);
				const id = queueMail(sqlite, { userId: u.userId, to: u.email!, kind: 'digest', letter }, options.now);
				for (const r of list) link.run(id, r.outboxId);
				result.mails++;
				result.notices += list.length;
			} else result.waiting += list.length;
		}
	})();
	return result;
}
