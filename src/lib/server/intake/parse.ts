/**
 * Streaming parse of an uploaded file: the encoding is established first (BOM, then strict UTF-8,
 * then strict GB18030), the delimiter guessed from the start of the text, and the records handed
 * on in batches as papaparse reads them — the file is never one string in memory.
 */
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { Problem } from '../../problems';
import { decode } from '../ingest/decode';
import { guessDelimiter } from '../ingest/table';
import { problem } from './problems';

export type Encoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

const CHUNK = 1 << 16;

function isStrictly(encoding: string, bytes: Uint8Array): boolean {
	const decoder = new TextDecoder(encoding, { fatal: true });
	try {
		for (let i = 0; i < bytes.length; i += CHUNK) decoder.decode(bytes.subarray(i, i + CHUNK), { stream: true });
		decoder.decode();
		return true;
	} catch {
		return false;
	}
}

/** The file's encoding, or the problem naming the row of the first byte no supported encoding accepts. */
export function detectEncoding(bytes: Uint8Array): Encoding | Problem {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return isStrictly('utf-16le', bytes) ? 'utf-16le' : undecodable(bytes);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return isStrictly('utf-16be', bytes) ? 'utf-16be' : undecodable(bytes);
	if (isUtf8(bytes)) return 'utf-8';
	if (isStrictly('gb18030', bytes)) return 'gb18030';
	return undecodable(bytes);
}

function undecodable(bytes: Uint8Array): Problem {
	const found = decode(bytes);
	const row = 'severity' in found ? found.row : null;
	return problem('E_ENCODING', { row });
}

/**
 * The decoded text in pieces that end only at a record boundary (a line break outside quotes):
 * papaparse's streaming misreads a quoted field cut between two pieces as an unclosed quote.
 */
function* decodedChunks(bytes: Uint8Array, encoding: Encoding, delimiter: string): Generator<string> {
	const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
	let carry = '';
	for (let i = 0; ; i += CHUNK) {
		const isLast = i + CHUNK >= bytes.length;
		const text = carry + decoder.decode(bytes.subarray(i, i + CHUNK), { stream: !isLast });
		if (isLast) {
			if (text) yield text;
			return;
		}
		const cut = recordBoundary(text, delimiter.charCodeAt(0));
		if (cut > 0) yield text.slice(0, cut);
		carry = text.slice(Math.max(cut, 0));
	}
}

/**
 * The index just after the last line break that ends a record (text starts at a record start), or
 * -1. A quote opens a quoted field only at the start of a field, as papaparse reads it, so a stray
 * quote inside an unquoted field (5" pipe) does not throw the count off.
 */
function recordBoundary(text: string, delimiter: number): number {
	let isQuoted = false;
	let isFieldStart = true;
	let cut = -1;
	for (let k = 0; k < text.length; k++) {
		const ch = text.charCodeAt(k);
		if (isQuoted) {
			if (ch === 34) {
				if (text.charCodeAt(k + 1) === 34) k++;
				else isQuoted = false;
			}
			continue;
		}
		if (ch === 34 && isFieldStart) {
			isQuoted = true;
			continue;
		}
		// A CR at the very end may be the first half of CRLF: it is no boundary until the next piece shows.
		if (ch === 10 || (ch === 13 && k + 1 < text.length && text.charCodeAt(k + 1) !== 10)) {
			cut = k + 1;
			isFieldStart = true;
		} else isFieldStart = ch === delimiter || ch === 13;
	}
	return cut;
}

export type ParseCallbacks = {
	/** Called once with the header record. */
	header: (header: string[]) => void;
	/** Called with each batch of records; `firstRow` is the spreadsheet row number of the first one. */
	records: (records: string[][], firstRow: number) => void;
};

/**
 * Parses the bytes in the given encoding, calling back with the header and then batches of records.
 * Resolves with the delimiter and the structural problems (unclosed quotes, by row).
 */
export async function parseRecords(
	bytes: Uint8Array,
	encoding: Encoding,
	callbacks: ParseCallbacks
): Promise<{ delimiter: string; problems: Problem[]; records: number }> {
	const head = new TextDecoder(encoding, { fatal: false }).decode(bytes.subarray(0, 64 * 1024));
	const delimiter = guessDelimiter(head);
	const problems: Problem[] = [];
	let seen = 0;
	await new Promise<void>((resolve, reject) => {
		Papa.parse<string[]>(Readable.from(decodedChunks(bytes, encoding, delimiter)), {
			delimiter,
			header: false,
			skipEmptyLines: false,
			chunk: (results) => {
				let records = results.data;
				for (const e of results.errors) {
					if (e.type === 'Quotes') problems.push(problem('E_QUOTE', { row: seen + (e.row ?? 0) + 1 }));
				}
				if (seen === 0 && records.length > 0) {
					callbacks.header(records[0]);
					records = records.slice(1);
					seen = 1;
				}
				if (records.length) callbacks.records(records, seen + 1);
				seen += records.length;
			},
			complete: () => resolve(),
			error: (e: Error) => reject(e)
		});
	});
	return { delimiter, problems, records: seen };
}
