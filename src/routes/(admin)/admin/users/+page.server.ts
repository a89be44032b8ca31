import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/access';
import * as users from '$lib/server/users';
import { isRole } from '$lib/server/auth';
import { resolveProvince } from '$lib/domain/provinces';
import type { Actor } from '$lib/server/audit';
import type { Actions, PageServerLoad } from './$types';
import type { RequestEvent } from '@sveltejs/kit';

export const load: PageServerLoad = ({ locals }) => {
	requireRole(locals.user, 'admin');
	return { users: users.list(getDb()) };
};

function adminActor(event: RequestEvent): Actor {
	const user = requireRole(event.locals.user, 'admin');
	return { userId: user.id, name: user.username, ip: event.getClientAddress() };
}

function problemOf(e: unknown) {
	if (e instanceof users.UserError) return fail(400, { problem: e.problem });
	throw e;
}

function scopeFrom(form: FormData) {
	const role = String(form.get('role') ?? '');
	const provinceInput = String(form.get('province') ?? '');
	return {
		role,
		provinceCode: provinceInput ? resolveProvince(provinceInput) : null,
		pilotCodes: String(form.get('pilots') ?? '')
			.split(/[,，;；\s]+/)
			.map((s) => s.trim())
			.filter(Boolean)
	};
}

const BAD_ROLE = { zh: '角色无效', en: 'Invalid role' };
const BAD_PROVINCE = { zh: '省份无效', en: 'Invalid province' };

export const actions: Actions = {
	create: async (event) => {
		const actor = adminActor(event);
		const form = await event.request.formData();
		const scope = scopeFrom(form);
		if (!isRole(scope.role)) return fail(400, { problem: BAD_ROLE });
		if (form.get('province') && !scope.provinceCode) return fail(400, { problem: BAD_PROVINCE });
		const username = String(form.get('username') ?? '');
		try {
			await users.create(
				getDb(),
				{
					username,
					displayName: String(form.get('displayName') ?? ''),
					password: String(form.get('password') ?? ''),
					...scope,
					role: scope.role
				},
				actor
			);
		} catch (e) {
			return problemOf(e);
		}
		return { done: { key: 'users.created' as const, name: username.trim().toLowerCase() } };
	},
	scope: async (event) => {
		const actor = adminActor(event);
		const form = await event.request.formData();
		const scope = scopeFrom(form);
		if (!isRole(scope.role)) return fail(400, { problem: BAD_ROLE });
		if (form.get('province') && !scope.provinceCode) return fail(400, { problem: BAD_PROVINCE });
		const username = String(form.get('username') ?? '');
		try {
			users.setRole(getDb(), username, { ...scope, role: scope.role }, actor);
		} catch (e) {
			return problemOf(e);
		}
		return { done: { key: 'users.updated' as const, name: username } };
	},
	disable: async (event) => {
		const actor = adminActor(event);
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '');
		if (username === event.locals.user?.username)
			return fail(400, { problem: { zh: '不能停用自己的账户', en: 'You cannot disable your own account' } });
		try {
			users.setDisabled(getDb(), username, form.get('disabled') === 'true', actor);
		} catch (e) {
			return problemOf(e);
		}
		return { done: { key: 'users.updated' as const, name: username } };
	},
	password: async (event) => {
		const actor = adminActor(event);
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '');
		try {
			await users.setPassword(getDb(), username, String(form.get('password') ?? ''), actor);
		} catch (e) {
			return problemOf(e);
		}
		return { done: { key: 'users.updated' as const, name: username } };
	}
};
