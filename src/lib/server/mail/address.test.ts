/** A person's address: set, confirmed by the link mailed to it, changed, removed; and their mail mode. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intakeTestDb } from '../testing/registry';
import {
	inspectToken,
	mailSettings,
	removeEmail,
	requestVerification,
	setMailMode,
	verifyEmail,
	VERIFY_PER_DAY
} from './address';

const ORIGIN = 'https://tracker.example.gov.cn';
const NOW = Date.UTC(2026, 11, 7, 1, 0);

let t: ReturnType<typeof intakeTestDb>;
beforeEach(() => {
	t = intakeTestDb();
});
afterEach(() => t.sqlite.close());

const actor = () => ({ userId: t.users.imp1.id, name: 'imp1', ip: '127.0.0.1' });
const ask = (email: string, now = NOW) => requestVerification(t.db, t.users.imp1, email, actor(), now, ORIGIN);

/** The token in the latest verification mail's link. */
function mailedToken(): { to: string; token: string; text: string; html: string } {
	const m = t.sqlite
		.prepare('SELECT to_address AS "to", text, html FROM mails WHERE kind = \'verify\' ORDER BY id DESC LIMIT 1')
		.get() as {
		to: string;
		text: string;
		html: string;
	};
	const token = m.text.match(/\/verify-email\?token=([A-Za-z0-9_-]+)/)![1];
	return { ...m, token };
}

describe('e-mail address', () => {
	it('mails a link to a new address and confirms it when the link is used once', () => {
		expect(ask('  clerk@pilot.example.cn ')).toEqual({ ok: true, email: 'clerk@pilot.example.cn' });
		expect(mailSettings(t.db, t.users.imp1.id)).toEqual({
			email: 'clerk@pilot.example.cn',
			verifiedAt: null,
			mode: 'digest',
			pendingSince: NOW
		});
		const { to, token, text, html } = mailedToken();
		expect(to).toBe('clerk@pilot.example.cn');
		expect(text).toContain('请确认您的电子邮件地址');
		expect(text).toContain('Please confirm your e-mail address');
		expect(html).toContain(`${ORIGIN}/verify-email?token=${token}`);
		// only the hash is stored
		expect(JSON.stringify(t.sqlite.prepare('SELECT * FROM email_verifications').all())).not.toContain(token);
		expect(inspectToken(t.db, token, NOW + 1000)).toEqual({ outcome: 'valid', email: 'clerk@pilot.example.cn' });
		expect(verifyEmail(t.db, token, '127.0.0.1', NOW + 1000)).toEqual({
			outcome: 'verified',
			email: 'clerk@pilot.example.cn'
		});
		expect(mailSettings(t.db, t.users.imp1.id)).toMatchObject({ verifiedAt: NOW + 1000, pendingSince: null });
		expect(verifyEmail(t.db, token, null, NOW + 2000).outcome).toBe('already');
		const audit = t.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'user.email%' ORDER BY id").all();
		expect(audit).toEqual([{ action: 'user.email' }, { action: 'user.email_verified' }]);
	});

	it('refuses a link that is unknown, expired, or for an address since replaced', () => {
		expect(verifyEmail(t.db, 'not-a-token', null, NOW).outcome).toBe('unknown');
		ask('old@pilot.example.cn');
		const old = mailedToken().token;
		expect(verifyEmail(t.db, old, null, NOW + 25 * 3_600_000).outcome).toBe('expired');
		ask('new@pilot.example.cn', NOW + 60_000);
		expect(verifyEmail(t.db, old, null, NOW + 120_000).outcome).toBe('superseded');
		expect(mailSettings(t.db, t.users.imp1.id)).toMatchObject({ email: 'new@pilot.example.cn', verifiedAt: null });
	});

	it('a changed address must be confirmed again; a removed one gets nothing', () => {
		ask('a@pilot.example.cn');
		verifyEmail(t.db, mailedToken().token, null, NOW);
		ask('b@pilot.example.cn', NOW + 1000);
		expect(mailSettings(t.db, t.users.imp1.id)).toMatchObject({ email: 'b@pilot.example.cn', verifiedAt: null });
		removeEmail(t.db, t.users.imp1.id, actor());
		expect(mailSettings(t.db, t.users.imp1.id)).toMatchObject({ email: null, verifiedAt: null, pendingSince: null });
	});

	it('refuses what is not an address, in both languages, and too many links a day', () => {
		for (const bad of ['', 'clerk', 'clerk@pilot', 'a b@pilot.cn', 'Clerk <c@pilot.cn>']) {
			const outcome = ask(bad);
			expect(outcome.ok).toBe(false);
			if (!outcome.ok) {
				expect(outcome.problem.zh).toContain('不是有效的电子邮件地址');
				expect(outcome.problem.en).toContain('is not a valid e-mail address');
			}
		}
		for (let i = 0; i < VERIFY_PER_DAY; i++) expect(ask('c@pilot.example.cn', NOW + i).ok).toBe(true);
		const outcome = ask('c@pilot.example.cn', NOW + 10);
		expect(outcome).toMatchObject({ ok: false, problem: { en: expect.stringContaining('At most 5') } });
		expect(ask('c@pilot.example.cn', NOW + 86_400_001).ok).toBe(true);
	});

	it('sets the mail mode to one of digest, each, off', () => {
		expect(setMailMode(t.db, t.users.imp1.id, 'each', actor())).toBe(true);
		expect(mailSettings(t.db, t.users.imp1.id).mode).toBe('each');
		expect(setMailMode(t.db, t.users.imp1.id, 'hourly', actor())).toBe(false);
		expect(mailSettings(t.db, t.users.imp1.id).mode).toBe('each');
	});
});
