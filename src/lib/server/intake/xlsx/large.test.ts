/**
 * A 20 MB workbook — 380,000 rows, a unique note on each (shared strings, as Excel saves them) — through the
 * intake beside the same rows as CSV: the same outcome, read as a stream (the heap stays far below the worker's
 * 512 MB), and through the bundled intake worker as the built server runs it.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb } from '../../db';
import { importIndicators, type IntakeSummary } from '../index';
import { fileUpload } from '../store';
import { runIntake } from '../run';
import { resetIntakeGate } from '../queue';
import { intakeTestDb, TEST_TODAY } from '../../testing/registry';
import { HEADER_ZH } from './sheets';

const ENTERPRISES = 9500;
const INDICATORS = ['voc', 'nox', 'pm', 'so2', 'nh3n', 'tp', 'cod', 'tn', 'solid_waste', 'hazardous_waste'];
const PERIODS = ['2025Q3', '2025Q4', '2026Q1', '2026Q2'];
const dir = mkdtempSync(join(tmpdir(), 'xlsx-large-'));
const xlsxPath = join(dir, 'big.xlsx');
const csvPath = join(dir, 'big.csv');
const databaseUrl = `file:${join(dir, 'tracker.db')}`;
const bundle = resolve('node_modules/.cache/tracker-test/intake-worker-xlsx.mjs');
let t: ReturnType<typeof intakeTestDb>;

/** Writes the rows as a workbook (streamed, shared strings) and as CSV; plants a few refusals in both. */
async function writeBoth(): Promise<number> {
	const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsxPath, useSharedStrings: true });
	const sheet = book.addWorksheet('数据');
	const csv = createWriteStream(csvPath);
	sheet.addRow(HEADER_ZH).commit();
	csv.write(`${HEADER_ZH.join(',')}\n`);
	let rows = 0;
	for (let e = 1; e <= ENTERPRISES; e++)
		for (const period of PERIODS)
			for (const indicator of INDICATORS) {
				rows++;
				// every 50,000th row is refused: an unknown indicator; the value carries float noise now and then
				const code = rows % 50_000 === 0 ? 'vocs' : indicator;
				const value = rows % 7 === 0 ? 0.1 + 0.2 * (rows % 13) : (rows % 100_000) / 8;
				const cells = ['Q-1', `X${e}`, period, code, value, 't', randomBytes(18).toString('base64')];
				sheet.addRow(cells).commit();
				if (
					!csv.write(`${cells.map((c) => (typeof c === 'number' ? String(Number(c.toPrecision(15))) : c)).join(',')}\n`)
				)
					await new Promise<void>((r) => csv.once('drain', () => r()));
			}
	sheet.commit();
	await book.commit();
	await new Promise<void>((r) => csv.end(() => r()));
	return rows;
}

let rows = 0;
beforeAll(async () => {
	const built = spawnSync(process.execPath, ['scripts/build-worker.mjs', bundle], { encoding: 'utf8' });
	if (built.status !== 0) throw new Error(`worker bundle failed: ${built.stderr}`);
	t = intakeTestDb(openDb(databaseUrl));
	const add = t.sqlite.prepare(
		"INSERT INTO enterprises (pilot_id, code, name_zh) SELECT id, ?, ? FROM pilots WHERE code = 'Q-1'"
	);
	t.sqlite.transaction(() => {
		for (let e = 1; e <= ENTERPRISES; e++) add.run(`X${e}`, `企业 X${e}`);
	})();
	rows = await writeBoth();
}, 180_000);

afterAll(() => {
	t?.sqlite.close();
	rmSync(dir, { recursive: true, force: true });
});

/** Runs a dry run of the file in this process, sampling the heap; returns the summary, its time and the heap's peak. */
async function measured(path: string) {
	global.gc?.();
	const base = process.memoryUsage().heapUsed;
	let peak = base;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
	const started = performance.now();
	const summary = await importIndicators(t.db, fileUpload(path), {
		user: t.users.imp1,
		dryRun: true,
		fileName: path,
		channel: 'cli',
		today: TEST_TODAY,
		dataDir: dir
	});
	const ms = performance.now() - started;
	clearInterval(timer);
	return { summary, ms, heapMb: (peak - base) / 1048576 };
}

const outcome = (s: IntakeSummary) => ({
	rows: s.rows,
	counts: s.counts,
	errorCount: s.errorCount,
	problems: s.problems.map((p) => [p.row, p.code, p.column, p.value, p.zh]),
	notices: s.notices
});

describe('a 20 MB workbook', () => {
	it('checks as its CSV twin does, read as a stream', async () => {
		const size = statSync(xlsxPath).size;
		expect(size).toBeGreaterThan(20_000_000);
		const xlsx = await measured(xlsxPath);
		const csv = await measured(csvPath);
		expect(outcome(xlsx.summary)).toEqual(outcome(csv.summary));
		expect(xlsx.summary.rows).toBe(rows);
		const planted = Array.from({ length: Math.floor(rows / 50_000) }, (_, k) => (k + 1) * 50_000 + 1);
		expect(xlsx.summary.problems.map((p) => p.row)).toEqual(planted);
		expect(xlsx.summary.problems.every((p) => p.code === 'E_INDICATOR_UNKNOWN')).toBe(true);
		// memory is bounded by the next test (the worker's 512 MB heap): the in-process heap, garbage included, is
		// only logged below, since when V8 collects depends on the machine's load
		console.log(
			`xlsx ${(size / 1048576).toFixed(1)} MB, ${rows} rows: ${(xlsx.ms / 1000).toFixed(1)} s, heap +${xlsx.heapMb.toFixed(0)} MB; ` +
				`csv ${(statSync(csvPath).size / 1048576).toFixed(1)} MB: ${(csv.ms / 1000).toFixed(1)} s`
		);
	}, 300_000);

	it('goes through the bundled intake worker (512 MB heap) without running out of memory', async () => {
		vi.stubEnv('INTAKE_WORKER', bundle);
		vi.stubEnv('DATABASE_URL', databaseUrl);
		resetIntakeGate();
		const base = process.memoryUsage().rss;
		let peak = base;
		const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
		const started = performance.now();
		const summary = await runIntake(t.db, fileUpload(xlsxPath), {
			user: t.users.imp1,
			dryRun: true,
			fileName: 'big.xlsx',
			channel: 'web',
			today: TEST_TODAY,
			dataDir: dir
		});
		clearInterval(timer);
		vi.unstubAllEnvs();
		expect(summary).toMatchObject({ encoding: 'xlsx', sheet: '数据', rows, errorCount: Math.floor(rows / 50_000) });
		expect(summary.problems.some((p) => p.code === 'E_FILE_MEMORY')).toBe(false);
		console.log(
			`worker: ${((performance.now() - started) / 1000).toFixed(1)} s, process RSS +${((peak - base) / 1048576).toFixed(0)} MB`
		);
	}, 300_000);
});
