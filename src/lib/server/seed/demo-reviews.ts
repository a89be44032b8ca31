/**
 * The demo's review history: the quarters a province would have approved by now, so that approved-only views and
 * frozen figures have something to show. Left alone: each pilot's latest quarter (for the review desk), files with a
 * deliberate mistake (for a reviewer to catch), and the pilots the demo implementer and province accounts work on, so
 * that a person trying those accounts finds their quarters open.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { pilots, userPilots, users } from '../db/schema';
import * as review from '../review/review';
import * as narratives from '../review/narratives';
import type { Actor } from '../audit/audit';
import type { DemoQuarterFile } from './demo-quarters';

const NARRATIVE = '本季度按实施计划推进清洁生产方案，已完成的方案运行正常。（示例）';

/** Submits and approves the eligible imported quarters as the demo admin; returns how many were approved. */
export function approveDemoQuarters(db: Db, files: readonly DemoQuarterFile[], imported: ReadonlySet<string>): number {
	const admin = db.select().from(users).where(eq(users.username, 'admin')).get();
	const province = db.select().from(users).where(eq(users.username, 'province')).get();
	if (!admin) return 0;
	const actor: Actor = { userId: admin.id, name: admin.username, ip: null };
	const implementerPilots = db
		.select({ id: userPilots.pilotId })
		.from(userPilots)
		.innerJoin(users, eq(users.id, userPilots.userId))
		.where(eq(users.username, 'implementer'))
		.all()
		.map((r) => r.id);
	const rows = db.select({ id: pilots.id, code: pilots.code, province: pilots.provinceCode }).from(pilots).all();
	const kept = new Set(
		db
			.select({ code: pilots.code })
			.from(pilots)
			.where(inArray(pilots.id, implementerPilots.length ? implementerPilots : [-1]))
			.all()
			.map((r) => r.code)
	);
	const idOf = new Map(rows.filter((r) => r.province !== province?.provinceCode).map((r) => [r.code, r.id]));
	const latest = new Map<string, string>();
	for (const f of files) if ((latest.get(f.pilotCode) ?? '') < f.period) latest.set(f.pilotCode, f.period);
	let approved = 0;
	for (const f of files) {
		const id = idOf.get(f.pilotCode);
		if (id === undefined || kept.has(f.pilotCode) || f.mistake !== null || !imported.has(f.fileName)) continue;
		if (latest.get(f.pilotCode) === f.period) continue;
		narratives.save(db, id, f.period, NARRATIVE, actor);
		if (!review.act(db, id, f.period, 'submit', 'admin', '', actor).ok) continue;
		if (review.act(db, id, f.period, 'approve', 'admin', '', actor).ok) approved++;
	}
	return approved;
}
