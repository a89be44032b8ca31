/**
 * Reads one sheet of an .xlsx workbook row by row — from the upload's file on disk, never held whole — and hands on its
 * rows as records of cell texts (cells.ts), numbered as the sheet numbers them (row 1 is the header; a row missing
 * from the file is a blank row and keeps its number).
 *
 * The zip is read by yauzl from its central directory, so the workbook's parts are read in the order they are needed
 * whatever their order in the file: the relationships and the workbook (the sheets' names, order and state, the 1904
 * date system), the shared strings, the styles (number formats: how a date cell is known), then the chosen sheet
 * only — the other sheets are never inflated. exceljs parses each part (its WorkbookReader's own part parsers, pinned
 * 4.4.0); its zip walk is not used: it parsed a sheet before the workbook when the entries came in another order than
 * it expects, and it could end its walk early under load (the workbook then read as damaged). Merged ranges are
 * collected on the way (exceljs's streaming reader does not report them: see MergeTap); formulas and dates are
 * reported per cell.
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type yauzl from 'yauzl';
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
	/** `sheets`: the names on the workbook's tabs, the hidden ones left out (all of them when every sheet is hidden). */
	| { kind: 'no-such-sheet'; sheets: string[] }
	| { kind: 'unreadable'; reason: string };

type SheetModel = { name: string; state?: string; rId?: string };
type Relationship = { Id: string; Target: string };
/** exceljs's WorkbookReader with the part parsers it keeps to itself (pinned 4.4.0; the tests read every part). */
type Parts = {
	model?: { sheets?: SheetModel[] };
	properties?: { model?: { date1904?: boolean } };
	workbookRels?: Relationship[];
	_parseRels(entry: Readable): Promise<void>;
	_parseWorkbook(entry: Readable): Promise<void>;
	_parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
	_parseStyles(entry: Readable): Promise<void>;
	_parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<{ value: Worksheet }>;
};
type Worksheet = ExcelJS.stream.xlsx.WorksheetReader & { name: string };

/**
 * Taps a worksheet's XML on its way to exceljs's parser and keeps the `ref` of every <mergeCell>: they come after
 * the rows, in <mergeCells>, so only the text from that tag on is looked at (a few bytes per merge).
 */
class MergeTap {
	merges: string[] = [];
	/** Bytes of XML passed on so far. */
	bytes = 0;
	private carry = Buffer.alloc(0);
	private section: string[] | null = null;

	async *tap(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
		for await (const chunk of chunks) {
			this.look(chunk);
			this.bytes += chunk.length;
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

/** The zip entry a relationship's target names (relative to xl/, or absolute from the package's root). */
const partName = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`);

const isVisible = (s: SheetModel) => s.state !== 'hidden' && s.state !== 'veryHidden';

/** The sheet asked for, by name (a hidden one too), or the first visible one in tab order. */
function targetSheet(sheets: SheetModel[], wanted: string | null): SheetModel | undefined {
	if (wanted !== null) return sheets.find((s) => s.name === wanted);
	return sheets.find(isVisible) ?? sheets[0];
}

/** An entry of the workbook's zip, opened for reading. */
type Opener = (entry: yauzl.Entry) => Promise<Readable>;

/** Reads the workbook's parts the sheets depend on, in that order, through exceljs's parsers. */
async function readBookParts(entries: Map<string, yauzl.Entry>, openEntry: Opener, parts: Parts) {
	const open = (name: string) => {
		const entry = entries.get(name);
		return entry ? openEntry(entry) : null;
	};
	if (!entries.has('xl/workbook.xml') || !entries.has('xl/_rels/workbook.xml.rels'))
		throw new Error('no xl/workbook.xml: not an Excel workbook');
	await parts._parseRels((await open('xl/_rels/workbook.xml.rels'))!);
	await parts._parseWorkbook((await open('xl/workbook.xml'))!);
	const strings = await open('xl/sharedStrings.xml');
	if (strings) for await (const _ of parts._parseSharedStrings(strings)); // cached by the reader, nothing yielded
	const styles = await open('xl/styles.xml');
	if (styles) await parts._parseStyles(styles);
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
	// exceljs and the zip reader are loaded here, at the first workbook, not with the intake: the worker bundle leaves
	// exceljs out (a large library) and runs yauzl's code only then, so that a CSV import's worker starts without them
	// (issue 16's memory figure).
	const [{ default: Excel }, { listEntries, openEntry, openZip }] = await Promise.all([
		import('exceljs'),
		import('../../ops/unzip')
	]);
	let zip: yauzl.ZipFile | null = null;
	try {
		zip = await openZip(
			typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength),
			false
		);
		const entries = await listEntries(zip);
		const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([]), {
			sharedStrings: 'cache',
			styles: 'cache',
			hyperlinks: 'ignore',
			worksheets: 'emit',
			entries: 'ignore'
		});
		const parts = reader as unknown as Parts;
		const opened = zip;
		const open: Opener = (entry) => openEntry(opened, entry);
		await readBookParts(entries, open, parts);
		const sheets = parts.model?.sheets ?? [];
		const target = targetSheet(sheets, wanted);
		if (!target) {
			if (!sheets.length) return { kind: 'unreadable', reason: 'no worksheet' };
			const shown = sheets.filter(isVisible);
			return { kind: 'no-such-sheet', sheets: (shown.length ? shown : sheets).map((s) => s.name) };
		}
		const relationship = parts.workbookRels?.find((r) => r.Id === target.rId);
		const entry = relationship && entries.get(partName(relationship.Target));
		if (!entry) throw new Error(`the sheet “${target.name}” has no part in the file`);
		const merges = await readRows(await open(entry), entry, parts, callbacks);
		return { kind: 'read', sheet: target.name, sheets: sheets.map((s) => s.name), merges };
	} catch (e) {
		return { kind: 'unreadable', reason: e instanceof Error ? e.message.split('\n')[0] : String(e) };
	} finally {
		zip?.close();
	}
}

/**
 * Hands on the rows of the sheet stored in `entry` (its inflated bytes: `stream`); answers its merged ranges. The bytes read are told as a place in
 * the file: where the sheet's entry starts plus the share of its compressed bytes that its inflated bytes read so far
 * stand for.
 */
async function readRows(stream: Readable, entry: yauzl.Entry, parts: Parts, callbacks: SheetCallbacks) {
	const tap = new MergeTap();
	const bytesRead = () =>
		entry.relativeOffsetOfLocalHeader +
		Math.round(entry.compressedSize * (entry.uncompressedSize ? tap.bytes / entry.uncompressedSize : 1));
	const sheetNo = /sheet(\d+)\.xml$/.exec(entry.fileName)?.[1] ?? '0';
	const worksheet = parts._parseWorksheet(tap.tap(stream), sheetNo).next().value.value;
	const is1904 = parts.properties?.model?.date1904 === true;
	let headerSeen = false;
	for await (const row of worksheet) {
		const { record, findings } = rowCells(row, is1904);
		if (!headerSeen) {
			headerSeen = true;
			callbacks.header(row.number === 1 ? record : []);
			if (row.number === 1) continue;
		}
		// stopped (cancelled): the rest of the sheet is left unread (leaving the loop destroys the entry's stream)
		if (callbacks.row(record, row.number, findings, bytesRead()) === false) return [];
	}
	if (!headerSeen) callbacks.header([]);
	return tap.merges;
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
