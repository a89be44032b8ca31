/**
 * What every load and action of the pilot's pages starts from: the signed-in user and the pilot within their scope
 * (404 outside it, exactly like a pilot that does not exist), who may write for it, and its term quarters.
 */
import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { isImplementerOf, requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import { dueDate, periodKey, termQuarters } from '$lib/domain/periods';
import type { DbOrTx } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth';

export type Pilot = NonNullable<ReturnType<typeof pilots.get>>;

/** The signed-in user and the pilot with this code within their scope; 401 without a user, 404 outside the scope. */
export function pilotInScope(user: SessionUser | null, code: string) {
	const u = requireUser(user);
	const db = getDb();
	const pilot = pilots.get(db, scopeOf(u), code);
	if (!pilot) error(404, 'Not found');
	return { user: u, db, pilot };
}

/** Narratives and submissions are written by the pilot's own implementers (and admins). */
export function canWrite(db: DbOrTx, user: SessionUser, pilotId: number): boolean {
	return user.role === 'admin' || isImplementerOf(db, user, pilotId);
}

/** The pilot's four term quarters, numbered 1–4, with key and due date; none while the term is unknown. */
export function quartersOf(pilot: Pick<Pilot, 'termStart' | 'batch'>) {
	if (!pilot.termStart) return [];
	return termQuarters(pilot.termStart).map((p, i) => ({
		n: i + 1,
		period: p,
		key: periodKey(p),
		due: dueDate(p, pilot.batch.dueOffsetDays)
	}));
}

/** Who did it, for the audit trail. */
export function actorOf(user: SessionUser, ip: string) {
	return { userId: user.id, name: user.username, ip };
}
