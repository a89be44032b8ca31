/**
 * The unsubscribe link in every notice mail and digest: it turns mail off for its person without a sign-in. Its token
 * is an HMAC of the person's id keyed by their password hash (a secret only the server holds), so it cannot be made up
 * for someone else, needs no table of its own, and stops working when the password changes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';

function tokenFor(passwordHash: string, userId: number): string {
	return createHmac('sha256', passwordHash).update(`mail-off:${userId}`).digest('base64url').slice(0, 32);
}

/** The link for a person (null when there is no such person). */
export function unsubscribeLink(sqlite: Database.Database, userId: number, origin: string): string | null {
	const u = sqlite.prepare('SELECT password_hash AS hash FROM users WHERE id = ?').get(userId) as
		{ hash: string } | undefined;
	return u ? `${origin}/unsubscribe?u=${userId}&t=${tokenFor(u.hash, userId)}` : null;
}

/** The person a link is for, if its token is theirs. */
export function checkUnsubscribe(
	sqlite: Database.Database,
	userId: number,
	token: string
): { id: number; username: string; email: string | null; mode: string } | null {
	if (!Number.isSafeInteger(userId) || !token) return null;
	const u = sqlite
		.prepare('SELECT id, username, email, mail_mode AS mode, password_hash AS hash FROM users WHERE id = ?')
		.get(userId) as { id: number; username: string; email: string | null; mode: string; hash: string } | undefined;
	if (!u) return null;
	const expected = Buffer.from(tokenFor(u.hash, userId));
	const given = Buffer.from(token);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	return { id: u.id, username: u.username, email: u.email, mode: u.mode };
}
