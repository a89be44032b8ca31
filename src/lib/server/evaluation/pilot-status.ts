/** The pilot's lifecycle status as the evaluation moves it, with a dated status event each time. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { pilots, pilotStatusEvents } from '../db/schema';
import type { PilotStatus } from '../../domain/taxonomy';

/** Sets the status and appends its event (on: a China date); a status already held adds nothing. */
export function setPilotStatus(
	tx: DbOrTx,
	pilotId: number,
	status: PilotStatus,
	on: string,
	note: string | null
): void {
	const current = tx.select({ status: pilots.status }).from(pilots).where(eq(pilots.id, pilotId)).get();
	if (!current || current.status === status) return;
	tx.update(pilots).set({ status, updatedAt: Date.now() }).where(eq(pilots.id, pilotId)).run();
	tx.insert(pilotStatusEvents).values({ pilotId, status, on, note }).run();
}
