/**
 * The browser's look at a file before it is sent: its encoding and delimiter, how its header maps
 * to the intake's columns, and its first rows — read from the first 64 KB with papaparse, so that
 * the person sees at once whether the file is the one they meant.
 */
import Papa from 'papaparse';
import { INTAKE_COLUMNS } from './columns';

export type Preview = {
	encoding: string;
	delimiter: string;
	header: { name: string; field: string | null }[];
	missing: string[];
	rows: string[][];
};

function decodeHead(bytes: Uint8Array): { text: string; encoding: string } {
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16 LE' };
	if (bytes[0] === 0xfe && bytes[1] === 0xff)
		return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16 BE' };
	try {
		// stream: a character cut at the 64 KB mark is not an error
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true }), encoding: 'UTF-8' };
	} catch {
		return { text: new TextDecoder('gb18030').decode(bytes, { stream: true }), encoding: 'GB18030' };
	}
}

const normalise = (h: string) =>
	h
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/\s+/g, ' ');

/** Reads the start of a file and describes it; `rows` are the first data rows. */
export async function previewFile(file: Blob, rows = 10): Promise<Preview> {
	const head = new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer());
	const { text, encoding } = decodeHead(head);
	const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
		preview: rows + 1,
		skipEmptyLines: 'greedy',
		delimitersToGuess: [',', ';', '\t']
	});
	const [header = [], ...data] = parsed.data;
	const mapped = header.map((name) => {
		const h = normalise(name);
		const spec = INTAKE_COLUMNS.find((c) => c.key === h || c.aliases.some((a) => normalise(a) === h));
		return { name: name.replace(/^\uFEFF/, '').trim(), field: spec?.key ?? null };
	});
	const missing = INTAKE_COLUMNS.filter((c) => c.required && !mapped.some((m) => m.field === c.key)).map(
		(c) => `${c.aliases[0]} ${c.key}`
	);
	return { encoding, delimiter: parsed.meta.delimiter, header: mapped, missing, rows: data };
}

/** Whether the file is a ZIP archive, as an .xlsx workbook is (the server tells a workbook for sure, by its entries). */
export async function isWorkbook(file: Blob): Promise<boolean> {
	const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
	return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}
