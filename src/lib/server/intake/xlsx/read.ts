/**
 * Reads one sheet of an .xlsx workbook as a stream with exceljs's WorkbookReader — from the upload's file on disk,
 * never held whole — and hands on its rows as records of cell texts (cells.ts), numbered as the sheet numbers them
 * (row 1 is the header; a row missing from the file is a blank row and keeps its number). The other sheets are
 * skipped unread. Merged ranges are collected on the way (exceljs's streaming reader does not report them: see
 * MergeTap), formulas and dates are reported per cell.
 */
import { createReadStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import type ExcelJS from 'exceljs';
import { readCell, type CellReading } from './cells';

/** A cell worth a word: a formula (with or without its calculated value) or a date. */
export type CellFinding = { row: number; col: number; reading: CellReading };

export type SheetCallbacks = {
	/** The header (row 1 of the sheet; empty when the sheet has no row 1). */
	header: (header: string[]) => void;
	/** One data row, its findings and how many bytes of the file have been read; returning false stops the read. */
	row: (record: string[], row: number, findings: CellFinding[], bytesRead: number) => boolean | void;
};

export type SheetOutcome =
	| { kind: 'read'; sheet: string; sheets: string[]; merges: string[] }
	| { kind: 'no-such-sheet'; sheets: string[] }
	| { kind: 'unreadable'; reason: string };

type SheetModel = { name: string; state?: string };
type Reader = ExcelJS.stream.xlsx.WorkbookReader & {
	model?: { sheets?: SheetModel[] };
	properties?: { date1904?: boolean };
};
type Worksheet = ExcelJS.stream.xlsx.WorksheetReader & { name: string };

/**
 * Taps a worksheet's XML on its way to exceljs's parser and keeps the `ref` of every <mergeCell>: they come after
 * the rows, in <mergeCells>, so only the text from that tag on is looked at (a few bytes per merge).
 */
class MergeTap {
	merges: string[] = [];
	private carry = Buffer.alloc(0);
	private section: string[] | null = null;

	async *tap(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
		for await (const chunk of chunks) {
			this.look(chunk);
			yield chunk;
		}
		this.finish();
	}

	private look(bytes: Buffer) {
		if (this.section) {
			this.section.push(bytes.toString('latin1'));
			return;
		}
		const joined = Buffer.concat([this.carry, bytes]);
		const at = joined.indexOf('<mergeCells');
		if (at >= 0) this.section = [joined.subarray(at).toString('latin1')];
		else this.carry = Buffer.from(joined.subarray(Math.max(0, joined.length - 16)));
	}

	private finish() {
		const text = (this.section ?? []).join('');
		for (const m of text.matchAll(/<mergeCell\b[^>]*?\bref="([^"]+)"/g)) this.merges.push(m[1]);
	}
}

/**
 * exceljs's WorkbookReader with each worksheet's XML passed through a MergeTap. `_parseWorksheet` is exceljs's own
 * (pinned 4.4.0); a test proves that merges are still found.
 */
function tappedReader(Excel: typeof ExcelJS, input: string | Readable, taps: WeakMap<object, MergeTap>): Reader {
	const reader = new Excel.stream.xlsx.WorkbookReader(input, {
		sharedStrings: 'cache',
		styles: 'cache', // number formats: how a date cell is known
		hyperlinks: 'ignore',
		worksheets: 'emit',
		entries: 'ignore'
	}) as Reader;
	const inner = reader as unknown as { _parseWorksheet: (it: AsyncIterable<Buffer>, no: string) => Generator };
	const original = inner._parseWorksheet.bind(reader);
	inner._parseWorksheet = (iterator, sheetNo) => {
		const tap = new MergeTap();
		const tapped = tap.tap(iterator);
		taps.set(tapped, tap); // the worksheet reader keeps its iterator: that is how its tap is found again
		return original(tapped, sheetNo);
	};
	return reader;
}

/** The sheet names in tab order, with whether each is hidden. */
function sheetsOf(reader: Reader): SheetModel[] {
	return reader.model?.sheets ?? [];
}

/**
 * Reads the sheet named `wanted` (by default the first visible one, in tab order) row by row. Never throws for a
 * damaged or unreadable file: the outcome says so.
 */
export async function readSheet(
	input: string | Uint8Array,
	wanted: string | null,
	callbacks: SheetCallbacks
): Promise<SheetOutcome> {
	// exceljs is loaded here, at the first workbook, not with the intake: the worker bundle leaves it out (a large
	// library), so that a CSV import's worker starts without it (issue 16's memory figure).
	const { default: Excel } = await import('exceljs');
	const taps = new WeakMap<object, MergeTap>();
	const stream = typeof input === 'string' ? createReadStream(input) : Readable.from([Buffer.from(input)]);
	let bytesRead = 0;
	// counted on its way to the reader (a 'data' listener would set the stream flowing before the reader listens)
	const counted = stream.pipe(
		new Transform({
			transform(chunk: Buffer, _encoding, done) {
				bytesRead += chunk.length;
				done(null, chunk);
			}
		})
	);
	stream.on('error', (e: Error) => counted.destroy(e));
	const reader = tappedReader(Excel, counted, taps);
	let chosen: string | null = null;
	let merges: string[] = [];
	try {
		for await (const worksheet of reader as AsyncIterable<Worksheet>) {
			if (chosen !== null) continue; // the rest are left unread (exceljs drains them)
			const sheets = sheetsOf(reader);
			const target =
				wanted ?? (sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0])?.name;
			if (worksheet.name !== target) continue;
			chosen = worksheet.name;
			const is1904 = reader.properties?.date1904 === true;
			let isStopped = false;
			let headerSeen = false;
			for await (const row of worksheet) {
				if (isStopped) continue; // drained, not read
				const { record, findings } = rowCells(row, is1904);
				if (!headerSeen) {
					headerSeen = true;
					callbacks.header(row.number === 1 ? record : []);
					if (row.number === 1) continue;
				}
				// stopped (cancelled): the rest is parsed but not checked — leaving exceljs's entry half-read would make it
				// buffer the rest of the sheet in memory
				if (callbacks.row(record, row.number, findings, bytesRead) === false) isStopped = true;
			}
			if (!headerSeen) callbacks.header([]);
			merges = taps.get((worksheet as unknown as { iterator: object }).iterator)?.merges ?? [];
		}
	} catch (e) {
		return { kind: 'unreadable', reason: e instanceof Error ? e.message.split('\n')[0] : String(e) };
	}
	const names = sheetsOf(reader).map((s) => s.name);
	if (chosen === null)
		return names.length ? { kind: 'no-such-sheet', sheets: names } : { kind: 'unreadable', reason: 'no worksheet' };
	return { kind: 'read', sheet: chosen, sheets: names, merges };
}

/** A row's cells as texts (column 1 at index 0, gaps as ''), and its formulas and dates. */
function rowCells(row: ExcelJS.Row, is1904: boolean): { record: string[]; findings: CellFinding[] } {
	const record: string[] = [];
	const findings: CellFinding[] = [];
	row.eachCell({ includeEmpty: false }, (cell, col) => {
		const reading = readCell(cell.value, cell.numFmt, is1904);
		while (record.length < col - 1) record.push('');
		record[col - 1] = reading.text;
		if (reading.formula !== null || reading.isDate) findings.push({ row: row.number, col, reading });
	});
	return { record, findings };
}
