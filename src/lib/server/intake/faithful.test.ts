/**
 * The intake keeps what the person sent and says what it changed (issue 18): field counts, control and invisible
 * characters, notes as typed, conversion notices, the sign, count and rate rules, and the audit line of a refusal.
 * On the small registry of test-registry.ts (Q-1: term quarters 2025Q3..2026Q2, enterprises E01–E03) on 2026-11-29.
 */
// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../auth';
import { importIndicators, type IntakeSummary } from './index';
import { rowRanges } from './notices';
import { MAX_NOTE_CHARS } from './rows';
import { intakeTestDb, TEST_TODAY } from '../testing/registry';

const HEADER = 'pilot_code,enterprise_code,period,indicator_code,value,unit,note';

let t: ReturnType<typeof intakeTestDb>;
let dataDir: string;

beforeEach(() => {
	t = intakeTestDb();
	dataDir = mkdtempSync(join(tmpdir(), 'intake-faithful-'));
});

afterEach(() => {
	t.sqlite.close();
	rmSync(dataDir, { recursive: true, force: true });
});

function run(text: string, options: { user?: SessionUser; dryRun?: boolean } = {}): Promise<IntakeSummary> {
	return importIndicators(t.db, new TextEncoder().encode(text), {
		user: options.user ?? t.users.imp1,
		dryRun: options.dryRun ?? false,
		fileName: 'typed.csv',
		channel: 'cli',
		today: TEST_TODAY,
		dataDir
	});
}

const errors = (s: IntakeSummary) =>
	s.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.code, p.column]);

const stored = (code: string, enterprise = 'E01') =>
	t.sqlite
		.prepare(
			`SELECT o.value, o.note FROM observations o JOIN enterprises e ON e.id = o.enterprise_id
			WHERE e.code = ? AND o.indicator_code = ? AND o.superseded_by IS NULL ORDER BY o.period`
		)
		.all(enterprise, code) as { value: number; note: string | null }[];

