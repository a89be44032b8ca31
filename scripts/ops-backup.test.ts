import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rawFilePath } from '../src/lib/server/intake/store';
import { createInstance, importFile, importInto } from '../src/lib/server/testing/instance';

const root = mkdtempSync(join(tmpdir(), 'tracker-cli-ops-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The CLI as an operator runs it, on the instance in `dir` (DATABASE_URL `dir/tracker.db`, DATA_DIR `dir`). */
function cli(dir: string, ...args: string[]) {
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
		env: { ...process.env, DATABASE_URL: `file:${join(dir, 'tracker.db')}`, DATA_DIR: dir },
		encoding: 'utf8'
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run cli -- backup | restore | check', () => {
	it('backs up, refuses to restore over data, restores into an empty folder and checks with exit codes', async () => {
		const source = join(root, 'source');
		const instance = createInstance(source, 1);
		const upload = await importFile(join(root, 'upload.csv'), 2000, 1);
		await importInto(instance, upload.path);

		const out = join(root, 'nightly.zip');
		const made = cli(source, 'backup', '--out', out);
		expect(made.code, made.err).toBe(0);
		expect(made.out).toMatch(/^备份完成 \/ Backup written: .*nightly\.zip .*1 raw files/);

		const refused = cli(source, 'restore', out);
		expect(refused.code).toBe(1);
		expect(refused.err).toContain('add --force');

		const target = join(root, 'target');
		const restored = cli(target, 'restore', out);
		expect(restored.code, restored.err).toBe(0);
		expect(existsSync(rawFilePath(upload.sha256, target))).toBe(true);
		const ok = cli(target, 'check');
		expect(ok.code).toBe(0);
		expect(ok.out).toContain('All checks passed');

		appendFileSync(rawFilePath(upload.sha256, target), 'tampered');
		const bad = cli(target, 'check', '--json');
		expect(bad.code).toBe(1);
		expect(JSON.parse(bad.out)).toMatchObject({ ok: false, rawFiles: { mismatched: [upload.sha256] } });

		expect(cli(root, 'restore').code).toBe(2); // usage
		expect(readdirSync(root)).not.toContain('tracker.db');
	}, 60_000);
});
