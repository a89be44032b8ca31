import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/lib/server/db';
import { seedReference } from '../src/lib/server/seed';
import { writeDataset } from '../src/lib/server/registry/write';
import { systemActor } from '../src/lib/server/audit/audit';
import type { RegistryPilot } from '../src/lib/server/registry/types';

const dir = mkdtempSync(join(tmpdir(), 'tracker-cli-evaluation-'));
const url = `file:${join(dir, 'cli.db')}`;
const env = { ...process.env, DATABASE_URL: url, SEED_DEMO: '0' };
const CODE = '91320100MA1TEST01X';

function cli(...args: string[]) {
	const r = spawnSync('node_modules/.bin/tsx', ['scripts/cli.ts', ...args], { env, encoding: 'utf8' });
	return { code: r.status, out: r.stdout, err: r.stderr };
}

const pilot = (code: string, provinceCode: string): RegistryPilot => ({
	code,
	batchNumber: 1,
	nameZh: `命令行测试试点 ${code}`,
	nameEn: null,
	category: 3,
	provinceCode,
	airRegion: null,
	basin: null,
	industries: [],
	bodyName: null,
	bodyType: null,
	termStart: '2023-01-01',
	termEnd: '2023-12-31',
	status: 'evaluating',
	statusEvents: [],
	sourceUrl: null,
	inferredFields: [],
	note: null,
	isDemo: false
});

/** A database with two decided pilots of batch 1: P-1 (江苏, two enterprises, one with a code) passed, P-2 not. */
beforeAll(() => {
	const { db, sqlite } = openDb(url);
	seedReference(db);
	db.transaction((tx) =>
		writeDataset(
			tx,
			{
				pilots: [pilot('P-1', '320000'), pilot('P-2', '110000')],
				enterprises: [
					{ pilotCode: 'P-1', code: 'A01', nameZh: '命令行甲公司', industry: null, creditCode: CODE },
					{ pilotCode: 'P-1', code: 'A02', nameZh: '命令行乙公司', industry: null, creditCode: null },
					{ pilotCode: 'P-2', code: 'B01', nameZh: '命令行丙公司', industry: null, creditCode: null }
				],
				indicators: []
			},
			systemActor('test')
		)
	);
	const decide = sqlite.prepare(
		`INSERT INTO evaluation_decisions (pilot_id, decision, reason, decided_on, decided_by, decided_at)
		 SELECT id, ?, '评估意见', '2024-08-01', 'test', 0 FROM pilots WHERE code = ?`
	);
	decide.run('passed', 'P-1');
	decide.run('not_passed', 'P-2');
	sqlite.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- evaluation publish / credits export', () => {
	it('refuses a bad publication, publishes once with counts and credits, and exports the credits by province', () => {
		const future = cli('evaluation', 'publish', '1', '--ref', '环办科财函〔2024〕1号', '--date', '2999-01-01');
		expect(future.code).toBe(1);
		expect(future.err).toContain('发布日期不能晚于今天 / The publication date cannot be in the future');
		expect(cli('evaluation', 'publish', 'one', '--ref', 'x', '--date', '2024-09-01').code).toBe(2);

		const done = cli('evaluation', 'publish', '1', '--ref', '环办科财函〔2024〕1号', '--date', '2024-09-01');
		expect(done.err).toBe('');
		expect(done.code).toBe(0);
		expect(done.out).toContain('evaluated 2, passed 1, not passed 1; 2 enterprise credits granted');
		expect(done.out).toContain('参加评估 2，通过 1，未通过 1');
		const again = cli('evaluation', 'publish', '1', '--ref', '另一个文号', '--date', '2024-09-02');
		expect(again.code).toBe(1);
		expect(again.err).toMatch(/published and cannot be edited/);

		const out = join(dir, 'credits-320000.csv');
		const jiangsu = cli('credits', 'export', '--province', '江苏', '--out', out);
		expect(jiangsu.code).toBe(0);
		// ordered by pilot, then enterprise name as SQLite compares it (乙 U+4E59 before 甲 U+7532)
		expect(readFileSync(out, 'utf8').split('\r\n')).toEqual([
			'\uFEFFenterprise_name,credit_code,province_code,pilot_code,pilot_name,batch,list_ref,granted_on,revoked_on,status',
			'命令行乙公司,,320000,P-1,命令行测试试点 P-1,1,环办科财函〔2024〕1号,2024-09-01,,valid;no_code',
			`命令行甲公司,${CODE},320000,P-1,命令行测试试点 P-1,1,环办科财函〔2024〕1号,2024-09-01,,valid`,
			''
		]);
		const beijing = cli('credits', 'export', '--province', '110000');
		expect(beijing.code).toBe(0);
		expect(beijing.out.trim().split('\r\n')).toHaveLength(1);
		expect(cli('credits', 'export').out).toContain('命令行乙公司');
		expect(cli('credits', 'export', '--province', '火星').code).toBe(1);
	}, 120_000);
});
