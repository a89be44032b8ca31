/**
 * Streaming parse of an uploaded file, after decode.ts has established its encoding: the delimiter guessed from the
 * start of the text, and the records handed on in batches as papaparse reads them — the file is never one string in
 * memory. The quarterly intake reads through here; the registry's small files through table.ts.
 */
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { Encoding } from './decode';
import { guessDelimiter } from './table';
import { memorySource, type ByteSource } from './source';

/** Characters that make the row checker scan cells: controls (but tab, LF, CR) and quotes (which may hide LF, CR). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_SCAN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F"]/;

/**
 * The decoded text in pieces that end only at a record boundary (a line break outside quotes):
 * papaparse's streaming misreads a quoted field cut between two pieces as an unclosed quote. Each
 * decoded piece is scanned once and kept aside until a boundary shows, so a field of any length
 * costs time linear in it. `scan.isNeeded` is set when any piece holds a character that the row
 * checker must look for.
 */
function* decodedChunks(
	source: ByteSource,
	encoding: Encoding,
	delimiter: string,
	scan: { isNeeded: boolean },
	read: { bytes: number }
): Generator<string> {
	const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
	const scanner = new BoundaryScanner(delimiter.charCodeAt(0));
	let pending: string[] = [];
	for (const bytes of source.pieces()) {
		read.bytes += bytes.length;
		const piece = decoder.decode(bytes, { stream: true });
		if (!scan.isNeeded && (NEEDS_SCAN.test(piece) || (delimiter !== '\t' && piece.includes('\t'))))
			scan.isNeeded = true;
		const cut = scanner.boundary(piece);
		if (cut < 0) pending.push(piece);
		else {
			const text = pending.join('') + piece.slice(0, cut);
			if (text) yield text;
			pending = [piece.slice(cut)];
		}
	}
	const text = pending.join('') + decoder.decode();
	if (text) yield text;
}

/**
 * Finds the last line break that ends a record in each piece of a text, scanning each character once and carrying
 * its state from piece to piece. A quote opens a quoted field only at the start of a field, as papaparse reads it,
 * so a stray quote inside an unquoted field (5" pipe) does not throw the count off.
 */
class BoundaryScanner {
	private isQuoted = false;
	private isFieldStart = true;
	/** The previous piece ended on a quote inside a quoted field: closing, or the first half of "". */
	private isQuoteAtEnd = false;
	/** The previous piece ended on a CR outside quotes: a boundary, or the first half of CRLF. */
	private isCrAtEnd = false;

	constructor(private delimiter: number) {}

	/** The index in `piece` just after its last record-ending line break; 0 when the break ended the previous piece; -1 for none. */
	boundary(piece: string): number {
		let { isQuoted, isFieldStart } = this;
		let cut = -1;
		let k = 0;
		if (this.isQuoteAtEnd) {
			if (piece.charCodeAt(0) === 34)
				k = 1; // "" — an escaped quote: still quoted
			else isQuoted = false;
		} else if (this.isCrAtEnd) {
			if (piece.charCodeAt(0) === 10) k = 1;
			cut = k;
			isFieldStart = true;
		}
		this.isQuoteAtEnd = false;
		this.isCrAtEnd = false;
		for (; k < piece.length; k++) {
			const ch = piece.charCodeAt(k);
			if (isQuoted) {
				if (ch === 34) {
					if (k + 1 === piece.length) this.isQuoteAtEnd = true;
					else if (piece.charCodeAt(k + 1) === 34) k++;
					else isQuoted = false;
				}
				continue;
			}
			if (ch === 34 && isFieldStart) {
				isQuoted = true;
				continue;
			}
			if (ch === 13 && k + 1 === piece.length) {
				this.isCrAtEnd = true;
				continue;
			}
			if (ch === 10 || (ch === 13 && piece.charCodeAt(k + 1) !== 10)) {
				cut = k + 1;
				isFieldStart = true;
			} else isFieldStart = ch === this.delimiter || ch === 13;
		}
		this.isQuoted = isQuoted;
		this.isFieldStart = isFieldStart;
		return cut;
	}
}

export type ParseCallbacks = {
	/** Called once with the header record. */
	header: (header: string[]) => void;
	/**
	 * Called with each batch of records; `firstRow` is the spreadsheet row number of the first one, `bytesRead` how
	 * far into the source the parse has read. Returning false stops the parse (the rest is not read).
	 */
	records: (records: string[][], firstRow: number, bytesRead: number) => boolean | void;
};

/**
 * Parses the bytes in the given encoding (from detectEncoding) as a stream, calling back with the header and then
 * batches of records. Resolves with the delimiter, the rows where a quote was left open, and the record count.
 */
export async function parseRecords(
	input: Uint8Array | ByteSource,
	encoding: Encoding,
	callbacks: ParseCallbacks,
	scan: { isNeeded: boolean } = { isNeeded: true }
): Promise<{ delimiter: string; unclosedQuoteRows: number[]; records: number }> {
	const source = input instanceof Uint8Array ? memorySource(input) : input;
	const head = new TextDecoder(encoding, { fatal: false }).decode(source.head(64 * 1024));
	const delimiter = guessDelimiter(head);
	const unclosedQuoteRows: number[] = [];
	let seen = 0;
	await new Promise<void>((resolve, reject) => {
		const read = { bytes: 0 };
		const stream = Readable.from(decodedChunks(source, encoding, delimiter, scan, read));
		Papa.parse<string[]>(stream, {
			delimiter,
			header: false,
			skipEmptyLines: false,
			chunk: (results, parser) => {
				let records = results.data;
				for (const e of results.errors) {
					if (e.type === 'Quotes') unclosedQuoteRows.push(seen + (e.row ?? 0) + 1);
				}
				if (seen === 0 && records.length > 0) {
					callbacks.header(records[0]);
					records = records.slice(1);
					seen = 1;
				}
				const isStopped = records.length > 0 && callbacks.records(records, seen + 1, read.bytes) === false;
				seen += records.length;
				if (isStopped) {
					parser.abort();
					stream.destroy(); // ends the generator, which closes the file
					resolve();
				}
			},
			complete: () => resolve(),
			error: (e: Error) => reject(e)
		});
	});
	return { delimiter, unclosedQuoteRows, records: seen };
}
