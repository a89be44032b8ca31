/** The four roles and what each may see: the single source of the scope rules. */
export const ROLES = ['implementer', 'province', 'ministry', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/** Roles that see every pilot (read). */
export function seesAllPilots(role: Role): boolean {
	return role === 'ministry' || role === 'admin';
}
