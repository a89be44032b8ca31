/**
 * `export pack PILOT [--pdf] [--out FILE] [--lang en]`: the pilot's term-end evaluation pack as a standalone HTML file
 * (the same PackView the app shows, rendered on the server with its styles inlined) or, with --pdf, an A4 PDF printed
 * by headless Chromium from that HTML. Reads the database of DATABASE_URL, as the app does, with the ministry's view.
 */
import { writeFileSync } from 'node:fs';
import { render } from 'svelte/server';
import { openDb } from '$lib/server/db';
import { packOf, type Pack } from '$lib/server/cases/pack';
import type { Locale } from '$lib/i18n';
import PackView from '$lib/cases/PackView.svelte';
import { chromiumLaunchOptions } from '../../ops/chromium';

const USAGE = 'export pack PILOT [--pdf] [--out FILE] [--lang en]';

type Options = { code: string; isPdf: boolean; out: string | null; locale: Locale };

/** The options in `args`, or a usage message; --pdf is the only flag without a value. */
export function parsePackArgs(args: string[]): Options | string {
	let code: string | null = null;
	let out: string | null = null;
	let locale: Locale = 'zh';
	let isPdf = false;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
		const key = eq > 0 ? arg.slice(0, eq) : arg;
		const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
		const value = () => inline ?? args[++i];
		if (key === '--pdf') isPdf = true;
		else if (key === '--out') out = value() ?? null;
		else if (key === '--lang') locale = value() === 'en' ? 'en' : 'zh';
		else if (key.startsWith('--') || code !== null) return `unexpected argument: ${arg}`;
		else code = arg;
	}
	if (!code) return 'a pilot code is required';
	if (out === null && args.includes('--out')) return '--out needs a file name';
	return { code, isPdf, out, locale };
}

/** The pack as a complete HTML document: the rendered head (title and the component's styles) and body. */
export function packHtml(pack: Pack, locale: Locale): string {
	const { head, body } = render(PackView, { props: { pack, locale } });
	return `<!doctype html>
<html lang="${locale === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

/** Prints the HTML to an A4 PDF with the system's Chromium (CHROMIUM_PATH overrides where it is). */
async function printPdf(html: string): Promise<Buffer> {
	// loaded only for --pdf, so the HTML export works where playwright-core or Chromium is missing
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch(chromiumLaunchOptions());
	try {
		const page = await browser.newPage();
		await page.setContent(html, { waitUntil: 'load' });
		return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
	} finally {
		await browser.close();
	}
}

/** Runs the command; resolves to the exit code (1: no such pilot, 2: usage). */
export async function main(args: string[]): Promise<number> {
	const options = parsePackArgs(args);
	if (typeof options === 'string') {
		console.error(`${options}\nusage: npm run cli -- ${USAGE}`);
		return 2;
	}
	const { db, sqlite } = openDb();
	let pack: Pack | null;
	try {
		pack = packOf(db, { kind: 'all' }, options.code, options.locale);
	} finally {
		sqlite.close();
	}
	if (!pack) {
		console.error(`没有该试点 / No such pilot: ${options.code}`);
		return 1;
	}
	const html = packHtml(pack, options.locale);
	const out = options.out ?? `pack-${options.code}.${options.isPdf ? 'pdf' : 'html'}`;
	writeFileSync(out, options.isPdf ? await printPdf(html) : html);
	console.log(out);
	return 0;
}
