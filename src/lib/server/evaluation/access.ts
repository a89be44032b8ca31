/** Who takes which part in a pilot's evaluation, on top of the scope rule of access.ts (which decides who sees it). */
import type { DbOrTx } from '../db';
import type { SessionUser } from '../auth';
import { isImplementerOf } from '../auth/access';

export { isImplementerOf };

/**
 * The role a user acts in on this pilot's evaluation, or null when they take no part: an implementer only for their
 * own pilot; a province user only within their province (the caller has already scoped the pilot); ministry; admin.
 */
export function evaluationRole(
	db: DbOrTx,
	user: SessionUser,
	pilot: { id: number; provinceCode: string | null }
): 'implementer' | 'province' | 'ministry' | 'admin' | null {
	if (user.role === 'implementer') return isImplementerOf(db, user, pilot.id) ? 'implementer' : null;
	if (user.role === 'province')
		return user.provinceCode && user.provinceCode === pilot.provinceCode ? 'province' : null;
	return user.role;
}
