/**
 * Who may do what with a pilot's value threads. Implementers: their own pilots (reply, and mark a value corrected);
 * province users: their province's pilots (open, reply, resolve, reopen); the ministry: every pilot (open and reply,
 * never close); admins: everything. Anyone else does not see the pilot's threads at all.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { pilots } from '../db/schema';
import { isImplementerOf } from '../auth/access';
import type { SessionUser } from '../auth';

/** The side a user takes in a pilot's threads. */
export type ThreadPart = 'implementer' | 'reviewer' | 'ministry' | 'admin';

/** The user's part in this pilot's threads, or null when the pilot is outside their scope (or does not exist). */
export function partOf(db: DbOrTx, user: SessionUser, pilotId: number): ThreadPart | null {
	const pilot = db.select({ provinceCode: pilots.provinceCode }).from(pilots).where(eq(pilots.id, pilotId)).get();
	if (!pilot) return null;
	if (user.role === 'admin') return 'admin';
	if (user.role === 'ministry') return 'ministry';
	if (user.role === 'province')
		return user.provinceCode !== null && pilot.provinceCode === user.provinceCode ? 'reviewer' : null;
	return isImplementerOf(db, user, pilotId) ? 'implementer' : null;
}

/** What a part may do; the page shows only these, the server checks them again. */
export function abilitiesOf(part: ThreadPart | null) {
	return {
		canOpen: part === 'reviewer' || part === 'ministry' || part === 'admin',
		canReply: part !== null,
		canResolve: part === 'reviewer' || part === 'admin',
		canMarkCorrected: part === 'implementer'
	};
}

/** Whether a part speaks for the pilot (its implementers) rather than for the reviewers. */
export const isImplementerSide = (part: string) => part === 'implementer';
