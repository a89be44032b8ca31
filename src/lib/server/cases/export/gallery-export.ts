/**
 * The static export of the public gallery: the same pages the public sees at /cases, rendered once into a folder that
 * works opened from disk (file://) or from any static host. Every link is relative and names its file (index.html),
 * because neither a folder nor a plain host resolves /cases/x to a page; there is no script. It reads only what the
 * live gallery reads (published snapshots, the programme-level counts, the charts drawn from the snapshots, and the
 * public deliverables of passed pilots with their files), so it can show nothing the public could not already see.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { render } from 'svelte/server';
import { openDb, type DbOrTx } from '../../db';
import * as cases from '../cases';
import * as gallery from '../gallery';
import { exportDeliverables, exportPath } from '../../evaluation/deliverables-export';
import { chinaToday } from '../../ops/clock';
import { formatDate, formatInstant, translator, type Locale, type Translate } from '../../../i18n';
import type { PublishedCase } from '../../../cases/content';
import GalleryIndex from '../../../cases/gallery/GalleryIndex.svelte';
import CaseView from '../../../cases/gallery/CaseView.svelte';
import { zip } from '../../ops/zip';

export type GalleryFiles = Map<string, Uint8Array | string>;

/** The bulk download the index links to: every data file of the export in one archive. */
export const BULK_ZIP = 'data/gallery-data.zip';

// A slug becomes a folder name: pilot codes are checked on import ([A-Za-z0-9][A-Za-z0-9._-]*), this guards the path.
const SAFE_SEGMENT = /^[a-z0-9][a-z0-9._-]*$/i;

