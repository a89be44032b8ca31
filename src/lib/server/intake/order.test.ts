/**
 * Rows in any order: a shuffled file is stored exactly as the same rows grouped (the store sorts itself in place,
 * notes and enterprises moving with their rows), and repeated keys are refused wherever they stand in the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importIndicators } from './index';
import { sortRows } from './order';
import { RowStore } from './rows';
import { intakeTestDb, TEST_TODAY } from '../testing/registry';

const HEADER = 'pilot_code,enterprise_code,period,indicator_code,value,unit,note';
const open: { t: ReturnType<typeof intakeTestDb>; dir: string }[] = [];

afterEach(() => {
	for (const { t, dir } of open.splice(0)) {
		t.sqlite.close();
		rmSync(dir, { recursive: true, force: true });
	}
});

/** Commits (or checks) the lines on a fresh database; answers the summary and the stored values. */
async function importOnFresh(lines: string[], dryRun = false) {
	const t = intakeTestDb();
	const dir = mkdtempSync(join(tmpdir(), 'intake-order-'));
	open.push({ t, dir });
	const summary = await importIndicators(t.db, new TextEncoder().encode([HEADER, ...lines, ''].join('\n')), {
		user: t.users.imp1,
		dryRun,
		fileName: 'order.csv',
		channel: 'cli',
		today: TEST_TODAY,
		dataDir: dir
	});
	const stored = t.sqlite
		.prepare(
			`SELECT e.code AS e, o.period, o.indicator_code AS c, o.value, o.note
			FROM observations o LEFT JOIN enterprises e ON e.id = o.enterprise_id
			WHERE o.superseded_by IS NULL ORDER BY o.period, e.code NULLS FIRST, o.indicator_code`
		)
		.all();
	const rollups = t.sqlite
		.prepare(
			'SELECT period, indicator_code AS c, value, enterprise_sum AS sum, enterprises AS n FROM rollups ORDER BY 1, 2'
		)
		.all();
	return { summary, stored, rollups };
}

/** Every enterprise (and the pilot itself) × the three closed quarters × three indicators, grouped; a few with notes. */
function groupedRows(): string[] {
	const rows: string[] = [];
	let n = 0;
	for (const e of ['', 'E01', 'E02', 'E03'])
		for (const period of ['2025Q3', '2025Q4', '2026Q1'])
			for (const code of ['cod', 'nox', 'so2']) {
				n++;
				rows.push(`Q-1,${e},${period},${code},${n * 1.5},t,${n % 5 === 0 ? `note ${n}` : ''}`);
			}
	return rows;
}

/** A fixed shuffle (Fisher–Yates on a Park–Miller sequence). */
function shuffled<T>(items: T[], seed = 20261206): T[] {
	const out = [...items];
	let s = seed;
	for (let i = out.length - 1; i > 0; i--) {
		s = (s * 48271) % 2147483647;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

describe('rows in any order', () => {
	it('stores a shuffled file exactly as the same rows grouped: values, notes, enterprises and roll-ups', async () => {
		const rows = groupedRows();
		const mixed = shuffled(rows);
		expect(mixed).not.toEqual(rows);
		const grouped = await importOnFresh(rows);
		const other = await importOnFresh(mixed);
		expect(grouped.summary.errorCount).toBe(0);
		expect(other.summary.errorCount).toBe(0);
		expect(other.summary.counts).toEqual(grouped.summary.counts);
		expect(other.stored).toEqual(grouped.stored);
		expect(other.stored).toHaveLength(rows.length);
		expect(other.rollups).toEqual(grouped.rollups);
		// each listed change names the row it came from in the shuffled file, and that row holds its value
		for (const change of other.summary.changes) {
			const [, e, period, code, value] = mixed[change.row - 2].split(',');
			expect([change.enterpriseCode ?? '', change.period, change.indicatorCode, change.new]).toEqual([
				e,
				period,
				code,
				Number(value)
			]);
		}
	});

	it('keeps each note with its own row when the rows move', async () => {
		const { stored } = await importOnFresh(shuffled(groupedRows()));
		const withNotes = (stored as { value: number; note: string | null }[]).filter((r) => r.note !== null);
		expect(withNotes.length).toBeGreaterThan(0);
		// groupedRows gives row n the value n × 1.5 and, every fifth row, the note "note n"
		for (const r of withNotes) expect(r.note).toBe(`note ${r.value / 1.5}`);
	});

	it('refuses every row of a repeated key wherever its rows stand, naming them all', async () => {
		const rows = shuffled(groupedRows());
		// file rows are spreadsheet rows: the header is row 1, so lines[i] is row i + 2
		const lines = [
			...rows.slice(0, 5),
			'Q-1,E02,2025Q4,nox,1,t,',
			...rows.slice(5, 20),
			'Q-1,E02,2025Q4,nox,2,t,',
			...rows.slice(20)
		];
		const first = rows.findIndex((r) => r.startsWith('Q-1,E02,2025Q4,nox,'));
		const original = first < 5 ? first + 2 : first < 20 ? first + 3 : first + 4;
		const { summary } = await importOnFresh(lines, true);
		const duplicates = summary.problems.filter((p) => p.code === 'E_DUPLICATE');
		expect(duplicates.map((p) => p.row)).toEqual([7, 23, original].sort((a, b) => a - b));
		expect(summary.counts.refused).toBe(3);
		expect(summary.isWritten).toBe(false);
	});
});

describe('the row store', () => {
	/** 3,000 rows over 3 pilots (enterprises 101.. per pilot), in reverse key order, every seventh with a note. */
	function filled(): RowStore {
		const store = new RowStore(1024); // grows twice on the way
		for (let n = 2999; n >= 0; n--) {
			const pilot = n % 3;
			const local = 1 + (Math.floor(n / 3) % 40);
			store.push(
				n + 2,
				pilot,
				100 * (pilot + 1) + local,
				local,
				Math.floor(n / 120) % 4,
				n % 5,
				n / 4,
				n % 7 ? '' : `n${n}`
			);
		}
		return store;
	}

	it('keeps every column of every row when it grows', () => {
		const store = filled();
		expect(store.length).toBe(3000);
		for (let i = 0; i < 3000; i++) {
			const n = 2999 - i;
			expect([store.row[i], store.pilot[i], store.enterprise(i), store.value[i], store.noteOf(i)]).toEqual([
				n + 2,
				n % 3,
				100 * ((n % 3) + 1) + 1 + (Math.floor(n / 3) % 40),
				n / 4,
				n % 7 ? null : `n${n}`
			]);
		}
	});

	it('sorts itself by key in place, each row whole (ties in the order pushed)', () => {
		const store = filled();
		const before = new Map<number, unknown[]>();
		for (let i = 0; i < store.length; i++)
			before.set(store.row[i], [store.key(i), store.enterprise(i), store.value[i], store.noteOf(i)]);
		sortRows(store);
		for (let i = 0; i < store.length; i++) {
			if (i > 0) expect(store.key(i)).toBeGreaterThanOrEqual(store.key(i - 1));
			// filled() pushes rows from the last to the first: a tie keeps that order
			if (i > 0 && store.key(i) === store.key(i - 1)) expect(store.row[i]).toBeLessThan(store.row[i - 1]);
			expect([store.key(i), store.enterprise(i), store.value[i], store.noteOf(i)]).toEqual(before.get(store.row[i]));
		}
	});
});
