/** The unsubscribe link: only its person's token works, it turns mail off, and a password change ends it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { intakeTestDb } from '../testing/registry';
import { checkUnsubscribe, unsubscribeLink } from './unsubscribe';
import { mailSettings, setMailMode } from './address';

let t: ReturnType<typeof intakeTestDb>;
beforeEach(() => {
	t = intakeTestDb();
});
afterEach(() => t.sqlite.close());

const parts = (link: string) => {
	const url = new URL(link);
	return { u: Number(url.searchParams.get('u')), t: url.searchParams.get('t')! };
};

describe('unsubscribe links', () => {
	it('are the person’s own: another id, a changed token or a new password does not pass', () => {
		const link = unsubscribeLink(t.sqlite, t.users.imp1.id, 'https://tracker.example.gov.cn')!;
		const { u, t: token } = parts(link);
		expect(checkUnsubscribe(t.sqlite, u, token)).toMatchObject({ id: t.users.imp1.id, username: 'imp1' });
		expect(checkUnsubscribe(t.sqlite, t.users.imp2.id, token)).toBeNull();
		expect(checkUnsubscribe(t.sqlite, u, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
		expect(checkUnsubscribe(t.sqlite, u, '')).toBeNull();
		expect(checkUnsubscribe(t.sqlite, NaN, token)).toBeNull();
		expect(unsubscribeLink(t.sqlite, 999_999, 'https://x')).toBeNull();
		t.sqlite.prepare("UPDATE users SET password_hash = 'scrypt$another' WHERE id = ?").run(u);
		expect(checkUnsubscribe(t.sqlite, u, token)).toBeNull();
	});

	it('turn mail off for that person only', () => {
		const { u, t: token } = parts(unsubscribeLink(t.sqlite, t.users.imp1.id, 'https://x')!);
		const person = checkUnsubscribe(t.sqlite, u, token)!;
		setMailMode(t.db, person.id, 'off', { userId: person.id, name: person.username, ip: null });
		expect(mailSettings(t.db, t.users.imp1.id).mode).toBe('off');
		expect(mailSettings(t.db, t.users.imp2.id).mode).toBe('digest');
	});
});
