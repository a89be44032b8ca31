/**
 * The replicable-case scores, cached in `pilot_scores`. A score ranks a pilot against its peers, so one pilot's change
 * can move every other's parts: the ranking is always done over all pilots together, but from inputs kept in memory.
 * A refresh re-derives the inputs of only the pilots whose roll-ups, registry facts or statuses changed (the read
 * model hands out a new data object for each pilot it read again), ranks all of them in memory (n log n), and writes
 * only the rows that differ from what is stored.
 */
import { count, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db';
import { pilots, pilotScores } from '../db/schema';
import * as analytics from './analytics';
import { scoreInputOf } from '../../domain/analytics';
import { scorePilots, type PilotScore, type ScoreInput } from '../../domain/score';

export type ScoreDetail = Pick<PilotScore, 'parts' | 'rank'>;

type Stored = { score: number; isCandidate: boolean; detail: string; computedOn: string };
/** What a pilot's input is derived from besides its read-model data: its row of `pilots`. */
type Row = [
	id: number,
	code: string,
	basin: string | null,
	attainment: number | null,
	due: number | null,
	onTime: number | null,
	late: number | null
];
/** A pilot's input, with the read model's data object and the row it was derived from. */
type Input = { data: object | undefined; row: Row; input: ScoreInput };
/** What one connection keeps between refreshes. */
type Kept = {
	/** Per pilot: its input and what it was derived from (the read model's data object, the status columns). */
	inputs: Map<number, Input>;
	/** Per pilot: the last score computed and its detail as stored (JSON), so that an unchanged score is not serialised again. */
	computed: Map<number, { score: PilotScore; detail: string }>;
	/** Per pilot: the input those scores were ranked from. */
	ranked: Map<number, ScoreInput>;
	/** The rows of `pilot_scores` as this connection last read or wrote them, and PRAGMA data_version then. */
	stored: Map<number, Stored> | null;
	storedAt: number;
};
const kept = new WeakMap<object, Kept>();

/** The stored rows: kept from the last refresh unless another connection (the intake worker, the CLI) has written since. */
function storedRows(db: Db, mine: Kept): Map<number, Stored> {
	const version = db.$client.pragma('data_version', { simple: true }) as number;
	if (mine.stored && mine.storedAt === version) return mine.stored;
	mine.stored = new Map(
		db
			.values<[number, number, number, string, string]>(
				sql`SELECT pilot_id, score, is_candidate, detail, computed_on FROM pilot_scores`
			)
			.map(([pilotId, score, isCandidate, detail, computedOn]) => [
				pilotId,
				{ score, isCandidate: isCandidate === 1, detail, computedOn }
			])
	);
	mine.storedAt = version;
	return mine.stored;
}

/** Whether two scores of a pilot are the same in every figure the detail holds. */
function isSame(a: PilotScore, b: PilotScore): boolean {
	if (a.score !== b.score || a.isCandidate !== b.isCandidate || !isSamePeer(a.rank, b.rank)) return false;
	return a.parts.every((p, i) => {
		const q = b.parts[i];
		return (
			p.part === q.part &&
			p.value === q.value &&
			p.weight === q.weight &&
			p.points === q.points &&
			p.figure === q.figure &&
			isSamePeer(p.peer, q.peer)
		);
	});
}

function isSamePeer(a: PilotScore['rank'] | null, b: PilotScore['rank'] | null): boolean {
	return a === b || (a !== null && b !== null && a.group === b.group && a.rank === b.rank && a.size === b.size);
}

/** Every pilot's score from the inputs, with its detail as stored (JSON; the one kept when the score is the same). */
function rank(inputs: Map<number, Input>, mine: Kept): Map<number, { score: PilotScore; detail: string }> {
	const ids = [...inputs.keys()];
	const computed = new Map<number, { score: PilotScore; detail: string }>();
	scorePilots([...inputs.values()].map((x) => x.input)).forEach((score, i) => {
		const before = mine.computed.get(ids[i]);
		const detail =
			before && isSame(before.score, score)
				? before.detail
				: JSON.stringify({ parts: score.parts, rank: score.rank } satisfies ScoreDetail);
		computed.set(ids[i], { score, detail });
	});
	return computed;
}

const nothingKept = (): Kept => ({
	inputs: new Map(),
	computed: new Map(),
	ranked: new Map(),
	stored: null,
	storedAt: -1
});

/**
 * Every pilot's input, in code order: the one kept when neither its read-model data nor its row changed since, else
 * derived again.
 */
function inputsOf(db: Db, mine: Kept): Map<number, Input> {
	const { byPilot } = analytics.model(db);
	const rows = db.values<Row>(
		sql`SELECT p.id, p.code, p.basin, p.attainment, p.reports_due, p.reports_on_time, p.reports_late
			FROM pilots p JOIN batches b ON b.id = p.batch_id ORDER BY p.code`
	);
	const inputs = new Map<number, Input>();
	for (const row of rows) {
		const [id, code, basin, attainment, reportsDue, reportsOnTime, reportsLate] = row;
		const data = byPilot.get(id);
		const before = mine.inputs.get(id);
		if (before && before.data === data && before.row.every((x, i) => x === row[i])) {
			inputs.set(id, before);
			continue;
		}
		const pilot = {
			id,
			code,
			basin,
			attainment,
			reportsDue,
			reportsOnTime,
			reportsLate,
			industries: data?.industries ?? []
		};
		const facts = new Map(data ? [[id, data.termFacts]] : []);
		const input = scoreInputOf(pilot, facts);
		// new figures that leave the input as it was (no baseline to judge them by, say) keep the very same input
		const isSameInput = before !== undefined && JSON.stringify(before.input) === JSON.stringify(input);
		inputs.set(id, { data, row, input: isSameInput ? before.input : input });
	}
	return inputs;
}

/**
 * The first part of refreshScores's work, kept for the rest: derives again the inputs of the pilots that changed.
 * The dashboard runs deriveInputs, rankChanged and refreshScores as separate steps.
 */
export function deriveInputs(db: Db): void {
	if (db.$client.inTransaction) return;
	const mine = kept.get(db.$client) ?? nothingKept();
	kept.set(db.$client, { ...mine, inputs: inputsOf(db, mine) });
}

/**
 * The first two parts of refreshScores's work, kept for the last: derives again the inputs of the pilots that changed
 * (unless deriveInputs just did) and ranks every pilot, writing nothing; refreshScores then finds the ranking done for
 * those inputs and only compares and writes.
 */
export function rankChanged(db: Db): void {
	if (db.$client.inTransaction) return;
	const mine = kept.get(db.$client) ?? nothingKept();
	const inputs = inputsOf(db, mine);
	kept.set(db.$client, { ...mine, ...ranked(inputs, mine) });
}

/** The inputs, and every pilot's score ranked from them unless they are those of the last ranking. */
function ranked(inputs: Map<number, Input>, mine: Kept): Pick<Kept, 'inputs' | 'computed' | 'ranked'> {
	// the same pilots with the same inputs as last time rank the same: nothing to compute again
	const isUnchanged =
		inputs.size === mine.ranked.size && [...inputs].every(([id, x]) => mine.ranked.get(id) === x.input);
	return {
		inputs,
		computed: isUnchanged ? mine.computed : rank(inputs, mine),
		ranked: isUnchanged ? mine.ranked : new Map([...inputs].map(([id, x]) => [id, x.input]))
	};
}

/**
 * Brings every pilot's score up to date (they rank against each other) and stores, in one transaction, only the rows
 * that differ from what is stored — after one pilot's import that is a few rows, not all; returns how many were scored.
 * Only the inputs of pilots that changed since the last call on this connection are derived again.
 */
export function refreshScores(db: Db, today: string): number {
	// inside someone else's transaction a rollback could undo the writes: keep nothing from such a call
	const isOwnTransaction = !db.$client.inTransaction;
	const mine = (isOwnTransaction && kept.get(db.$client)) || nothingKept();
	const { inputs, computed, ranked: rankedFrom } = ranked(inputsOf(db, mine), mine);
	const stored = storedRows(db, mine);
	const writes: { pilotId: number; row: Stored }[] = [];
	for (const [pilotId, { score, detail }] of computed) {
		const before = stored.get(pilotId);
		const row = { score: score.score, isCandidate: score.isCandidate, detail, computedOn: today };
		if (
			!before ||
			before.score !== row.score ||
			before.isCandidate !== row.isCandidate ||
			before.detail !== row.detail ||
			before.computedOn !== row.computedOn
		)
			writes.push({ pilotId, row });
	}
	// scores of pilots no longer listed (none today: pilots are never deleted) do not linger
	const gone = [...stored.keys()].filter((id) => !computed.has(id));
	if (writes.length > 0 || gone.length > 0)
		db.transaction((tx) => {
			const upsert = tx
				.insert(pilotScores)
				.values({
					pilotId: sql.placeholder('pilotId'),
					score: sql.placeholder('score'),
					isCandidate: sql.placeholder('isCandidate'),
					detail: sql.placeholder('detail'),
					computedOn: sql.placeholder('computedOn')
				})
				.onConflictDoUpdate({
					target: pilotScores.pilotId,
					set: {
						score: sql`excluded.score`,
						isCandidate: sql`excluded.is_candidate`,
						detail: sql`excluded.detail`,
						computedOn: sql`excluded.computed_on`
					}
				})
				.prepare();
			for (const { pilotId, row } of writes) upsert.run({ pilotId, ...row, isCandidate: row.isCandidate ? 1 : 0 });
			for (const pilotId of gone) tx.delete(pilotScores).where(eq(pilotScores.pilotId, pilotId)).run();
		});
	// committed: what is stored now is known without reading it back
	for (const { pilotId, row } of writes) stored.set(pilotId, row);
	for (const pilotId of gone) stored.delete(pilotId);
	if (isOwnTransaction) kept.set(db.$client, { inputs, computed, ranked: rankedFrom, stored, storedAt: mine.storedAt });
	return computed.size;
}

/** True when some pilot has no score yet (a new pilot, or a database from before scores). */
export function isIncomplete(db: DbOrTx): boolean {
	const row = db
		.select({ n: count() })
		.from(pilots)
		.leftJoin(pilotScores, eq(pilotScores.pilotId, pilots.id))
		.where(isNull(pilotScores.pilotId))
		.get();
	return (row?.n ?? 0) > 0;
}

/** One pilot's score with its parts, or null when it has none. */
export function ofPilot(db: DbOrTx, pilotId: number) {
	const row = db.select().from(pilotScores).where(eq(pilotScores.pilotId, pilotId)).get();
	if (!row) return null;
	return { score: row.score, isCandidate: row.isCandidate, computedOn: row.computedOn, ...detailOf(row.detail) };
}

/** The parsed detail column. */
export function detailOf(json: string): ScoreDetail {
	return JSON.parse(json) as ScoreDetail;
}

/** Every pilot's score with its detail, keyed by pilot id (for the shortlist). */
export function all(db: DbOrTx) {
	return new Map(
		db
			.select()
			.from(pilotScores)
			.all()
			.map((r) => [
				r.pilotId,
				{ score: r.score, isCandidate: r.isCandidate, computedOn: r.computedOn, ...detailOf(r.detail) }
			])
	);
}
