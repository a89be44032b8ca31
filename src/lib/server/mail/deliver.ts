/**
 * Sending the pending mails over SMTP, with retries. A mail that fails is tried again later (1, 2, 4 … minutes, at
 * most 6 hours apart) until MAIL_MAX_ATTEMPTS, then it is dead: admins see it with its last error and may send it
 * again. A permanent refusal (a 5xx reply: no such mailbox) is dead at once. While the server cannot be reached at
 * all, the round stops at the first mail and the other due mails wait as long, keeping their tries for when it is back. A mail whose person
 * was disabled meanwhile is cancelled, not sent.
 */
import type Database from 'better-sqlite3';
import { unsubscribeLink } from './unsubscribe';

/** What a transport is given, and answers: nodemailer's in production (transport.ts), any other in tests. */
export type Outgoing = { to: string; subject: string; text: string; html: string; headers: Record<string, string> };
export type Send = (mail: Outgoing) => Promise<{ messageId: string }>;

export type DeliverResult = { sent: number; retried: number; dead: number; cancelled: number; stoppedEarly: boolean };

const MINUTE = 60_000;
const MAX_DELAY = 6 * 60 * MINUTE;

/** How long to wait after the n-th failed try (n ≥ 1). */
export function retryDelay(attempts: number): number {
	return Math.min(MINUTE * 2 ** (attempts - 1), MAX_DELAY);
}

type SmtpError = Error & { responseCode?: number; code?: string };

/** A reply the server will give again (the mailbox does not exist, the message is refused): no use retrying. */
const isPermanent = (e: SmtpError) =>
	typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
/** The server could not be reached or dropped the line: every other mail would fail the same way now. */
const isUnreachable = (e: SmtpError) =>
	e.responseCode === undefined &&
	/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EDNS|ESOCKET|ECONNECTION)$/.test(e.code ?? '');

type Due = {
	id: number;
	userId: number | null;
	to: string;
	kind: string;
	subject: string;
	text: string;
	html: string;
	attempts: number;
	isDisabled: number | null;
};

/** Sends what is due (at most `limit` mails a round). */
export async function deliverDue(
	sqlite: Database.Database,
	send: Send,
	options: { now: number; maxAttempts: number; origin: string; limit?: number }
): Promise<DeliverResult> {
	const result: DeliverResult = { sent: 0, retried: 0, dead: 0, cancelled: 0, stoppedEarly: false };
	const due = sqlite
		.prepare(
			`SELECT m.id, m.user_id AS userId, m.to_address AS "to", m.kind, m.subject, m.text, m.html, m.attempts, u.is_disabled AS isDisabled
			FROM mails m LEFT JOIN users u ON u.id = m.user_id
			WHERE m.state = 'pending' AND m.next_attempt_at <= ? ORDER BY m.next_attempt_at, m.id LIMIT ?`
		)
		.all(options.now, options.limit ?? 100) as Due[];
	const sentRow = sqlite.prepare(
		"UPDATE mails SET state = 'sent', sent_at = ?, attempts = attempts + 1, message_id = ?, last_error = NULL WHERE id = ?"
	);
	const sentNotices = sqlite.prepare('UPDATE outbox SET sent_at = ? WHERE mail_id = ?');
	const failed = sqlite.prepare(
		'UPDATE mails SET attempts = ?, last_error = ?, next_attempt_at = ?, state = ? WHERE id = ?'
	);
	const cancel = sqlite.prepare("UPDATE mails SET state = 'cancelled', last_error = 'account disabled' WHERE id = ?");
	const postpone = sqlite.prepare(
		"UPDATE mails SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at <= ? AND id <> ?"
	);
	for (const m of due) {
		if (m.isDisabled) {
			cancel.run(m.id);
			result.cancelled++;
			continue;
		}
		try {
			const info = await send({
				to: m.to,
				subject: m.subject,
				text: m.text,
				html: m.html,
				headers: headersFor(sqlite, m, options.origin)
			});
			sqlite.transaction(() => {
				sentRow.run(options.now, info.messageId, m.id);
				sentNotices.run(options.now, m.id);
			})();
			result.sent++;
		} catch (e) {
			const err = e as SmtpError;
			const attempts = m.attempts + 1;
			const isDead = isPermanent(err) || attempts >= options.maxAttempts;
			const message =
				`${err.responseCode ? `${err.responseCode} ` : ''}${err.code ? `${err.code}: ` : ''}${err.message}`.slice(
					0,
					500
				);
			failed.run(attempts, message, options.now + retryDelay(attempts), isDead ? 'dead' : 'pending', m.id);
			if (isDead) result.dead++;
			else result.retried++;
			if (isUnreachable(err)) {
				// the others wait as long as this one, keeping their tries: they all go out together when it is back
				postpone.run(options.now + retryDelay(attempts), options.now, m.id);
				result.stoppedEarly = true;
				break;
			}
		}
	}
	return result;
}

/**
 * Headers beyond the basics: how to unsubscribe (RFC 2369: the person's own link, which also takes RFC 8058's
 * one-click POST), and what kind of mail it is.
 */
function headersFor(sqlite: Database.Database, m: Due, origin: string): Record<string, string> {
	const headers: Record<string, string> = { 'X-Tracker-Mail': `${m.kind}; id=${m.id}` };
	if (m.kind !== 'verify') {
		const link = m.userId === null ? null : unsubscribeLink(sqlite, m.userId, origin);
		headers['List-Unsubscribe'] = `<${link ?? `${origin}/account#mail`}>`;
		if (link) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
		headers['Auto-Submitted'] = 'auto-generated';
	}
	return headers;
}
