/**
 * A person's e-mail address and how mail reaches them. A new address gets a verification link (valid 24 hours, stored
 * only as its SHA-256) and receives nothing else until it is confirmed; changing the address starts over. The mode
 * says whether notices come as one digest a day, one mail each, or not at all.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { record, type Actor } from '../audit/audit';
import type { Bilingual } from '../../domain/taxonomy';
import { mailOrigin, verifyLetter } from './compose';
import { queueMail } from './queue';

export const VERIFY_HOURS = 24;
/** Verification mails one person may ask for in a day. */
export const VERIFY_PER_DAY = 5;
export const MAIL_MODES = ['digest', 'each', 'off'] as const;
export type MailMode = (typeof MAIL_MODES)[number];

// One address, as the forms and mail servers take it: no display name, no spaces, a dot in the domain.
const ADDRESS = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

export type MailSettings = {
	email: string | null;
	verifiedAt: number | null;
	mode: MailMode;
	pendingSince: number | null;
};

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The person's address, whether it is confirmed, their mode, and when the last link was sent (if unconfirmed). */
export function mailSettings(db: Db, userId: number): MailSettings {
	const u = db.$client
		.prepare('SELECT email, email_verified_at AS verifiedAt, mail_mode AS mode FROM users WHERE id = ?')
		.get(userId) as { email: string | null; verifiedAt: number | null; mode: MailMode } | undefined;
	if (!u) return { email: null, verifiedAt: null, mode: 'digest', pendingSince: null };
	const pending =
		u.email && !u.verifiedAt
			? (
					db.$client
						.prepare(
							'SELECT MAX(created_at) AS at FROM email_verifications WHERE user_id = ? AND email = ? AND used_at IS NULL'
						)
						.get(userId, u.email) as { at: number | null }
				).at
			: null;
	return { ...u, pendingSince: pending };
}

export type AddressOutcome = { ok: true; email: string } | { ok: false; problem: Bilingual };

/** Sets the address (unconfirmed) and mails it a link to confirm; the same address again sends a new link. */
export function requestVerification(
	db: Db,
	user: { id: number; username: string; displayName?: string },
	raw: string,
	actor: Actor,
	now = Date.now(),
	origin = mailOrigin()
): AddressOutcome {
	const email = raw.trim();
	if (!email || email.length > 254 || !ADDRESS.test(email))
		return {
			ok: false,
			problem: {
				zh: `“${email.slice(0, 80)}”不是有效的电子邮件地址`,
				en: `“${email.slice(0, 80)}” is not a valid e-mail address`
			}
		};
	const sqlite = db.$client;
	const today = (
		sqlite
			.prepare('SELECT COUNT(*) AS n FROM email_verifications WHERE user_id = ? AND created_at > ?')
			.get(user.id, now - 86_400_000) as { n: number }
	).n;
	if (today >= VERIFY_PER_DAY)
		return {
			ok: false,
			problem: {
				zh: `24 小时内最多发送 ${VERIFY_PER_DAY} 封确认邮件，请稍后再试`,
				en: `At most ${VERIFY_PER_DAY} confirmation mails in 24 hours: please try again later`
			}
		};
	const token = randomBytes(32).toString('base64url');
	const link = `${origin}/verify-email?token=${token}`;
	db.transaction((tx) => {
		const before = sqlite.prepare('SELECT email, email_verified_at AS v FROM users WHERE id = ?').get(user.id) as {
			email: string | null;
			v: number | null;
		};
		const isSame = before.email === email;
		if (!isSame)
			sqlite.prepare('UPDATE users SET email = ?, email_verified_at = NULL WHERE id = ?').run(email, user.id);
		sqlite
			.prepare(
				'INSERT INTO email_verifications (user_id, email, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'
			)
			.run(user.id, email, hash(token), now, now + VERIFY_HOURS * 3_600_000);
		queueMail(
			sqlite,
			{
				userId: user.id,
				to: email,
				kind: 'verify',
				letter: verifyLetter(user.displayName ?? user.username, link, origin, VERIFY_HOURS)
			},
			now
		);
		if (!isSame)
			record(tx, actor, {
				action: 'user.email',
				entity: 'user',
				entityId: user.id,
				before: { email: before.email },
				after: { email, verified: false }
			});
	});
	return { ok: true, email };
}

export type VerifyOutcome = 'verified' | 'already' | 'expired' | 'superseded' | 'unknown';

/** What a link is, without using it (the confirmation page shows this before the person confirms). */
export function inspectToken(
	db: Db,
	token: string,
	now = Date.now()
): { outcome: VerifyOutcome | 'valid'; email: string | null } {
	const row = db.$client
		.prepare(
			`SELECT v.email, v.expires_at AS expiresAt, v.used_at AS usedAt, u.email AS current FROM email_verifications v JOIN users u ON u.id = v.user_id WHERE v.token_hash = ?`
		)
		.get(hash(token)) as
		{ email: string; expiresAt: number; usedAt: number | null; current: string | null } | undefined;
	if (!row) return { outcome: 'unknown', email: null };
	if (row.usedAt) return { outcome: 'already', email: row.email };
	if (row.current !== row.email) return { outcome: 'superseded', email: row.email };
	if (row.expiresAt < now) return { outcome: 'expired', email: row.email };
	return { outcome: 'valid', email: row.email };
}

/** Confirms the address the link was sent to, if it is still the person's and the link is fresh and unused. */
export function verifyEmail(
	db: Db,
	token: string,
	ip: string | null,
	now = Date.now()
): { outcome: VerifyOutcome; email: string | null } {
	const sqlite = db.$client;
	const seen = inspectToken(db, token, now);
	if (seen.outcome !== 'valid') return { outcome: seen.outcome, email: seen.email };
	const row = sqlite
		.prepare(
			'SELECT v.id, v.user_id AS userId, u.username FROM email_verifications v JOIN users u ON u.id = v.user_id WHERE v.token_hash = ?'
		)
		.get(hash(token)) as {
		id: number;
		userId: number;
		username: string;
	};
	db.transaction((tx) => {
		sqlite.prepare('UPDATE email_verifications SET used_at = ? WHERE id = ?').run(now, row.id);
		sqlite.prepare('UPDATE users SET email_verified_at = ? WHERE id = ?').run(now, row.userId);
		record(
			tx,
			{ userId: row.userId, name: row.username, ip },
			{ action: 'user.email_verified', entity: 'user', entityId: row.userId, after: { email: seen.email } }
		);
	});
	return { outcome: 'verified', email: seen.email };
}

/** Removes the address: no mail at all until a new one is confirmed. */
export function removeEmail(db: Db, userId: number, actor: Actor): void {
	db.transaction((tx) => {
		const before = db.$client.prepare('SELECT email FROM users WHERE id = ?').get(userId) as { email: string | null };
		db.$client.prepare('UPDATE users SET email = NULL, email_verified_at = NULL WHERE id = ?').run(userId);
		record(tx, actor, { action: 'user.email', entity: 'user', entityId: userId, before, after: { email: null } });
	});
}

/** Sets how notices reach the person by mail. */
export function setMailMode(db: Db, userId: number, mode: string, actor: Actor): boolean {
	if (!(MAIL_MODES as readonly string[]).includes(mode)) return false;
	db.transaction((tx) => {
		db.$client.prepare('UPDATE users SET mail_mode = ? WHERE id = ?').run(mode, userId);
		record(tx, actor, { action: 'user.mail_mode', entity: 'user', entityId: userId, after: { mode } });
	});
	return true;
}
