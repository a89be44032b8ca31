import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'tracker-cli-'));
const env = {
	...process.env,
	DATABASE_URL: `file:${join(dir, 'cli.db')}`,
	SEED_DEMO: '0',
	CLI_PASSWORD: 'cli-test-password'
};
const fixture = (name: string) => `test/fixtures/registry/${name}`;

function cli(...args: string[]) {
	const r = spawnSync('node_modules/.bin/tsx', ['scripts/cli.ts', ...args], { env, encoding: 'utf8' });
	return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli', () => {
	it('sets up, checks, refuses, imports, exports and manages users on the same database', () => {
		expect(cli('setup').code).toBe(0);

		const dry = cli('registry', 'import', fixture('pilots-valid-zh.csv'), '--dry-run', '--json');
		expect(dry.code).toBe(0);
		const outcome = JSON.parse(dry.out) as { kind: string; rows: number; isWritten: boolean };
		expect(outcome).toMatchObject({ kind: 'pilots', rows: 3, isWritten: false });
		expect(cli('registry', 'export', 'pilots').out).not.toContain('T-001');

		const bad = cli('registry', 'import', fixture('pilots-invalid.csv'));
		expect(bad.code).toBe(1);
		expect(bad.out).toMatch(/row 2, 省份 “火星”/);
		expect(bad.out).toContain('nothing written');

		expect(cli('registry', 'import', fixture('pilots-valid-zh.csv')).code).toBe(0);
		const exported = cli('registry', 'export', 'pilots', '--lang', 'en');
		expect(exported.out.split('\r\n')[0]).toBe(
			'\uFEFFpilot_code,batch,name_zh,name_en,category,province,air_region,basin,industries,body_name,body_type,term_start,term_end,status,status_date,source_url,inferred_fields,note,is_demo'
		);
		expect(exported.out).toContain('T-001');

		expect(cli('user', 'add', 'jiangsu', '--role', 'province', '--province', '江苏').code).toBe(0);
		const taken = cli('user', 'add', 'jiangsu', '--role', 'province', '--province', '江苏');
		expect(taken.code).toBe(1);
		expect(taken.err).toContain('Username taken');
		expect(cli('user', 'disable', 'jiangsu').code).toBe(0);
		expect(cli('user', 'frobnicate').code).toBe(2);
	});

	it('prints a problem shared by many rows once with its row ranges, while --json keeps every row', () => {
		expect(cli('setup').code).toBe(0);
		expect(cli('user', 'add', 'cli-admin', '--role', 'admin').code).toBe(0);
		const file = join(dir, 'unknown-pilot.csv');
		const rows = Array.from({ length: 31 }, (_, i) => `X-9,E01,2025Q4,voc,${i === 30 ? 'abc' : '1'},t,`);
		writeFileSync(file, ['pilot_code,enterprise_code,period,indicator_code,value,unit,note', ...rows].join('\n'));

		const text = cli('import', file, '--dry-run', '--as', 'cli-admin');
		expect(text.code).toBe(1);
		expect(text.out.split('\n').filter((l) => l.includes('E_PILOT_UNKNOWN'))).toEqual([
			'  [error E_PILOT_UNKNOWN] rows 2–32 (31), pilot_code “X-9”: 登记册中没有此试点 / No such pilot in the registry'
		]);
		expect(text.out).toContain('  [error E_VALUE_NOT_NUMBER] row 32, value “abc”: 不是数字');

		const json = JSON.parse(cli('import', file, '--dry-run', '--json', '--as', 'cli-admin').out) as {
			problems: { row: number; code: string }[];
		};
		const unknown = json.problems.filter((p) => p.code === 'E_PILOT_UNKNOWN').map((p) => p.row);
		expect(unknown).toEqual(Array.from({ length: 31 }, (_, i) => i + 2));
	});
});
