/**
 * The quarterly indicator intake — the one way values enter, shared by the web page, the HTTP API
 * and the CLI: bytes → encoding → streamed records → header mapping → row checks against the
 * registry → duplicates → comparison with what is stored → either a report (nothing written) or
 * one synchronous transaction that records new revisions, keeps the raw file and updates roll-ups.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db';
import type { SessionUser } from '../auth';
import type { Problem } from '../../csv/problems';
import { record } from '../audit/audit';
import { mapHeader } from '../csv/table';
import { INDICATORS } from '../../domain/indicators';
import { INTAKE_COLUMNS } from '../../intake/columns';
import { CHANGED, comparePilot, forgetOldValues, UNCHANGED, type PilotComparison } from './compare';
import { pilotLookup } from './context';
import { detectEncoding } from '../csv/decode';
import { parseRecords } from '../csv/records';
import { problem } from './problems';
import { NoticeCollector, type Notice } from './notices';
import { RowChecker, RowStore } from './rows';
import { findDuplicates, pilotRanges, sortRows } from './order';
import { chinaToday } from '../ops/clock';
import { keepRawFile, keepUpload, sanitiseFileName, type StoredUpload } from './store';
import { fileSource, memorySource } from '../csv/source';
import type { ServerPhase } from '../../intake/progress';
import { writer } from './write';
import { fileKind } from './xlsx/detect';
import { dropMergedEchoes, type MergedCells } from './xlsx/findings';

export const MAX_BYTES = 50 * 1024 * 1024;
/** How many problems a summary carries in full; the counts always cover all of them. */
export const MAX_LISTED_PROBLEMS = 10_000;
const MAX_LISTED_CHANGES = 2_000;

export type Channel = 'web' | 'api' | 'cli';

export type Change = {
	row: number;
	pilotCode: string;
	enterpriseCode: string | null;
	period: string;
	indicatorCode: string;
	old: number | null;
	new: number | null;
	status: 'new' | 'changed' | 'removed';
};

export type IntakeSummary = {
	fileName: string;
	sha256: string;
	bytes: number;
	/** The text encoding of a CSV file; `xlsx` for a workbook. */
	encoding: string | null;
	delimiter: string | null;
	/** The sheet read, for a workbook. */
	sheet: string | null;
	rows: number;
	isDryRun: boolean;
	isWritten: boolean;
	/** Nothing differs from what is stored: no revision was (or would be) made. */
	isIdentical: boolean;
	counts: { new: number; changed: number; unchanged: number; removed: number; refused: number };
	errorCount: number;
	warningCount: number;
	problems: Problem[];
	/** What was converted on the way in (units, number and period forms): accepted, and said. */
	notices: Notice[];
	changes: Change[];
	revisions: { pilotCode: string; period: string; revisionId: number | null; number: number | null }[];
	uploadId: number | null;
	/** When the upload had to wait for its turn (INTAKE_CONCURRENCY): its place in the line on arrival, and the wait. */
	queue: { position: number; waitedMs: number } | null;
};

export type IntakeOptions = {
	user: SessionUser;
	dryRun: boolean;
	fileName: string;
	channel: Channel;
	ip?: string | null;
	/** When the upload is recorded as made (the demo seed backdates its files); default now. */
	at?: number;
	/** The day periods must have begun by (tests set it; default today in China). */
	today?: string;
	dataDir?: string;
	/** Runs inside the import's transaction after its writes, with the codes of the pilots it wrote (the worker refreshes their statuses). */
	afterWrite?: (db: Db, pilotCodes: string[]) => void;
	/** Hears how far each server phase has gone: parse (bytes read), check (rows compared), write (rows written). */
	onProgress?: (phase: ServerPhase, done: number, total: number, rows: number) => void;
	/** Aborted: the import stops at its next step before the write begins and is refused as cancelled. */
	signal?: AbortSignal;
	/** For a workbook: the sheet to read, by name (default: the first visible one). Ignored for CSV. */
	sheet?: string | null;
};

