/**
 * What the intake checks rows against: the pilots the uploader may write (loaded on first sight of
 * each code), their term quarters, enterprises and baselines, and the indicator catalogue.
 */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import type Database from 'better-sqlite3';
import { INDICATORS } from '../../domain/indicators';
import { dueDate, periodEnd, periodKey, periodStart, termQuarters } from '../../domain/periods';
import type { SessionUser } from '../auth';

export type PilotContext = {
	index: number;
	id: number;
	code: string;
	/** The four term quarters as `YYYYQn`, and the first and last day of each. */
	periods: string[];
	periodStarts: string[];
	periodEnds: string[];
	dueDates: string[];
	/** Enterprise code → [enterprise id, its index within the pilot in this file (1-based)]. */
	enterprises: Map<string, number>;
	enterpriseLocal: Map<number, number>;
	baselines: Map<string, number>;
	/** Approved (locked) periods, with who approved them and when. */
	locked: Map<string, { by: string; at: number }>;
	/** Running quarters an admin opened for provisional data. */
	provisional: Set<string>;
};

export type PilotLookup =
	{ kind: 'ok'; pilot: PilotContext } | { kind: 'unknown' } | { kind: 'forbidden' } | { kind: 'no-term' };

export const INDICATOR_INDEX = new Map(INDICATORS.map((i, n) => [i.code, n]));

/** Looks pilots up once per code, within what `user` may write: implementers their own pilots, admins all. */
export function pilotLookup(sqlite: Database.Database, user: SessionUser, dueOffsetDefault = 15) {
	const byCode = sqlite.prepare(
		'SELECT p.id, p.code, p.term_start AS termStart, b.due_offset_days AS dueOffset FROM pilots p JOIN batches b ON b.id = p.batch_id WHERE p.code = ?'
	);
	const isOwn = sqlite.prepare('SELECT 1 FROM user_pilots WHERE user_id = ? AND pilot_id = ?');
	const enterprisesOf = sqlite.prepare('SELECT id, code FROM enterprises WHERE pilot_id = ?');
	const baselinesOf = sqlite.prepare(
		'SELECT indicator_code AS code, baseline FROM pilot_indicators WHERE pilot_id = ? AND baseline IS NOT NULL'
	);
	const lockedOf = sqlite.prepare(
		"SELECT period, updated_by AS by, updated_at AS at FROM quarter_reviews WHERE pilot_id = ? AND state = 'approved'"
	);
	const provisionalOf = sqlite.prepare('SELECT period FROM period_openings WHERE pilot_id = ?');
	const cache = new Map<string, PilotLookup>();
	const list: PilotContext[] = [];
	return {
		list,
		get(code: string): PilotLookup {
			const hit = cache.get(code);
			if (hit) return hit;
			const row = byCode.get(code) as
				{ id: number; code: string; termStart: string | null; dueOffset: number | null } | undefined;
			let found: PilotLookup;
			if (!row) found = { kind: 'unknown' };
			else if (user.role !== 'admin' && !(user.role === 'implementer' && isOwn.get(user.id, row.id)))
				found = { kind: 'forbidden' };
			else if (!row.termStart) found = { kind: 'no-term' };
			else {
				const quarters = termQuarters(row.termStart);
				const pilot: PilotContext = {
					index: list.length,
					id: row.id,
					code: row.code,
					periods: quarters.map(periodKey),
					periodStarts: quarters.map(periodStart),
					periodEnds: quarters.map(periodEnd),
					dueDates: quarters.map((q) => dueDate(q, row.dueOffset ?? dueOffsetDefault)),
					enterprises: new Map(
						(enterprisesOf.all(row.id) as { id: number; code: string }[]).map((e) => [e.code, e.id])
					),
					enterpriseLocal: new Map(),
					baselines: new Map(
						(baselinesOf.all(row.id) as { code: string; baseline: number }[]).map((b) => [b.code, b.baseline])
					),
					locked: new Map(
						(lockedOf.all(row.id) as { period: string; by: string; at: number }[]).map((l) => [
							l.period,
							{ by: l.by, at: l.at }
						])
					),
					provisional: new Set((provisionalOf.all(row.id) as { period: string }[]).map((o) => o.period))
				};
				list.push(pilot);
				found = { kind: 'ok', pilot };
			}
			cache.set(code, found);
			return found;
		}
	};
}
