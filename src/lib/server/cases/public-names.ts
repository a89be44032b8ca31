/**
 * What a published case may say about people and files: approvers by display name, never by username (usernames
 * are sign-in names, half of a credential), and an upload only by its revision number and content hash, never by
 * its original file name (staff name files after people, enterprises and drafts). New snapshots are frozen that way
 * (cases.frozenFigures); this also cleans snapshots frozen before, whenever the public reads one.
 */
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { users } from '../db/schema';
import type { FrozenPoint, PublishedCase } from '../../cases/content';

/** A point as older snapshots stored it: with the file name and the approver's username. */
type StoredPoint = FrozenPoint & { fileName?: unknown };

/** Display names by username, for the given usernames (unknown ones are left out). */
export function displayNames(db: DbOrTx, usernames: readonly string[]): Map<string, string> {
	const wanted = [...new Set(usernames.filter(Boolean))];
	if (!wanted.length) return new Map();
	return new Map(
		db
			.select({ username: users.username, displayName: users.displayName })
			.from(users)
			.where(inArray(users.username, wanted))
			.all()
			.map((u) => [u.username, u.displayName])
	);
}

/**
 * The snapshot without file names, and — for one frozen before approvers were stored by display name (it still
 * carries file names) — with each approver's username replaced by their display name.
 */
export function publicSnapshot(db: DbOrTx, snapshot: PublishedCase): PublishedCase {
	const points = snapshot.indicators.flatMap((i) => i.points as StoredPoint[]);
	const isLegacy = points.some((p) => 'fileName' in p);
	if (!isLegacy) return snapshot;
	const names = displayNames(
		db,
		points.map((p) => p.approvedBy)
	);
	return {
		...snapshot,
		indicators: snapshot.indicators.map((indicator) => ({
			...indicator,
			points: (indicator.points as StoredPoint[]).map(({ fileName: _fileName, ...point }) => ({
				...point,
				approvedBy: names.get(point.approvedBy) ?? point.approvedBy
			}))
		}))
	};
}