const escapeHtml = (s: string) =>
	s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The site's own stylesheet. The components bring their scoped styles in the rendered head when compiled with
 * injected CSS (the CLI bundle); the base styles the app takes from app.css, and the export's header, are here. The few
 * component rules repeated below keep the pages readable where the components were compiled with external CSS (inside
 * SvelteKit, for the analysts' download), whose head carries no styles.
 */
const STYLE = `:root {
	--fg: #1d2a24;
	--muted: #5b6b63;
	--accent: #2f7d4f;
	--line: #d5ddd8;
	--bg-soft: #f4f7f5;
	font-family: system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC',
		'Noto Sans SC', sans-serif;
	color: var(--fg);
	line-height: 1.5;
}
body { margin: 0; }
a { color: var(--accent); }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg-soft); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted, .meta, .lead, .programme, .freeze, caption { color: var(--muted); }
caption { text-align: left; }
.export { background: var(--bg-soft); border-bottom: 1px solid var(--line); font-size: 0.85rem; color: var(--muted); }
.export div { max-width: 60rem; margin: 0 auto; padding: 0.5rem 1.5rem; }
.export p { margin: 0.15rem 0; }
.export .downloads a { margin-right: 1rem; font-weight: 600; }
@media print { .export .downloads { display: none; } }
`;

/**
 * The Content-Security-Policy every exported page carries in a <meta> (a static host sets no header): nothing runs —
 * no script at all, inline or not — and nothing loads from anywhere but the export itself: its stylesheet, the
 * components' inline styles and the charts' inline SVG (styles inline as in the live app, whose CSP allows the same).
 * No form goes anywhere and no <base> may redirect the relative links. frame-ancestors cannot be set from a <meta>.
 */
export const EXPORT_CSP = [
	"default-src 'none'",
	"script-src 'none'",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data:",
	"font-src 'self'",
	"connect-src 'none'",
	"object-src 'none'",
	"base-uri 'none'",
	"form-action 'none'"
].join('; ');

type Shell = {
	locale: Locale;
	title: string;
	head: string;
	body: string;
	root: string;
	stamp: (root: string) => string;
};

/** A complete HTML document around a rendered component, with the export's stamp on top; `root` leads to the top. */
function page({ locale, title, head, body, root, stamp }: Shell): string {
	// the dev compiler appends a source map with the component's whole source to each style: not for publication
	const styles = head.replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
	return `<!doctype html>
<html lang="${locale === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${root}style.css">
${styles}
</head>
<body>
${stamp(root)}
<main>
${body}
</main>
</body>
</html>
`;
}

/** The stamp every page carries: when this copy was made, when its figures were frozen, and the downloads. */
function stampOf(all: PublishedCase[], locale: Locale, now: number): (root: string) => string {
	const t = (...args: Parameters<Translate>) => escapeHtml(translator(locale)(...args));
	const frozen = all.map((c) => c.frozenOn).sort();
	const exported = t('export.exportedOn', { date: formatDate(locale, chinaToday(now)) });
	const range = frozen.length
		? `<p data-testid="export-frozen">${t('export.frozenRange', {
				from: formatDate(locale, frozen[0]),
				to: formatDate(locale, frozen.at(-1))
			})}</p>\n`
		: '';
	return (root) => `<header class="export" data-testid="export-stamp"><div>
<p><strong>${exported}</strong> · ${t('export.static')}</p>
${range}<p class="downloads"><a href="${root}${BULK_ZIP}" download>${t('export.bulkZip')}</a>
<a href="${root}data/cases.json" download>${t('export.casesJson')}</a></p>
</div></header>`;
}

// also how the CLI recognises a folder holding a previous export, which it may replace
const README_FIRST_LINE = '典型案例库静态副本 / Static copy of the typical-case gallery';

/** What the folder holds and how the figures were frozen, in both languages, for whoever opens the archive first. */
function readme(all: PublishedCase[], now: number, hasDeliverables: boolean): string {
	const lines = [
		README_FIRST_LINE,
		'',
		`导出时间 / Exported: ${formatInstant('zh', now)} (${new Date(now).toISOString()})`,
		`已发布案例 / Published cases: ${all.length}`,
		'',
		'每个案例的数字冻结于其发布日，均为经省级审核通过的试点汇总值；不含企业层面的数据。',
		"Each case's figures were frozen on its publication day: pilot-level values approved by the province; no",
		'enterprise-level data.',
		'',
		'案例 / Cases (数据冻结日 / figures frozen on):'
	];
	for (const c of all)
		lines.push(
			[
				`  cases/${c.slug}/  ${c.frozenOn}  ${c.content.title.zh}`,
				c.content.title.en ? ` / ${c.content.title.en}` : '',
				c.isDemo ? '  [示例 / demo]' : ''
			].join('')
		);
	lines.push(
		'',
		'文件 / Files:',
		'  index.html                    案例列表 / the list of cases (open in a browser)',
		'  cases/<slug>/index.html       案例页面 / a case',
		'  cases/<slug>/case.json        案例的冻结快照 / the frozen snapshot of the case',
		'  cases/<slug>/<indicator>.svg  图表 / a chart',
		'  cases/<slug>/<indicator>.csv  图表数据及来源（UTF-8 BOM）/ its figures and provenance (UTF-8 with BOM)',
		'  cases/<slug>/<indicator>.json 同上（JSON）/ the same as JSON',
		'  data/cases.json               全部案例快照 / every snapshot',
		...(hasDeliverables
			? ['  deliverables/<file>           试点公开成果的文件 / the files of public pilot deliverables']
			: []),
		`  ${BULK_ZIP}         全部数据文件 / every data file in one archive`,
		''
	);
	return lines.join('\n');
}

/**
 * The gallery as files (relative path → content), in the locale: index.html, style.css, README.txt, per published case
 * its page, charts (SVG) with their data (CSV, JSON) and frozen snapshot (case.json), all snapshots in
 * data/cases.json, and every data file again in data/gallery-data.zip; the public deliverables of passed pilots on the
 * index with their files in deliverables/ (read from `dataDir`). `now` dates the stamp and the archive.
 */
export function exportGallery(
	db: DbOrTx,
	{ locale, now = Date.now(), dataDir }: { locale: Locale; now?: number; dataDir?: string }
): GalleryFiles {
	const t = translator(locale);
	const text = (pair: { zh: string; en: string }) => (locale === 'en' && pair.en ? pair.en : pair.zh);
	const all = cases.published(db);
	for (const c of all)
		if (!SAFE_SEGMENT.test(c.slug)) throw new Error(`a case slug unfit for a folder name: ${c.slug}`);
	const stamp = stampOf(all, locale, now);
	const deliverables = exportDeliverables(db, dataDir);

	const index = render(GalleryIndex, {
		props: {
			cases: all,
			total: all.length,
			locale,
			hrefOf: (slug: string) => `cases/${encodeURIComponent(slug)}/index.html`,
			programme: gallery.programme(db),
			form: null,
			deliverables: { items: deliverables.items, fileHref: (d) => exportPath(d) ?? '' }
		}
	});
	const files: GalleryFiles = new Map();
	files.set(
		'index.html',
		page({
			locale,
			title: `${t('gallery.title')} · ${t('app.short')}`,
			head: index.head,
			body: index.body,
			root: '',
			stamp
		})
	);
	files.set('style.css', STYLE);
	files.set('README.txt', readme(all, now, deliverables.files.size > 0));
	for (const [path, bytes] of deliverables.files) files.set(path, bytes);

	// the data files, which the bulk archive holds again
	const data: GalleryFiles = new Map([['data/cases.json', JSON.stringify(all, null, 2)]]);
	for (const c of all) {
		const dir = `cases/${c.slug}`;
		const charts = gallery.chartsOf(c, locale);
		const view = render(CaseView, {
			props: {
				c,
				locale,
				charts: charts.map(({ code, title, svg }) => ({
					code,
					title,
					svg,
					csvHref: `${code}.csv`,
					jsonHref: `${code}.json`
				})),
				indexHref: '../../index.html',
				bulkHref: 'case.json'
			}
		});
		files.set(
			`${dir}/index.html`,
			page({
				locale,
				title: `${text(c.content.title)} · ${t('gallery.title')}`,
				head: view.head,
				body: view.body,
				root: '../../',
				stamp
			})
		);
		data.set(`${dir}/case.json`, JSON.stringify(c, null, 2));
		for (const chart of charts) {
			data.set(`${dir}/${chart.code}.svg`, chart.svg);
			data.set(`${dir}/${chart.code}.csv`, chart.csv);
			data.set(`${dir}/${chart.code}.json`, chart.json);
		}
	}
	for (const [path, content] of data) files.set(path, content);
	files.set(BULK_ZIP, zip(new Map([...data, ['README.txt', files.get('README.txt')!]]), now));
	return files;
}

/** The dated folder a whole-site archive unpacks into, so that unpacking never spills into the current folder. */
export function siteFolder(now: number): string {
	return `gallery-${chinaToday(now)}`;
}

/** The whole site as one ZIP archive, inside the dated folder of siteFolder. */
export function galleryZip(files: GalleryFiles, now: number): Uint8Array<ArrayBuffer> {
	const folder = siteFolder(now);
	return zip(new Map([...files].map(([path, content]) => [`${folder}/${path}`, content])), now);
}

const USAGE = 'export gallery [--out DIR|FILE.zip] [--zip] [--lang zh|en]';

type GalleryOptions = { out: string | null; isZip: boolean; locale: Locale };

/** The options in `args`, or a usage message; --zip is the only flag without a value. */
export function parseGalleryArgs(args: string[]): GalleryOptions | string {
	const options: GalleryOptions = { out: null, isZip: false, locale: 'zh' };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
		const key = eq > 0 ? arg.slice(0, eq) : arg;
		const value = () => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
		if (key === '--zip') options.isZip = true;
		else if (key === '--out') {
			const out = value();
			if (!out) return '--out needs a folder or file name';
			options.out = out;
		} else if (key === '--lang') {
			const lang = value();
			if (lang !== 'zh' && lang !== 'en') return '--lang is zh or en';
			options.locale = lang;
		} else return `unexpected argument: ${arg}`;
	}
	return options;
}

