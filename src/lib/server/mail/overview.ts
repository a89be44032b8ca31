/** What admins see of the mail: counts by state, the notices waiting or set aside, the dead mails, the latest sent. */
import type Database from 'better-sqlite3';

export type MailRow = {
	id: number;
	to: string;
	kind: string;
	subject: string;
	state: string;
	attempts: number;
	lastError: string | null;
	createdAt: number;
	sentAt: number | null;
	nextAttemptAt: number;
};

export type MailOverview = {
	counts: Record<'pending' | 'sent' | 'dead' | 'cancelled', number>;
	/** Notices not yet in a mail (waiting for the digest, or for the next round). */
	waiting: number;
	skipped: Record<string, number>;
	dead: MailRow[];
	recent: MailRow[];
};

const COLUMNS = `id, to_address AS "to", kind, subject, state, attempts, last_error AS lastError, created_at AS createdAt,
	sent_at AS sentAt, next_attempt_at AS nextAttemptAt`;

export function mailOverview(sqlite: Database.Database): MailOverview {
	const counts = { pending: 0, sent: 0, dead: 0, cancelled: 0 };
	for (const r of sqlite.prepare('SELECT state, COUNT(*) AS n FROM mails GROUP BY state').all() as {
		state: keyof typeof counts;
		n: number;
	}[])
		counts[r.state] = r.n;
	const skipped: Record<string, number> = {};
	for (const r of sqlite
		.prepare('SELECT skipped, COUNT(*) AS n FROM outbox WHERE skipped IS NOT NULL GROUP BY skipped')
		.all() as { skipped: string; n: number }[])
		skipped[r.skipped] = r.n;
	return {
		counts,
		waiting: (
			sqlite.prepare('SELECT COUNT(*) AS n FROM outbox WHERE mail_id IS NULL AND skipped IS NULL').get() as {
				n: number;
			}
		).n,
		skipped,
		dead: sqlite
			.prepare(`SELECT ${COLUMNS} FROM mails WHERE state = 'dead' ORDER BY id DESC LIMIT 100`)
			.all() as MailRow[],
		recent: sqlite
			.prepare(`SELECT ${COLUMNS} FROM mails WHERE state <> 'dead' ORDER BY id DESC LIMIT 20`)
			.all() as MailRow[]
	};
}

/** Puts a dead mail back in line with fresh tries; false when there is no such dead mail. */
export function retryDead(sqlite: Database.Database, id: number, now = Date.now()): boolean {
	return (
		sqlite
			.prepare("UPDATE mails SET state = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? AND state = 'dead'")
			.run(now, id).changes === 1
	);
}