/** A summary of nothing yet: no rows, no problems, nothing written; the start of every outcome, refusals included. */
export function emptySummary(fileName: string, isDryRun: boolean): IntakeSummary {
	return {
		fileName,
		sha256: '',
		bytes: 0,
		encoding: null,
		delimiter: null,
		sheet: null,
		rows: 0,
		isDryRun,
		isWritten: false,
		isIdentical: false,
		counts: { new: 0, changed: 0, unchanged: 0, removed: 0, refused: 0 },
		errorCount: 0,
		warningCount: 0,
		problems: [],
		notices: [],
		changes: [],
		revisions: [],
		uploadId: null,
		queue: null
	};
}

/**
 * Runs the intake on a file — bytes in memory, or an upload on disk read piece by piece (never held whole) — and
 * never throws for anything wrong with the file.
 */
export async function importIndicators(
	db: Db,
	file: Uint8Array | StoredUpload,
	options: IntakeOptions
): Promise<IntakeSummary> {
	const sqlite = db.$client;
	const isInMemory = file instanceof Uint8Array;
	const sha256 = isInMemory ? createHash('sha256').update(file).digest('hex') : file.sha256;
	const size = isInMemory ? file.length : file.size;
	const source = isInMemory ? memorySource(file) : fileSource(file.path);
	const summary: IntakeSummary = {
		...emptySummary(sanitiseFileName(options.fileName), options.dryRun),
		sha256,
		bytes: size
	};
	const isCancelled = () => options.signal?.aborted === true;
	const report = options.onProgress ?? (() => {});
	const problems: Problem[] = [];
	const notices = new NoticeCollector();
	const finish = () => {
		problems.sort(
			(a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1)
		);
		summary.errorCount = problems.filter((p) => p.severity === 'error').length;
		summary.warningCount = problems.length - summary.errorCount;
		summary.problems = problems.slice(0, MAX_LISTED_PROBLEMS);
		summary.notices = notices.list();
		if (summary.errorCount > 0) auditRefusal(db, summary, problems, options);
		return summary;
	};
	/** Stopped by its sender before anything was written: refused as cancelled (what a partial check found is dropped). */
	const cancelled = () => {
		problems.length = 0;
		summary.counts = emptySummary('', false).counts;
		summary.changes = [];
		summary.revisions = [];
		problems.push(problem('E_CANCELLED', { row: null }));
		return finish();
	};
	if (size > MAX_BYTES) {
		problems.push(problem('E_FILE_TOO_LARGE', { row: null }, { limit: MAX_BYTES / 1024 / 1024 }));
		return finish();
	}
	if (isCancelled()) return cancelled();
	report('parse', 0, size, 0);
	const kind = fileKind(file);
	if (kind === 'xls' || kind === 'zip') {
		problems.push(problem(kind === 'xls' ? 'E_XLS_LEGACY' : 'E_ZIP_NOT_WORKBOOK', { row: null }));
		return finish();
	}
	const encoding = kind === 'xlsx' ? 'xlsx' : detectEncoding(source);
	if (typeof encoding !== 'string' && !encoding.encoding) {
		problems.push(problem('E_ENCODING', { row: 'row' in encoding ? encoding.row : null }));
		return finish();
	}
	summary.encoding = typeof encoding === 'string' ? encoding : encoding.encoding;

	const today = options.today ?? chinaToday();
	const pilots = pilotLookup(sqlite, options.user);
	const store = new RowStore(Math.ceil(size / 40));
	const refusedRows = new Set<number>();
	let checker: RowChecker | null = null;
	let names: Record<string, string> = {};
	let dataRows = 0;
	// the CSV reader sets this when its text holds a control character or a quote; a workbook's cells are always looked at
	const scan = { isNeeded: kind === 'xlsx' };
	const onHeader = (header: string[]) => {
		const mapped = mapHeader(header, INTAKE_COLUMNS);
		problems.push(...mapped.problems);
		names = mapped.columns;
		if (mapped.problems.some((p) => p.severity === 'error')) return null;
		checker = new RowChecker(mapped.index, names, pilots, today, store, problems, notices, header, scan);
		return mapped.index;
	};
	const checkRecord = (record: string[], row: number) => {
		if (!checker || isBlank(record)) return;
		dataRows++;
		if (!checker.check(record, row)) refusedRows.add(row);
	};
	let merged: MergedCells = [];
	if (typeof encoding === 'string') {
		// loaded only for a workbook: exceljs would otherwise weigh on every CSV import (the worker's start, issue 16)
		const { readWorkbook } = await import('./xlsx/intake');
		({ sheet: summary.sheet, merged } = await readWorkbook(isInMemory ? file : file.path, options.sheet ?? null, {
			header: onHeader,
			check: checkRecord,
			progress: (bytesRead) => report('parse', bytesRead, size, dataRows),
			isCancelled,
			problems,
			notices,
			refusedRows
		}));
	} else {
		const parsed = await parseRecords(
			source,
			encoding.encoding,
			{
				header: onHeader,
				records: (records, firstRow, bytesRead) => {
					if (isCancelled()) return false;
					if (!checker) return;
					for (let k = 0; k < records.length; k++) checkRecord(records[k], firstRow + k);
					report('parse', bytesRead, size, dataRows);
				}
			},
			scan
		);
		summary.delimiter = parsed.delimiter;
		problems.push(...parsed.unclosedQuoteRows.map((row) => problem('E_QUOTE', { row })));
	}
	if (isCancelled()) return cancelled();
	summary.rows = dataRows;
	if (checker && dataRows === 0) problems.push(problem('E_FILE_EMPTY', { row: null }));
	if (!checker && !problems.some((p) => p.severity === 'error')) problems.push(problem('E_FILE_EMPTY', { row: null }));

	sortRows(store);
	findDuplicates(store, pilots.list, names, problems, refusedRows);
	dropMergedEchoes(problems, merged);
	summary.counts.refused = refusedRows.size;
	const hasErrors = problems.some((p) => p.severity === 'error');

	const columnName = (key: string) => names[key] ?? key;
	const comparisons: { pilotIndex: number; cmp: PilotComparison }[] = [];
	const compareAll = () => {
		const currentOf = sqlite.prepare(
			'SELECT id, period, enterprise_id AS e, indicator_code AS c, value, note FROM observations WHERE pilot_id = ? AND superseded_by IS NULL'
		);
		let compared = 0;
		report('check', 0, store.length, dataRows);
		for (const [pilotIndex, from, to] of pilotRanges(store)) {
			const cmp = comparePilot(currentOf, pilots.list[pilotIndex], store, from, to, problems, columnName);
			comparisons.push({ pilotIndex, cmp });
			tally(summary, cmp, pilots.list[pilotIndex], store);
			forgetOldValues(cmp); // listed: 8 bytes a row less to hold until the write
			compared += to - from;
			report('check', compared, store.length, dataRows);
		}
	};

	if (hasErrors || options.dryRun) {
		if (!hasErrors) compareAll();
		summary.isIdentical = !hasErrors && summary.counts.new + summary.counts.changed + summary.counts.removed === 0;
		return finish();
	}

	compareAll();
	if (summary.counts.new + summary.counts.changed + summary.counts.removed === 0) {
		summary.isIdentical = true;
		return finish();
	}
	// the last chance to cancel: let a cancellation sent meanwhile arrive (a worker hears its messages between turns)
	await new Promise((resolve) => setImmediate(resolve));
	if (isCancelled()) return cancelled();
	summary.revisions = []; // the would-be revisions of the comparison give way to the real ones
	const toWrite = summary.counts.new + summary.counts.changed + summary.counts.removed;
	report('write', 0, toWrite, dataRows);
	if (isInMemory) keepRawFile(file, sha256, options.dataDir);
	else keepUpload(file, options.dataDir);
	const now = options.at ?? Date.now();
	db.transaction((tx) => {
		const uploadId = Number(
			sqlite
				.prepare(
					'INSERT INTO uploads (user_id, uploader, at, file_name, sha256, size, encoding, delimiter, rows, channel) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
				)
				.run(
					options.user.id,
					options.user.username,
					now,
					summary.fileName,
					sha256,
					size,
					summary.encoding,
					summary.delimiter ?? '', // a workbook has none
					dataRows,
					options.channel
				).lastInsertRowid
		);
		const writePilot = writer(sqlite, uploadId, now, options.user.username);
		let written = 0;
		for (const c of comparisons) {
			const pilot = pilots.list[c.pilotIndex];
			for (const r of writePilot(pilot, store, c.cmp)) summary.revisions.push({ pilotCode: pilot.code, ...r });
			written += changesOf(c.cmp);
			report('write', written, toWrite, dataRows);
		}
		summary.uploadId = uploadId;
		record(
			tx,
			{ userId: options.user.id, name: options.user.username, ip: options.ip ?? null },
			{
				action: 'import.commit',
				entity: 'upload',
				entityId: uploadId,
				after: {
					file: summary.fileName,
					sha256,
					rows: dataRows,
					...(summary.sheet === null ? {} : { sheet: summary.sheet }),
					channel: options.channel,
					...summary.counts,
					revisions: summary.revisions
				}
			}
		);
		options.afterWrite?.(db, [...new Set(summary.revisions.map((r) => r.pilotCode))]);
	});
	summary.isWritten = true;
	return finish();
}

