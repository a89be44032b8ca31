import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { rawFilePath } from '../intake/store';
import { OpsRefusal } from './backup';
import { check, formatCheck } from './check';
import { attachRecommendationFile, createInstance, importFile, importInto } from '../testing/instance';

const root = mkdtempSync(join(tmpdir(), 'tracker-ops-check-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('check', () => {
	it('passes a whole instance, then reports tampered and missing raw files and a broken foreign key', async () => {
		const instance = createInstance(root, 2);
		const upload = await importFile(join(root, 'upload.csv'), 2000, 1);
		await importInto(instance, upload.path);
		const letter = attachRecommendationFile(instance, 'the provincial letter');

		const clean = check(instance);
		expect(clean).toEqual({
			integrity: 'ok',
			foreignKeys: [],
			rawFiles: { checked: 2, missing: [], mismatched: [] },
			ok: true
		});
		expect(formatCheck(clean)).toContain('All checks passed');

		appendFileSync(rawFilePath(upload.sha256, instance.dataDir), 'x');
		rmSync(rawFilePath(letter, instance.dataDir));
		// written as the app never would: with foreign keys off
		const sqlite = new Database(instance.dbPath);
		sqlite.pragma('foreign_keys = OFF');
		const rowid = sqlite
			.prepare("INSERT INTO enterprises (pilot_id, code, name_zh) VALUES (424242, 'X', 'orphan')")
			.run().lastInsertRowid;
		sqlite.close();

		const report = check(instance);
		expect(report.ok).toBe(false);
		expect(report.integrity).toBe('ok');
		expect(report.rawFiles).toEqual({ checked: 2, missing: [letter], mismatched: [upload.sha256] });
		expect(report.foreignKeys).toEqual([{ table: 'enterprises', rowid: Number(rowid), parent: 'pilots', fkid: 0 }]);
		const text = formatCheck(report);
		expect(text).toContain(`missing    ${letter}`);
		expect(text).toContain(`mismatched ${upload.sha256}`);
		expect(text).toContain('enterprises rowid');
		expect(text).toContain('Problems found');
	});

	it('refuses a database that is not there', () => {
		expect(() => check({ databaseUrl: `file:${join(root, 'nothing.db')}`, dataDir: root })).toThrow(OpsRefusal);
	});
});
