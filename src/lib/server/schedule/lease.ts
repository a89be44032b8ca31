/**
 * Once per slot, however many processes: a run is claimed by inserting its (job, slot) row in an immediate
 * transaction, so two servers on one database cannot both claim it. The row holds a lease; a run whose process stopped
 * before finishing (its lease past) may be taken over. An exclusive job (the mail job) is also not claimed while
 * another of its runs still holds a live lease, so that two rounds never send the same mail.
 */
import type Database from 'better-sqlite3';

export type Claim = { job: string; slot: string; holder: string };

export function claimRun(
	sqlite: Database.Database,
	claim: Claim,
	options: { now: number; leaseMs: number; exclusive?: boolean }
): boolean {
	const { job, slot, holder } = claim;
	const { now, leaseMs } = options;
	const take = sqlite.transaction((): boolean => {
		if (options.exclusive) {
			const busy = sqlite
				.prepare(
					'SELECT 1 FROM schedule_runs WHERE job = ? AND finished_at IS NULL AND lease_until > ? AND slot <> ? LIMIT 1'
				)
				.get(job, now, slot);
			if (busy) return false;
		}
		const inserted = sqlite
			.prepare(
				'INSERT INTO schedule_runs (job, slot, holder, lease_until, started_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'
			)
			.run(job, slot, holder, now + leaseMs, now);
		if (inserted.changes === 1) return true;
		// a run left unfinished by a process that stopped: taken over once its lease has passed
		return (
			sqlite
				.prepare(
					'UPDATE schedule_runs SET holder = ?, lease_until = ?, started_at = ? WHERE job = ? AND slot = ? AND finished_at IS NULL AND lease_until <= ?'
				)
				.run(holder, now + leaseMs, now, job, slot, now).changes === 1
		);
	});
	return take.immediate();
}

/** Records the end of a claimed run (only by its holder: a run taken over is finished by its new holder). */
export function finishRun(
	sqlite: Database.Database,
	claim: Claim,
	outcome: { ok: boolean; result: unknown; now: number }
): void {
	sqlite
		.prepare('UPDATE schedule_runs SET finished_at = ?, ok = ?, result = ? WHERE job = ? AND slot = ? AND holder = ?')
		.run(
			outcome.now,
			outcome.ok ? 1 : 0,
			JSON.stringify(outcome.result).slice(0, 2000),
			claim.job,
			claim.slot,
			claim.holder
		);
}

/** Forgets the finished runs of a job older than `before` (the mail job leaves a row a minute). */
export function pruneRuns(sqlite: Database.Database, job: string, before: number): number {
	return sqlite
		.prepare('DELETE FROM schedule_runs WHERE job = ? AND finished_at IS NOT NULL AND started_at < ?')
		.run(job, before).changes;
}