/**
 * Every refused upload leaves a line in the audit log: who, when, the file's name, hash and size, the channel, and
 * how many problems of each code — never the refused rows themselves, and no pilot codes (the file may name pilots
 * the uploader may not see, and the pilot pages' trails must not show an attempt on them).
 */
function auditRefusal(db: Db, summary: IntakeSummary, problems: Problem[], options: IntakeOptions): void {
	const codes: Record<string, number> = {};
	for (const p of problems)
		if (p.severity === 'error') codes[p.code ?? 'E_OTHER'] = (codes[p.code ?? 'E_OTHER'] ?? 0) + 1;
	record(
		db,
		{ userId: options.user.id, name: options.user.username, ip: options.ip ?? null },
		{
			action: 'import.refuse',
			entity: 'upload',
			entityId: null,
			after: {
				file: summary.fileName,
				sha256: summary.sha256,
				bytes: summary.bytes,
				rows: summary.rows,
				channel: options.channel,
				isDryRun: options.dryRun,
				errors: summary.errorCount,
				codes
			}
		}
	);
}

/** How many values a pilot's comparison writes or closes. */
function changesOf(cmp: PilotComparison): number {
	let n = 0;
	for (let p = 0; p < 4; p++) n += cmp.counts.new[p] + cmp.counts.changed[p] + cmp.counts.removed[p];
	return n;
}

