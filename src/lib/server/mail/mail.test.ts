/**
 * Mail end to end against a real SMTP server (smtp-server, started in the test on a free port): what arrives — headers,
 * recipients, both bodies —, the daily digest, no mail to a disabled person or an unconfirmed address, nothing lost
 * while the server is down, and the dead state after a permanent refusal.
 */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { intakeTestDb } from '../testing/registry';
import { notify } from '../review/notify';
import { composeWaiting } from './queue';
import { deliverDue, retryDelay } from './deliver';
import { smtpTransport, type Transport } from './transport';
import { retryDead } from './overview';

const ORIGIN = 'https://tracker.example.gov.cn';
const FROM = 'tracker@example.gov.cn';
const NOW = Date.UTC(2026, 11, 7, 1, 0); // 09:00 China time

type Received = { from: string; to: string[]; mail: ParsedMail };

/** A real SMTP server on `port` (0: any free one), keeping what it is sent; `refuse` answers every RCPT with 550. */
async function startSmtp(port = 0, refuse = false) {
	const received: Received[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (refuse) {
				const e = new Error('No such mailbox') as Error & { responseCode: number };
				e.responseCode = 550;
				return callback(e);
			}
			callback();
		},
		onData(stream, session, callback) {
			simpleParser(stream).then(
				(mail) => {
					received.push({
						from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
						to: session.envelope.rcptTo.map((r) => r.address),
						mail
					});
					callback();
				},
				(e) => callback(e)
			);
		}
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.server.address() as { port: number };
	return { received, port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on (found free, then released). */
async function closedPort(): Promise<number> {
	const s = createServer();
	await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
	const port = (s.address() as { port: number }).port;
	await new Promise<void>((resolve) => s.close(() => resolve()));
	return port;
}

const transportTo = (port: number): Transport =>
	smtpTransport({ host: '127.0.0.1', port, secure: false, user: null, password: null, from: FROM });

let t: ReturnType<typeof intakeTestDb>;
/** Closed after each test: the transports first (a server waits for its open connections before it closes). */
const transports: Transport[] = [];
const servers: { close: () => Promise<void> }[] = [];

beforeEach(() => {
	t = intakeTestDb();
});

afterEach(async () => {
	for (const transport of transports.splice(0)) transport.close();
	for (const server of servers.splice(0)) await server.close();
	t.sqlite.close();
});

/** Gives a person a confirmed address and a mode. */
function mailable(user: { id: number }, email: string, mode: 'digest' | 'each' | 'off' = 'each') {
	t.sqlite
		.prepare('UPDATE users SET email = ?, email_verified_at = ?, mail_mode = ? WHERE id = ?')
		.run(email, NOW - 1000, mode, user.id);
}

function notice(user: { id: number; username: string }, n: number) {
	return notify(
		t.db,
		{
			key: `test:${n}`,
			kind: 'due',
			pilotCode: 'Q-1',
			period: '2026Q1',
			title: { zh: `Q-1 2026Q1 报告将于 2026-05-15 截止 #${n}`, en: `Q-1 2026Q1 report due on 2026-05-15 #${n}` }
		},
		[user],
		NOW - 60_000
	);
}

const mails = () =>
	t.sqlite
		.prepare(
			'SELECT id, kind, state, attempts, to_address AS "to", last_error AS lastError, next_attempt_at AS next FROM mails ORDER BY id'
		)
		.all() as {
		id: number;
		kind: string;
		state: string;
		attempts: number;
		to: string;
		lastError: string | null;
		next: number;
	}[];

async function round(transport: Transport, now = NOW, digests = false) {
	const composed = composeWaiting(t.sqlite, { now, origin: ORIGIN, digests });
	const delivered = await deliverDue(t.sqlite, transport.send, { now, maxAttempts: 3, origin: ORIGIN });
	return { composed, delivered };
}

describe('mail over SMTP', () => {
	it('sends a notice as its own mail: sender, recipient, bilingual subject, plain text and HTML, unsubscribe header', async () => {
		const smtp = await startSmtp();
		servers.push(smtp);
		const transport = transportTo(smtp.port);
		transports.push(transport);
		mailable(t.users.imp1, 'clerk@pilot.example.cn');
		notice(t.users.imp1, 1);
		const { delivered } = await round(transport);
		expect(delivered.sent).toBe(1);
		expect(smtp.received).toHaveLength(1);
		const [{ from, to, mail }] = smtp.received;
		expect(from).toBe(FROM);
		expect(to).toEqual(['clerk@pilot.example.cn']);
		expect(mail.subject).toBe('Q-1 2026Q1 报告将于 2026-05-15 截止 #1 / Q-1 2026Q1 report due on 2026-05-15 #1');
		expect(mail.text).toContain('Q-1 2026Q1 报告将于 2026-05-15 截止 #1\nQ-1 2026Q1 report due on 2026-05-15 #1');
		expect(mail.text).toContain(`${ORIGIN}/notices`);
		// it opens where the notice leads: this one, the quarter's review
		expect(mail.text).toContain(`打开 / Open: ${ORIGIN}/pilots/Q-1/review#review-2026Q1`);
		expect(mail.html).toContain(`href="${ORIGIN}/pilots/Q-1/review#review-2026Q1"`);
		expect(mail.html).toContain('<h1');
		expect(mail.html).toContain(`href="${ORIGIN}/account#mail"`);
		// the person's own unsubscribe link, in the header and at the foot of both bodies
		const unsubscribe = (mail.headers.get('list') as { unsubscribe: { url: string } }).unsubscribe.url;
		expect(unsubscribe).toMatch(new RegExp(`^${ORIGIN}/unsubscribe\\?u=${t.users.imp1.id}&t=[A-Za-z0-9_-]{32}$`));
		expect(mail.text).toContain(unsubscribe);
		expect(mail.html).toContain(unsubscribe.replace('&', '&amp;'));
		// RFC 8058: the same link takes a one-click POST
		expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
			'List-Unsubscribe-Post: List-Unsubscribe=One-Click'
		);
		expect(
			String(mail.headers.get('content-type') && mail.headerLines.find((h) => h.key === 'content-type')?.line)
		).toContain('multipart/alternative');
		expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
		expect(mails()).toMatchObject([{ kind: 'notice', state: 'sent', attempts: 1 }]);
		const outbox = t.sqlite.prepare('SELECT sent_at AS sentAt, mail_id AS mailId FROM outbox').all();
		expect(outbox).toEqual([{ sentAt: NOW, mailId: mails()[0].id }]);
	});

	it('escapes what comes from data in the HTML', async () => {
		const smtp = await startSmtp();
		servers.push(smtp);
		const transport = transportTo(smtp.port);
		transports.push(transport);
		mailable(t.users.imp1, 'clerk@pilot.example.cn');
		notify(
			t.db,
			{ key: 'x', kind: 'due', pilotCode: 'Q-1', title: { zh: '<script>alert(1)</script>', en: 'a & b' } },
			[t.users.imp1],
			NOW
		);
		await round(transport);
		const html = String(smtp.received[0].mail.html);
		expect(html).not.toContain('<script>');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('a &amp; b');
	});

	it('gathers a digest person’s notices into one mail a day, only when the digest runs', async () => {
		const smtp = await startSmtp();
		servers.push(smtp);
		const transport = transportTo(smtp.port);
		transports.push(transport);
		mailable(t.users.province, 'reviewer@sthj.example.cn', 'digest');
		for (const n of [1, 2, 3]) notice(t.users.province, n);
		const before = await round(transport);
		expect(before.composed).toMatchObject({ mails: 0, waiting: 3 });
		expect(smtp.received).toHaveLength(0);
		const digest = await round(transport, NOW, true);
		expect(digest.composed).toMatchObject({ mails: 1, notices: 3 });
		expect(smtp.received).toHaveLength(1);
		const { mail, to } = smtp.received[0];
		expect(to).toEqual(['reviewer@sthj.example.cn']);
		expect(mail.subject).toBe('试点跟踪：2026-12-07 的 3 条通知 / Pilot tracker: 3 notice(s) for 2026-12-07');
		for (const n of [1, 2, 3]) expect(mail.text).toContain(`Q-1 2026Q1 report due on 2026-05-15 #${n}`);
		// the next digest has nothing to carry
		expect((await round(transport, NOW + 86_400_000, true)).composed.mails).toBe(0);
	});

	it('sends nothing to a disabled person, an unconfirmed address or one who turned mail off; notices stay in the app', async () => {
		const smtp = await startSmtp();
		servers.push(smtp);
		const transport = transportTo(smtp.port);
		transports.push(transport);
		mailable(t.users.imp1, 'a@pilot.example.cn');
		mailable(t.users.imp2, 'b@pilot.example.cn', 'off');
		t.sqlite
			.prepare("UPDATE users SET email = 'c@sthj.example.cn', email_verified_at = NULL WHERE id = ?")
			.run(t.users.province.id);
		t.sqlite.prepare('UPDATE users SET is_disabled = 1 WHERE id = ?').run(t.users.imp1.id);
		// notify() itself already leaves out the disabled; the outbox row of one disabled later is set aside
		t.sqlite.prepare('UPDATE users SET is_disabled = 0 WHERE id = ?').run(t.users.imp1.id);
		notice(t.users.imp1, 1);
		t.sqlite.prepare('UPDATE users SET is_disabled = 1 WHERE id = ?').run(t.users.imp1.id);
		notice(t.users.imp2, 2);
		notice(t.users.province, 3);
		const { composed, delivered } = await round(transport, NOW, true);
		expect(composed.skipped).toEqual({ disabled: 1, unsubscribed: 1, no_address: 1 });
		expect(delivered.sent).toBe(0);
		expect(smtp.received).toHaveLength(0);
		expect((t.sqlite.prepare('SELECT COUNT(*) AS n FROM notices').get() as { n: number }).n).toBe(3);
	});

	it('cancels a mail whose person was disabled after it was composed', async () => {
		const smtp = await startSmtp();
		servers.push(smtp);
		const transport = transportTo(smtp.port);
		transports.push(transport);
		mailable(t.users.imp1, 'a@pilot.example.cn');
		notice(t.users.imp1, 1);
		composeWaiting(t.sqlite, { now: NOW, origin: ORIGIN, digests: false });
		t.sqlite.prepare('UPDATE users SET is_disabled = 1 WHERE id = ?').run(t.users.imp1.id);
		const delivered = await deliverDue(t.sqlite, transport.send, { now: NOW, maxAttempts: 3, origin: ORIGIN });
		expect(delivered).toMatchObject({ sent: 0, cancelled: 1 });
		expect(smtp.received).toHaveLength(0);
		expect(mails()).toMatchObject([{ state: 'cancelled' }]);
	});

	it('loses nothing while the SMTP server is down: the mails go out when it is back', async () => {
		const port = await closedPort();
		const transport = transportTo(port);
		transports.push(transport);
		mailable(t.users.imp1, 'a@pilot.example.cn');
		mailable(t.users.province, 'p@sthj.example.cn');
		notice(t.users.imp1, 1);
		notice(t.users.province, 2);
		const down = await round(transport);
		// the first mail is tried and put back with a delay; the round stops there, the second keeps its tries
		expect(down.delivered).toMatchObject({ sent: 0, retried: 1, stoppedEarly: true });
		const [first, second] = mails();
		expect(first).toMatchObject({ state: 'pending', attempts: 1, next: NOW + retryDelay(1) });
		expect(first.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
		expect(second).toMatchObject({ state: 'pending', attempts: 0, next: NOW + retryDelay(1) });
		// not due yet a moment later: nothing is tried
		expect((await round(transport, NOW + 1000)).delivered.sent).toBe(0);
		const smtp = await startSmtp(port);
		servers.push(smtp);
		const back = await round(transport, NOW + retryDelay(1));
		expect(back.delivered.sent).toBe(2);
		expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(['a@pilot.example.cn', 'p@sthj.example.cn']);
		expect(mails().map((m) => m.state)).toEqual(['sent', 'sent']);
	});

	it('marks a mail dead at a permanent refusal, and an admin can send it again', async () => {
		const refusing = await startSmtp(0, true);
		const transport = transportTo(refusing.port);
		mailable(t.users.imp1, 'nobody@pilot.example.cn');
		notice(t.users.imp1, 1);
		const { delivered } = await round(transport);
		transport.close();
		await refusing.close();
		expect(delivered).toMatchObject({ sent: 0, dead: 1 });
		const [dead] = mails();
		expect(dead).toMatchObject({ state: 'dead', attempts: 1 });
		expect(dead.lastError).toMatch(/^550 /);
		expect(retryDead(t.sqlite, dead.id, NOW + 5000)).toBe(true);
		expect(retryDead(t.sqlite, dead.id, NOW + 5000)).toBe(false); // no longer dead
		const smtp = await startSmtp();
		servers.push(smtp);
		const again = transportTo(smtp.port);
		transports.push(again);
		expect((await deliverDue(t.sqlite, again.send, { now: NOW + 5000, maxAttempts: 3, origin: ORIGIN })).sent).toBe(1);
		expect(smtp.received).toHaveLength(1);
	});

	it('gives up after MAIL_MAX_ATTEMPTS tries, with growing delays between them', async () => {
		const transport = transportTo(await closedPort());
		transports.push(transport);
		mailable(t.users.imp1, 'a@pilot.example.cn');
		notice(t.users.imp1, 1);
		composeWaiting(t.sqlite, { now: NOW, origin: ORIGIN, digests: false });
		let now = NOW;
		for (let attempt = 1; attempt <= 3; attempt++) {
			await deliverDue(t.sqlite, transport.send, { now, maxAttempts: 3, origin: ORIGIN });
			now += retryDelay(attempt);
		}
		expect(mails()).toMatchObject([{ state: 'dead', attempts: 3 }]);
		expect([1, 2, 3, 20].map(retryDelay)).toEqual([60_000, 120_000, 240_000, 6 * 3_600_000]);
	});
});
