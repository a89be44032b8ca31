/**
 * The app's intake pipeline for `npm run bench -- import`: builds the generated file's registry in
 * a fresh database (not timed), then times `importIndicators` alone on the file — hashing it included — as a dry
 * run or a commit, exactly as the CLI calls it (the web page and the API hand it the file they received to disk).
 */
import { dirname, join } from 'node:path';
import { openDb } from '../../src/lib/server/db';
import { seedReference } from '../../src/lib/server/seed';
import { importIndicators } from '../../src/lib/server/intake';
import { fileUpload } from '../../src/lib/server/intake/store';
import type { ImportRegistry } from './import-file';

export async function runAppPipeline(
	file: string,
	registry: ImportRegistry,
	mode: 'dry-run' | 'commit',
	ctx: { dbPath: string }
) {
	const { db, sqlite } = openDb(`file:${ctx.dbPath}`);
	seedReference(db);
	const batchId = (sqlite.prepare('SELECT id FROM batches WHERE number = 2').get() as { id: number }).id;
	const now = Date.now();
	const userId = Number(
		sqlite
			.prepare(
				"INSERT INTO users (username, display_name, password_hash, role, created_at) VALUES ('bench', 'bench', 'x', 'admin', ?)"
			)
			.run(now).lastInsertRowid
	);
	const insertPilot = sqlite.prepare(
		"INSERT INTO pilots (code, batch_id, name_zh, term_start, term_end, status, created_at, updated_at) VALUES (?, ?, ?, '2025-10-01', '2026-09-30', 'in_progress', ?, ?)"
	);
	const insertEnterprise = sqlite.prepare('INSERT INTO enterprises (pilot_id, code, name_zh) VALUES (?, ?, ?)');
	sqlite.transaction(() => {
		for (const p of registry.pilots) {
			const id = insertPilot.run(p.code, batchId, `基准试点 ${p.code}`, now, now).lastInsertRowid;
			for (const e of p.enterprises) insertEnterprise.run(id, e, `企业 ${e}`);
		}
	})();
	const started = performance.now();
	// as the CLI reads a file: hashed and parsed piece by piece, never whole
	const summary = await importIndicators(db, fileUpload(file), {
		user: { id: userId, username: 'bench', displayName: 'bench', role: 'admin', provinceCode: null },
		dryRun: mode === 'dry-run',
		fileName: 'bench.csv',
		channel: 'cli',
		today: '2027-01-01', // every quarter of the file has ended
		dataDir: join(dirname(ctx.dbPath), 'data')
	});
	const ms = performance.now() - started;
	sqlite.close();
	if (summary.errorCount > 0) throw new Error(`bench file refused: ${JSON.stringify(summary.problems.slice(0, 3))}`);
	return { rows: summary.rows, ms };
}