/** Excel's trailing rows: every cell empty. */
function isBlank(record: string[]): boolean {
	for (const cell of record) if (cell.trim() !== '') return false;
	return true;
}

function tally(
	summary: IntakeSummary,
	cmp: PilotComparison,
	pilot: { code: string; periods: string[]; enterprises: Map<string, number> },
	store: RowStore
) {
	const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
	summary.counts.new += sum(cmp.counts.new);
	summary.counts.changed += sum(cmp.counts.changed);
	summary.counts.unchanged += sum(cmp.counts.unchanged);
	summary.counts.removed += sum(cmp.counts.removed);
	if (summary.changes.length < MAX_LISTED_CHANGES) {
		const codeOf = new Map([...pilot.enterprises].map(([code, id]) => [id, code]));
		for (let k = 0; k < cmp.to - cmp.from && summary.changes.length < MAX_LISTED_CHANGES; k++) {
			if (cmp.status[k] === UNCHANGED) continue;
			const i = cmp.from + k;
			summary.changes.push({
				row: store.row[i],
				pilotCode: pilot.code,
				enterpriseCode: codeOf.get(store.enterprise(i)) ?? null,
				period: pilot.periods[store.period[i]],
				indicatorCode: INDICATORS[store.indicator[i]].code,
				old: cmp.status[k] === CHANGED ? cmp.oldValue[k] : null,
				new: store.value[i],
				status: cmp.status[k] === CHANGED ? 'changed' : 'new'
			});
		}
	}
	const codeOfRemoved = new Map([...pilot.enterprises].map(([code, id]) => [id, code]));
	for (const r of cmp.removed)
		if (summary.changes.length < MAX_LISTED_CHANGES)
			summary.changes.push({
				row: 0,
				pilotCode: pilot.code,
				enterpriseCode: r.enterprise === null ? null : (codeOfRemoved.get(r.enterprise) ?? null),
				period: pilot.periods[r.period],
				indicatorCode: r.indicator,
				old: r.value,
				new: null,
				status: 'removed'
			});
	for (let p = 0; p < 4; p++)
		if (cmp.changed[p] && !summary.isWritten)
			summary.revisions.push({ pilotCode: pilot.code, period: pilot.periods[p], revisionId: null, number: null });
}