const count = (table: string) => (t.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('field counts', () => {
	it('refuses a row with a field too many (an unquoted comma in a note) or too few, naming both counts', async () => {
		const s = await run(
			[
				HEADER,
				'Q-1,E01,2025Q3,nox,1,t,fine',
				'Q-1,E01,2025Q4,nox,2,t,cut, here',
				'Q-1,E01,2026Q1,nox,3,t',
				'Q-1,E01,2026Q2,nox,4,t,,,' // Excel's trailing empty fields: accepted
			].join('\n')
		);
		expect(errors(s)).toEqual([
			[3, 'E_FIELD_COUNT', null],
			[4, 'E_FIELD_COUNT', null]
		]);
		expect(s.problems[0].en).toBe(
			'Row 3 has 8 fields where the header has 7 (an unquoted comma? put a note holding commas in double quotes)'
		);
		expect(s.problems[0].zh).toContain('第 3 行有 8 个字段，表头有 7 列');
		expect(s.problems[1].en).toContain('Row 4 has 6 fields where the header has 7');
		expect(count('observations')).toBe(0);
	});

	it('accepts rows with trailing empty fields when the header has them too', async () => {
		const s = await run(`${HEADER},,\nQ-1,E01,2025Q3,nox,1,t,,,\n`);
		expect(errors(s)).toEqual([]);
		expect(s.isWritten).toBe(true);
	});
});

describe('control and invisible characters', () => {
	it('refuses C0 and C1 controls with row, column and the character named, but keeps tabs and breaks in notes', async () => {
		const s = await run(
			[
				HEADER,
				'Q-1,E01,2025Q3,nox,1,t,"bell\u0007"',
				'Q-1,E01,2025Q4,nox,2\u0000,t,',
				'Q-1,E01,2026Q1,nox,3,t\u0085,',
				'Q-1,E02,2025Q3,nox,4,t,"tab\there\r\nand a line"'
			].join('\n')
		);
		expect(errors(s)).toEqual([
			[2, 'E_CONTROL_CHAR', 'note'],
			[3, 'E_CONTROL_CHAR', 'value'],
			[4, 'E_CONTROL_CHAR', 'unit']
		]);
		expect(s.problems[0].en).toBe(
			'Holds the invisible control character U+0007 (BEL, bell) at character 5; remove it and try again'
		);
		expect(s.problems[1].en).toContain('U+0000 (NUL)');
		expect(s.problems[1].zh).toContain('U+0000（空字符 NUL）');
		expect(s.problems[2].en).toContain('U+0085 (NEL, next line)');
		// one problem per cell: the value with a NUL is not also "not a number"
		expect(s.problems.filter((p) => p.row === 3)).toHaveLength(1);
	});

	it('reports a no-break or ideographic space next to a code as what it is, never trimming it silently', async () => {
		const s = await run(
			[HEADER, 'Q-1\u00a0,E01,2025Q3,nox,1,t,', 'Q-1,\u3000E01,2025Q3,voc,1,t,', 'Q-1 , E01 ,2025Q3,so2,1,t,'].join(
				'\n'
			)
		);
		expect(errors(s)).toEqual([
			[2, 'E_CODE_CHARS', 'pilot_code'],
			[3, 'E_CODE_CHARS', 'enterprise_code']
		]);
		expect(s.problems[0].en).toContain('character 4, U+00A0 (no-break space), is not allowed');
		expect(s.problems[0].zh).toContain('第 4 个字符 U+00A0（不间断空格）不允许');
		expect(s.problems[1].en).toContain('character 1, U+3000 (ideographic (full-width) space)');
	});
});

describe('notes are stored exactly as typed', () => {
	it('keeps a leading tab, a leading CR and CRLF inside a quoted note, in an LF file and in a CRLF file', async () => {
		for (const eol of ['\n', '\r\n']) {
			t.sqlite.exec('DELETE FROM rollups; DELETE FROM observations; DELETE FROM revisions;');
			const notes = ['\tindented', '\rafter a CR', 'line one\r\nline two', 'lf\nonly', '  spaced  ', '="formula"'];
			const rows = notes.map(
				(n, i) => `Q-1,E0${1 + (i % 3)},2025Q${3 + Math.floor(i / 3)},nox,${i + 1},t,"${n.replace(/"/g, '""')}"`
			);
			const s = await run([HEADER, ...rows].join(eol) + eol);
			expect(errors(s), JSON.stringify(eol)).toEqual([]);
			const got = t.sqlite
				.prepare("SELECT note FROM observations WHERE indicator_code = 'nox' ORDER BY value")
				.all() as {
				note: string;
			}[];
			expect(got.map((r) => r.note)).toEqual(notes);
		}
	});

	it('refuses a note longer than the limit with its row and column', async () => {
		const long = 'x'.repeat(MAX_NOTE_CHARS + 1);
		const s = await run(`${HEADER}\nQ-1,E01,2025Q3,nox,1,t,ok\nQ-1,E01,2025Q4,nox,1,t,${long}\n`);
		expect(errors(s)).toEqual([[3, 'E_FIELD_TOO_LONG', 'note']]);
		expect(s.problems[0].en).toBe(
			`The text is ${MAX_NOTE_CHARS + 1} characters long, over the limit of ${MAX_NOTE_CHARS}`
		);
		expect(s.problems[0].value!.length).toBeLessThan(50); // the refusal does not echo the whole note back
	});

	it('reads a single 3 MB quoted note spread over many pieces, and refuses it by its length', async () => {
		const huge = 'a, "b"\n'.repeat(450_000).replace(/"/g, '""');
		const s = await run(`${HEADER}\nQ-1,E01,2025Q3,nox,1,t,"${huge}"\nQ-1,E01,2025Q4,nox,2,t,\n`, { dryRun: true });
		expect(errors(s)).toEqual([[2, 'E_FIELD_TOO_LONG', 'note']]);
		expect(s.rows).toBe(2);
	});
});

describe('conversion notices', () => {
	it('says once per kind what was converted, with the rows, and still accepts the file', async () => {
		const s = await run(
			[
				HEADER,
				'Q-1,E01,2025Q3,nox,1500,kg,', // 2: kg → t
				'Q-1,E01,2025Q4,nox,2500,千克,', // 3: 千克 → t
				'Q-1,E01,2026Q1,nox,800,kg,', // 4: kg → t
				'Q-1,E01,2025Q3,electricity,1.2,万kWh,', // 5: 万kWh → MWh
				'Q-1,E01,2025Q4,electricity,"1,234.5",MWh,', // 6: thousands separator
				'Q-1,E01,2026Q1,electricity,１２３．５,MWh,', // 7: full-width
				'Q-1,E01,2026Q2,electricity,1.5e3,MWh,', // 8: exponent
				'Q-1,E02,2025年第四季度,nox,1,t,', // 9: period form
				'Q-1,E02,2025-Q3,nox,1,t,', // 10: another period form
				'Q-1,E02,2026Q1,氮氧化物排放量,1,t,' // 11: indicator by name
			].join('\n')
		);
		expect(errors(s)).toEqual([]);
		expect(s.isWritten).toBe(true);
		expect(s.notices.map((n) => [n.code, n.count, n.rows, n.from, n.to])).toEqual([
			['N_UNIT_CONVERTED', 2, [2, 4], 'kg', 't'],
			['N_UNIT_CONVERTED', 1, [3], '千克', 't'],
			['N_UNIT_CONVERTED', 1, [5], '万kWh', 'MWh'],
			['N_THOUSANDS_SEPARATOR', 1, [6], null, null],
			['N_FULL_WIDTH', 1, [7], null, null],
			['N_EXPONENT', 1, [8], null, null],
			['N_PERIOD_FORM', 1, [9], '2025年第四季度', '2025Q4'],
			['N_PERIOD_FORM', 1, [10], '2025-Q3', '2025Q3'],
			['N_INDICATOR_NAME', 1, [11], '氮氧化物排放量', 'nox']
		]);
		expect(s.notices[0].en).toBe('2 values converted from kg to t: rows 2, 4');
		expect(s.notices[0].zh).toBe('2 个数值已由 kg 换算为 t：第 2, 4 行');
		expect(stored('nox').map((r) => r.value)).toEqual([1.5, 2.5, 0.8]);
		expect(stored('electricity').map((r) => r.value)).toEqual([12, 1234.5, 123.5, 1500]);
	});

	it('writes rows as ranges and counts past the listed ones', () => {
		expect(rowRanges([2, 3, 4, 7, 9, 10])).toBe('2–4, 7, 9–10');
		expect(rowRanges([2, 4, 6], 3, 2)).toBe('2, 4, … (+1)');
		expect(rowRanges([5], 1200)).toBe('5, … (+1199)');
	});

	it('converts without float noise: 1234 kg is 1.234 t', async () => {
		await run(`${HEADER}\nQ-1,E01,2025Q3,nox,1234,kg,\nQ-1,E01,2025Q4,nox,0.3,万吨,\n`);
		expect(stored('nox').map((r) => r.value)).toEqual([1.234, 3000]);
	});
});

describe('sign, count and rate rules', () => {
	it('lets a signed indicator (economic benefit) be negative and refuses a negative emission', async () => {
		const s = await run(`${HEADER}\nQ-1,E01,2025Q3,benefit,-12.5,万元,a loss\nQ-1,E01,2025Q3,nox,-1,t,\n`);
		expect(errors(s)).toEqual([[3, 'E_VALUE_NEGATIVE', 'value']]);
		expect((await run(`${HEADER}\nQ-1,E01,2025Q3,benefit,-12.5,万元,a loss\n`)).isWritten).toBe(true);
		expect(stored('benefit')).toEqual([{ value: -12.5, note: 'a loss' }]);
	});

	it('refuses a fraction of a count with its row', async () => {
		const s = await run(`${HEADER}\nQ-1,E01,2025Q3,high_cost_options,2.5,项,\nQ-1,E01,2025Q3,low_cost_options,3,项,\n`);
		expect(errors(s)).toEqual([[2, 'E_VALUE_NOT_INTEGER', 'value']]);
		expect(s.problems[0].en).toBe('This indicator is a count (项): only whole numbers are accepted');
	});

	it('takes a rate with or without its percent sign, refuses one outside 0–100, and says so', async () => {
		const bad = await run(`${HEADER}\nQ-1,E01,2025Q3,water_reuse_rate,101,%,\nQ-1,E01,2025Q4,water_reuse_rate,-1,%,\n`);
		expect(errors(bad)).toEqual([
			[2, 'E_RATE_RANGE', 'value'],
			[3, 'E_VALUE_NEGATIVE', 'value']
		]);
		const s = await run(`${HEADER}\nQ-1,E01,2025Q3,water_reuse_rate,95%,%,\nQ-1,E01,2025Q4,water_reuse_rate,96.5,%,\n`);
		expect(errors(s)).toEqual([]);
		expect(s.notices.map((n) => [n.code, n.rows])).toEqual([['N_PERCENT_SIGN', [2]]]);
		expect(stored('water_reuse_rate').map((r) => r.value)).toEqual([95, 96.5]);
		// a percent sign is still refused for an amount
		expect(errors(await run(`${HEADER}\nQ-1,E01,2025Q3,nox,5%,t,\n`))).toEqual([[2, 'E_VALUE_PERCENT', 'value']]);
	});

	it('rolls a rate up as a mean weighted by its denominator indicator, else a plain mean — never a sum', async () => {
		await run(
			[
				HEADER,
				// solid waste use rate, weighted by solid waste: (90 × 100 + 60 × 300) / 400 = 67.5
				'Q-1,E01,2025Q3,solid_waste_use_rate,90,%,',
				'Q-1,E02,2025Q3,solid_waste_use_rate,60,%,',
				'Q-1,E01,2025Q3,solid_waste,100,t,',
				'Q-1,E02,2025Q3,solid_waste,300,t,',
				// E02 has no weight in 2025Q4: plain mean (80 + 70) / 2 = 75
				'Q-1,E01,2025Q4,solid_waste_use_rate,80,%,',
				'Q-1,E02,2025Q4,solid_waste_use_rate,70,%,',
				'Q-1,E01,2025Q4,solid_waste,100,t,',
				// water reuse rate has no denominator: plain mean (40 + 50 + 90) / 3 = 60
				'Q-1,E01,2025Q3,water_reuse_rate,40,%,',
				'Q-1,E02,2025Q3,water_reuse_rate,50,%,',
				'Q-1,E03,2025Q3,water_reuse_rate,90,%,',
				// a pilot-level rate wins over the enterprises' mean
				'Q-1,,2025Q4,water_reuse_rate,55,%,',
				'Q-1,E01,2025Q4,water_reuse_rate,10,%,'
			].join('\n')
		);
		const rollups = t.sqlite
			.prepare(
				"SELECT period, indicator_code AS c, value, enterprise_sum AS mean, enterprises AS n FROM rollups WHERE indicator_code LIKE '%rate' ORDER BY c, period"
			)
			.all();
		expect(rollups).toEqual([
			{ period: '2025Q3', c: 'solid_waste_use_rate', value: 67.5, mean: 67.5, n: 2 },
			{ period: '2025Q4', c: 'solid_waste_use_rate', value: 75, mean: 75, n: 2 },
			{ period: '2025Q3', c: 'water_reuse_rate', value: 60, mean: 60, n: 3 },
			{ period: '2025Q4', c: 'water_reuse_rate', value: 55, mean: 10, n: 1 }
		]);
		const solidWaste = t.sqlite
			.prepare("SELECT value FROM rollups WHERE indicator_code = 'solid_waste' AND period = '2025Q3'")
			.get() as { value: number };
		expect(solidWaste.value).toBe(400); // amounts are still summed
	});
});

describe('audit of refused uploads', () => {
	it("records an implementer's refused upload of another pilot: who, file hash, channel and problem codes, no rows", async () => {
		const s = await run(`${HEADER}\nQ-2,F01,2025Q3,nox,1,t,secret note\nQ-2,F01,2025Q4,nox,1,t,\n`);
		expect(errors(s)).toEqual([
			[2, 'E_PILOT_FORBIDDEN', 'pilot_code'],
			[3, 'E_PILOT_FORBIDDEN', 'pilot_code']
		]);
		const lines = t.sqlite.prepare("SELECT * FROM audit_log WHERE action = 'import.refuse'").all() as Record<
			string,
			string
		>[];
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ actor: 'imp1', entity: 'upload', entity_id: null });
		expect(Number(lines[0].user_id)).toBe(t.users.imp1.id);
		expect(JSON.parse(lines[0].after)).toEqual({
			file: 'typed.csv',
			sha256: s.sha256,
			bytes: s.bytes,
			rows: 2,
			channel: 'cli',
			isDryRun: false,
			errors: 2,
			codes: { E_PILOT_FORBIDDEN: 2 }
		});
		expect(lines[0].after).not.toContain('secret note');
		expect(lines[0].after).not.toContain('Q-2');
		expect(count('uploads')).toBe(0);
	});

	it('records nothing for an accepted file beyond its commit line', async () => {
		await run(`${HEADER}\nQ-1,E01,2025Q3,nox,1,t,\n`);
		const actions = t.sqlite.prepare("SELECT action FROM audit_log WHERE action LIKE 'import.%'").all() as {
			action: string;
		}[];
		expect(actions.map((a) => a.action)).toEqual(['import.commit']);
	});
});
