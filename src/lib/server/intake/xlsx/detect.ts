/**
 * What kind of file an upload is, told by its bytes and not its name (a workbook saved as "q4.csv", or a CSV named
 * ".xlsx", is read as what it is): an .xlsx workbook is a ZIP archive holding xl/workbook.xml; an old .xls is an OLE
 * compound file; anything else goes to the CSV reader.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { StoredUpload } from '../store';

export type FileKind = 'csv' | 'xlsx' | 'xls' | 'zip';

/** How far from each end of the file the entry name is looked for (the central directory sits at the end). */
const WINDOW = 64 * 1024;

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const WORKBOOK_ENTRY = Buffer.from('xl/workbook.xml');
const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** The first and last `WINDOW` bytes of the upload. */
function ends(file: Uint8Array | StoredUpload): { head: Uint8Array; tail: Uint8Array } {
	if (file instanceof Uint8Array)
		return { head: file.subarray(0, WINDOW), tail: file.subarray(Math.max(0, file.length - WINDOW)) };
	const fd = openSync(file.path, 'r');
	try {
		const read = (at: number, n: number) => {
			const buffer = new Uint8Array(n);
			return buffer.subarray(0, readSync(fd, buffer, 0, n, at));
		};
		return {
			head: read(0, Math.min(WINDOW, file.size)),
			tail: read(Math.max(0, file.size - WINDOW), Math.min(WINDOW, file.size))
		};
	} finally {
		closeSync(fd);
	}
}

/**
 * The kind of the upload. A ZIP archive is a workbook when the name `xl/workbook.xml` shows in its central directory
 * (at the end) or its first entries; exceljs then reads it properly, and refuses it if it is not one after all. A
 * ZIP cut short (no end of its directory) is taken for a workbook too, so that it is refused as a damaged one.
 */
export function fileKind(file: Uint8Array | StoredUpload): FileKind {
	const { head, tail } = ends(file);
	if (startsWith(head, OLE)) return 'xls';
	if (!startsWith(head, ZIP_LOCAL)) return 'csv';
	const holds = (bytes: Uint8Array, what: Buffer) =>
		Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(what);
	if (!holds(tail, END_OF_DIRECTORY)) return 'xlsx';
	return holds(tail, WORKBOOK_ENTRY) || holds(head, WORKBOOK_ENTRY) ? 'xlsx' : 'zip';
}
