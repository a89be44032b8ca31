/**
 * A user changing their own password: the current one is required (checked through the sign-in throttle, so the
 * form is no way around it), the new one meets the same rules as every password, and afterwards the user's other
 * sessions end — and, when asked, every API token. Audited, never with a password.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { users } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import { hashPassword, passwordProblem, sessions, type SessionUser } from './index';
import { checkPassword } from './sign-in';
import { revokeAllFor } from './tokens';
import { translator } from '../../i18n';
import type { MessageKey } from '../../i18n/messages';

export type Problem = { zh: string; en: string };

export type ChangeRequest = { current: string; next: string; confirm: string; revokeTokens: boolean };

export type ChangeOutcome = { ok: true; revokedTokens: number } | { ok: false; status: 400 | 429; problem: Problem };

const problem = (key: MessageKey): Problem => ({ zh: translator('zh')(key), en: translator('en')(key) });

/**
 * Changes the signed-in user's password. `keepToken` is the session the change is made from, the only one left;
 * `address` counts a wrong current password like a failed sign-in from there.
 */
export async function changePassword(
	db: Db,
	user: SessionUser,
	request: ChangeRequest,
	context: { address: string; keepToken: string | null }
): Promise<ChangeOutcome> {
	// the cheap refusals first: a wrong current password costs a hash and a throttle count
	if (request.next !== request.confirm) return { ok: false, status: 400, problem: problem('account.mismatch') };
	const weak = passwordProblem(request.next);
	if (weak) return { ok: false, status: 400, problem: weak };
	if (request.next === request.current) return { ok: false, status: 400, problem: problem('account.samePassword') };
	const checked = await checkPassword(db, user.username, request.current, context.address);
	if (!checked.ok)
		return checked.problem === 'login.throttled'
			? { ok: false, status: 429, problem: problem('login.throttled') }
			: { ok: false, status: 400, problem: problem('account.wrongPassword') };
	const passwordHash = await hashPassword(request.next);
	const actor: Actor = { userId: user.id, name: user.username, ip: context.address };
	return db.transaction((tx) => {
		tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
		sessions.invalidateOthers(tx, user.id, context.keepToken);
		const revokedTokens = request.revokeTokens ? revokeAllFor(tx, user, 'password', actor) : 0;
		record(tx, actor, {
			action: 'user.password.change',
			entity: 'user',
			entityId: user.username,
			after: { otherSessionsEnded: true, tokensRevoked: revokedTokens }
		});
		return { ok: true as const, revokedTokens };
	});
}
