/**
 * The dashboard's computed views, kept per connection until anything in the database changes. A view's data depends
 * only on the database, the asking user's scope, the filter and the view's own parameters, so those four make its key:
 * the scope is part of every key, so that a view computed for one scope (all pilots, a province, an implementer's
 * pilots) is never handed to another. The database part is its change stamp: PRAGMA data_version (moves when another
 * connection — the intake worker, the CLI — commits) with total_changes() (every row this connection has written);
 * when the stamp moves, every kept view is dropped, so a view is never older than the request that reads it.
 * A view that has to be computed is computed in an event-loop turn of its own (inTurn), as are the steps that bring
 * the caches up to date after a change, so that the server goes on answering other requests in between.
 */
import type { Db } from '../db';
import type { Scope } from '../auth/access';
import type { DashboardFilter } from '../../analytics/dashboard-filter';

/** Views kept at most per connection; the least recently used goes first. */
export const MAX_VIEWS = 64;

type Kept = { stamp: string; views: Map<string, unknown> };
const kept = new WeakMap<object, Kept>();
const stampStatements = new WeakMap<object, { get(): unknown }>();

/** What changes whenever anything is written to the database, by this connection or any other. */
export function changeStamp(db: Db): string {
	let statement = stampStatements.get(db.$client);
	if (!statement) {
		statement = db.$client
			.prepare('SELECT (SELECT data_version FROM pragma_data_version) AS v, total_changes() AS c')
			.raw();
		stampStatements.set(db.$client, statement);
	}
	const [version, changes] = statement.get() as [number, number];
	return `${version}:${changes}`;
}

/** The part of a key that names the scope: every kind with what narrows it. */
export function scopeKey(scope: Scope): string {
	if (scope.kind === 'all') return 'all';
	if (scope.kind === 'province') return `province:${scope.provinceCode}`;
	return `pilots:${scope.userId}`;
}

/** The kept views of the connection, emptied first when the database changed since they were kept. */
function viewsOf(db: Db): Map<string, unknown> {
	const stamp = changeStamp(db);
	let mine = kept.get(db.$client);
	if (!mine || mine.stamp !== stamp) kept.set(db.$client, (mine = { stamp, views: new Map() }));
	return mine.views;
}

type ViewKey = { name: string; scope: Scope; filter: DashboardFilter; params?: unknown };
const keyOf = (view: ViewKey) => JSON.stringify([view.name, scopeKey(view.scope), view.filter, view.params ?? null]);

/**
 * The view `name` for the scope, filter and parameters: kept from an earlier request when nothing has been written
 * since, else `compute`d now (and kept). `compute` must read nothing but the database, `scope`, `filter` and `params`
 * — never the user or the request — and its result is shared between requests: nobody may modify it.
 */
export function cachedView<T>(db: Db, view: ViewKey, compute: () => T): T {
	// the stamp before computing: a write landing meanwhile leaves the view under the older stamp, read again next time
	const views = viewsOf(db);
	const key = keyOf(view);
	if (views.has(key)) {
		const value = views.get(key) as T;
		// most recently used last
		views.delete(key);
		views.set(key, value);
		return value;
	}
	const value = compute();
	views.set(key, value);
	if (views.size > MAX_VIEWS) views.delete(views.keys().next().value!);
	return value;
}

/** Per connection, the last step queued with inTurn. */
const lastTurn = new WeakMap<object, Promise<unknown>>();

/**
 * Runs `step` in an event-loop turn of its own, once every step queued before it on this connection has run: the
 * server's one thread serves other requests between two steps, so a long piece of work done as several steps never
 * holds it for longer than its longest step.
 */
export function inTurn<T>(db: Db, step: () => T): Promise<T> {
	const previous = lastTurn.get(db.$client) ?? Promise.resolve();
	// setImmediate from inside a step's callback runs in the next turn of the loop, after the I/O that waits
	const result = previous.then(() => new Promise<void>((next) => setImmediate(next))).then(step);
	lastTurn.set(
		db.$client,
		result.catch(() => undefined)
	);
	return result;
}

/**
 * cachedView, with the computation (when the view is not kept) in a turn of its own (inTurn), and what follows it (the
 * page's rendering) in the next; a kept view is answered at once.
 */
export async function cachedInTurn<T>(db: Db, view: ViewKey, compute: () => T): Promise<T> {
	const key = keyOf(view);
	if (viewsOf(db).has(key)) return cachedView(db, view, compute);
	const value = await inTurn(db, () => cachedView(db, view, compute));
	await new Promise<void>((next) => setImmediate(next));
	return value;
}
