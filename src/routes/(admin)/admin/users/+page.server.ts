import { fail, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/auth/access';
import * as users from '$lib/server/auth/users';
import * as tokens from '$lib/server/auth/tokens';
import { isRole, type Role } from '$lib/server/auth';
import { resolveProvince } from '$lib/domain/provinces';
import type { Actor } from '$lib/server/audit/audit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals.user, 'admin');
	return { users: users.list(getDb()), tokens: tokens.listAll(getDb()) };
};

type Scope = { role: Role; provinceCode: string | null; pilotCodes: string[] };

/** The role and scope fields of a form, or the bilingual reason they are not usable. */
function scopeFrom(form: FormData): Scope | users.Problem {
	const role = String(form.get('role') ?? '');
	if (!isRole(role)) return { zh: '角色无效', en: 'Invalid role' };
	const provinceInput = String(form.get('province') ?? '');
	const provinceCode = provinceInput ? resolveProvince(provinceInput) : null;
	if (provinceInput && !provinceCode) return { zh: '省份无效', en: 'Invalid province' };
	const pilotCodes = String(form.get('pilots') ?? '')
		.split(/[,，;；\s]+/)
		.map((s) => s.trim())
		.filter(Boolean);
	return { role, provinceCode, pilotCodes };
}

/**
 * Runs one admin change: checks the caller is an admin, reads the form, and turns a UserError
 * into a 400 with its bilingual message. `change` returns the name of the user it changed.
 */
async function adminChange(
	event: RequestEvent,
	done: 'users.created' | 'users.updated',
	change: (form: FormData, actor: Actor) => Promise<string | users.Problem> | string | users.Problem
) {
	const user = requireRole(event.locals.user, 'admin');
	const actor: Actor = { userId: user.id, name: user.username, ip: event.getClientAddress() };
	const form = await event.request.formData();
	try {
		const name = await change(form, actor);
		if (typeof name !== 'string') return fail(400, { problem: name });
		return { done: { key: done, name } };
	} catch (e) {
		if (e instanceof users.UserError) return fail(400, { problem: e.problem });
		throw e;
	}
}

const usernameOf = (form: FormData) =>
	String(form.get('username') ?? '')
		.trim()
		.toLowerCase();

export const actions: Actions = {
	create: (event) =>
		adminChange(event, 'users.created', async (form, actor) => {
			const scope = scopeFrom(form);
			if (!('role' in scope)) return scope;
			const username = usernameOf(form);
			const input = {
				username,
				displayName: String(form.get('displayName') ?? ''),
				password: String(form.get('password') ?? '')
			};
			await users.create(getDb(), { ...input, ...scope }, actor);
			return username;
		}),
	scope: (event) =>
		adminChange(event, 'users.updated', (form, actor) => {
			const scope = scopeFrom(form);
			if (!('role' in scope)) return scope;
			users.setRole(getDb(), usernameOf(form), scope, actor);
			return usernameOf(form);
		}),
	disable: (event) =>
		adminChange(event, 'users.updated', (form, actor) => {
			const username = usernameOf(form);
			if (username === event.locals.user?.username)
				return { zh: '不能停用自己的账户', en: 'You cannot disable your own account' };
			users.setDisabled(getDb(), username, form.get('disabled') === 'true', actor);
			return username;
		}),
	password: (event) =>
		adminChange(event, 'users.updated', async (form, actor) => {
			await users.setPassword(getDb(), usernameOf(form), String(form.get('password') ?? ''), actor);
			return usernameOf(form);
		}),
	/** Revokes any user's live token; 404 when there is no such live token. */
	revokeToken: async (event) => {
		const user = requireRole(event.locals.user, 'admin');
		const form = await event.request.formData();
		const ok = tokens.revokeAny(getDb(), Number(form.get('id')), {
			userId: user.id,
			name: user.username,
			ip: event.getClientAddress()
		});
		return ok ? { tokenRevoked: true } : fail(404, { tokenRevoked: false });
	}
};