/**
 * Empties `dir` for a fresh export when it holds a previous one (recognised by its README), so that a case withdrawn
 * since does not linger in a folder that gets published; refuses a folder holding anything else.
 */
function prepareFolder(dir: string): string | null {
	if (!existsSync(dir) || readdirSync(dir).length === 0) return null;
	const readmePath = join(dir, 'README.txt');
	const isExport = existsSync(readmePath) && readFileSync(readmePath, 'utf8').startsWith(README_FIRST_LINE);
	if (!isExport) return `${dir} 不是空文件夹，也不是以前的导出 / is neither empty nor a previous export`;
	for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
	return null;
}

/**
 * `export gallery`: writes the site into the folder --out (default ./gallery) or, with --zip, one archive (--out
 * FILE.zip, or gallery.zip in the folder --out, default ./gallery.zip). Resolves to the exit code (1: the folder is
 * in use, 2: usage).
 */
export async function galleryMain(args: string[]): Promise<number> {
	const options = parseGalleryArgs(args);
	if (typeof options === 'string') {
		console.error(`${options}\nusage: npm run cli -- ${USAGE}`);
		return 2;
	}
	const started = performance.now();
	const now = Date.now();
	const { db, sqlite } = openDb();
	let files: GalleryFiles;
	try {
		files = exportGallery(db, { locale: options.locale, now });
	} finally {
		sqlite.close();
	}
	const pages = [...files.keys()].filter((p) => /^cases\/[^/]+\/index\.html$/.test(p)).length;
	let out: string;
	let bytes: number;
	if (options.isZip) {
		out = options.out?.endsWith('.zip') ? options.out : join(options.out ?? '.', 'gallery.zip');
		const archive = galleryZip(files, now);
		mkdirSync(dirname(out), { recursive: true });
		writeFileSync(out, archive);
		bytes = archive.length;
	} else {
		out = options.out ?? 'gallery';
		const refused = prepareFolder(out);
		if (refused) {
			console.error(refused);
			return 1;
		}
		bytes = 0;
		for (const [path, content] of files) {
			const target = join(out, path);
			mkdirSync(dirname(target), { recursive: true });
			writeFileSync(target, content);
			bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
		}
	}
	const ms = Math.round(performance.now() - started);
	console.log(`${out}: ${pages} cases, ${files.size} files, ${(bytes / 1024).toFixed(0)} KiB in ${ms} ms`);
	return 0;
}
