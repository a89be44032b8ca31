import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/access';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { changePassword } from '$lib/server/auth/change-password';
import * as tokens from '$lib/server/auth/tokens';
import { mailSettings, removeEmail, requestVerification, setMailMode } from '$lib/server/mail/address';
import { readConfig } from '$lib/server/ops/config';
import type { Actions, PageServerLoad } from './$types';

/** Token holders are the roles that report values. */
function holder(event: Pick<RequestEvent, 'locals'>) {
	const user = requireUser(event.locals.user);
	if (!tokens.canImport(user.role)) error(403, 'Forbidden');
	return user;
}

/** Every signed-in user changes their password here; token holders also manage their API tokens. */
export const load: PageServerLoad = ({ locals }) => {
	const user = requireUser(locals.user);
	const canHoldTokens = tokens.canImport(user.role);
	return {
		canHoldTokens,
		tokens: canHoldTokens ? tokens.list(getDb(), user.id) : [],
		mail: mailSettings(getDb(), user.id),
		digestAt: readConfig().config.digestAt
	};
};

/** Who is changing their own mail settings, for the audit log. */
function self(event: RequestEvent) {
	const user = requireUser(event.locals.user);
	return { user, actor: { userId: user.id, name: user.username, ip: event.getClientAddress() } };
}

export const actions: Actions = {
	email: async (event) => {
		const { user, actor } = self(event);
		const form = await event.request.formData();
		const outcome = requestVerification(getDb(), user, String(form.get('email') ?? ''), actor);
		if (!outcome.ok) return fail(400, { emailProblem: outcome.problem });
		return { emailSent: outcome.email };
	},
	removeEmail: async (event) => {
		const { user, actor } = self(event);
		removeEmail(getDb(), user.id, actor);
		return { emailRemoved: true };
	},
	mailMode: async (event) => {
		const { user, actor } = self(event);
		const form = await event.request.formData();
		if (!setMailMode(getDb(), user.id, String(form.get('mode') ?? ''), actor)) return fail(400, { modeProblem: true });
		return { modeSaved: true };
	},
	password: async (event) => {
		const user = requireUser(event.locals.user);
		const form = await event.request.formData();
		const outcome = await changePassword(
			getDb(),
			user,
			{
				current: String(form.get('current') ?? ''),
				next: String(form.get('next') ?? ''),
				confirm: String(form.get('confirm') ?? ''),
				revokeTokens: tokens.canImport(user.role) && form.get('revokeTokens') === 'on'
			},
			{ address: event.getClientAddress(), keepToken: event.cookies.get(SESSION_COOKIE) ?? null }
		);
		if (!outcome.ok) return fail(outcome.status, { passwordProblem: outcome.problem });
		return { passwordChanged: { revokedTokens: outcome.revokedTokens } };
	},
	create: async (event) => {
		const user = holder(event);
		const form = await event.request.formData();
		try {
			const token = tokens.create(getDb(), user, String(form.get('name') ?? ''), {
				userId: user.id,
				name: user.username,
				ip: event.getClientAddress()
			});
			return { token };
		} catch (e) {
			if (e instanceof tokens.TokenLimitError) return fail(400, { tokenLimit: e.limit });
			throw e;
		}
	},
	revoke: async (event) => {
		const user = holder(event);
		const form = await event.request.formData();
		const ok = tokens.revoke(getDb(), user.id, Number(form.get('id')), {
			userId: user.id,
			name: user.username,
			ip: event.getClientAddress()
		});
		return ok ? { revoked: true } : fail(404, { revoked: false });
	}
};
