// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIndicators } from '../../intake';
import { intakeTestDb, TEST_TODAY } from '../../testing/registry';
import * as cases from '../cases';
import * as review from '../../review/review';
import * as narratives from '../../review/narratives';
import { contentFromForm } from '../../../cases/content';
import type { Db } from '../../db';
import { pilots } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { systemActor } from '../../audit/audit';
import * as deliverables from '../../evaluation/deliverables';
import {
	BULK_ZIP,
	EXPORT_CSP,
	exportGallery,
	galleryZip,
	parseGalleryArgs,
	siteFolder,
	type GalleryFiles
} from './gallery-export';

const dir = mkdtempSync(join(tmpdir(), 'gallery-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const actor = { userId: null, name: 'analyst', ip: null };
const NOW = Date.parse('2026-12-01T10:00:00+08:00');
const DRAFT_TEXT = '草稿里尚未公开的措施';
const WITHDRAWN_TEXT = '撤回案例里的背景';
const LATER_EDIT = '发布后改过但未重新发布的标题';

function form(fields: Record<string, string | string[]>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
	return f;
}

const writeUp = (title: string, background: string, indicators: string[]) =>
	contentFromForm(
		form({
			'title.zh': title,
			'title.en': `${title} (en)`,
			'background.zh': background,
			'measures.zh': '措施',
			'results.zh': '成效',
			'experience.zh': '经验',
			'criterion.innovation': 'on',
			indicator: indicators
		}),
		indicators
	).content;

/**
 * Q-1 published (voc and energy), Q-2 published then withdrawn, Q-3 a draft; Q-1's write-up edited after publication.
 * Only Q-1's snapshot may reach the export.
 */
async function gallery(): Promise<{ db: Db; sqlite: Database.Database }> {
	const { db, sqlite, users } = intakeTestDb();
	const dataDir = mkdtempSync(join(dir, 'data-'));
	const send = (user: typeof users.imp1, pilot: string, rows: string[]) =>
		importIndicators(
			db,
			new TextEncoder().encode(
				['pilot_code,enterprise_code,period,indicator_code,value,unit,note', ...rows].join('\n')
			),
			{
				user,
				dryRun: false,
				fileName: `${pilot}-2025Q3.csv`,
				channel: 'web',
				today: TEST_TODAY,
				dataDir,
				at: Date.parse('2025-10-10T10:00:00+08:00')
			}
		);
	const approve = (pilotId: number) => {
		narratives.save(db, pilotId, '2025Q3', '说明', actor);
		review.act(db, pilotId, '2025Q3', 'submit', 'admin', '', actor);
		review.act(db, pilotId, '2025Q3', 'approve', 'province', '', { ...actor, name: 'province-reviewer' });
	};
	await send(users.imp1, 'Q-1', [
		'Q-1,E01,2025Q3,voc,50,t,',
		'Q-1,E02,2025Q3,voc,40,t,',
		'Q-1,E01,2025Q3,energy,9000,tce,',
		'Q-1,E02,2025Q3,energy,500,tce,'
	]);
	await send(users.imp2, 'Q-2', ['Q-2,F01,2025Q3,voc,30,t,']);
	approve(1);
	approve(2);

	const published = cases.open(db, { id: 1, code: 'Q-1', nameZh: '测试试点 Q-1', nameEn: 'Test pilot Q-1' }, actor);
	cases.save(db, published, writeUp('测试案例', '背景', ['voc', 'energy']), actor);
	expect(cases.publish(db, cases.ofPilot(db, 1)!, actor, Date.parse('2026-11-29T09:00:00+08:00'))).toEqual({
		ok: true
	});
	cases.save(db, cases.ofPilot(db, 1)!, writeUp(LATER_EDIT, '背景', ['voc']), actor);

	const withdrawn = cases.open(db, { id: 2, code: 'Q-2', nameZh: '测试试点 Q-2', nameEn: 'Test pilot Q-2' }, actor);
	cases.save(db, withdrawn, writeUp('撤回的案例', WITHDRAWN_TEXT, ['voc']), actor);
	expect(cases.publish(db, cases.ofPilot(db, 2)!, actor)).toEqual({ ok: true });
	expect(cases.withdraw(db, cases.ofPilot(db, 2)!, '数据待核实', actor)).toEqual({ ok: true });

	const draft = cases.open(db, { id: 3, code: 'Q-3', nameZh: '测试试点 Q-3', nameEn: 'Test pilot Q-3' }, actor);
	cases.save(db, draft, writeUp('草稿案例', DRAFT_TEXT, []), actor);
	return { db, sqlite };
}

const asText = (content: Uint8Array | string) =>
	typeof content === 'string' ? content : Buffer.from(content).toString('utf8');

// Python's zipfile reads archives independently of our writer (names and contents, hex so that bytes survive JSON).
function unzip(archive: Uint8Array): Map<string, Buffer> {
	const path = join(dir, `read-${Math.random().toString(36).slice(2)}.zip`);
	writeFileSync(path, archive);
	const script =
		'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n' +
		'print(json.dumps([[i.filename, z.read(i).hex()] for i in z.infolist()]))';
	const entries = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as [string, string][];
	return new Map(entries.map(([name, hex]) => [name, Buffer.from(hex, 'hex')]));
}

/** Every href and src in an HTML file, as written. */
const linksOf = (html: string) => [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]);

describe('the static export of the gallery', () => {
	let files: GalleryFiles;
	beforeAll(async () => {
		files = exportGallery((await gallery()).db, { locale: 'zh', now: NOW });
	});

	it('holds the index, the published case with its charts and data, the snapshots, a README and the bulk archive', () => {
		expect([...files.keys()].sort()).toEqual(
			[
				'README.txt',
				'index.html',
				'style.css',
				'data/cases.json',
				BULK_ZIP,
				'cases/q-1/index.html',
				'cases/q-1/case.json',
				...['voc', 'energy'].flatMap((code) => ['svg', 'csv', 'json'].map((ext) => `cases/q-1/${code}.${ext}`))
			].sort()
		);
		const snapshots = JSON.parse(asText(files.get('data/cases.json')!)) as { slug: string }[];
		expect(snapshots.map((c) => c.slug)).toEqual(['q-1']);
		expect(JSON.parse(asText(files.get('cases/q-1/case.json')!))).toMatchObject({
			slug: 'q-1',
			frozenOn: '2026-11-29'
		});
		const readme = asText(files.get('README.txt')!);
		expect(readme).toContain('2026-12-01');
		expect(readme).toMatch(/cases\/q-1\/\s+2026-11-29\s+测试案例/);
	});

	it('writes complete documents with the language, a title, the exported-on line and the data-freeze stamp', () => {
		for (const path of ['index.html', 'cases/q-1/index.html']) {
			const html = asText(files.get(path)!);
			expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">'), path).toBe(true);
			expect(html).toContain('<meta charset="utf-8">');
			expect(html).toMatch(/<title>[^<]*典型案例[^<]*<\/title>/);
			expect(html).toContain('本静态副本导出于 2026年12月1日');
			expect(html).toContain('各案例的数字冻结于其发布日（2026年11月29日 至 2026年11月29日）');
			expect(html).toContain('数据冻结于 2026年11月29日');
			expect(html).not.toContain('<script');
			expect(html).not.toContain('sourceMappingURL');
		}
		const page = asText(files.get('cases/q-1/index.html')!);
		expect(page).toContain('<title>测试案例 · 典型案例</title>');
		expect(page.match(/<svg /g)).toHaveLength(2);
		expect(asText(files.get('index.html')!)).toContain('href="cases/q-1/index.html"');
	});

	it('gives every page a strict Content-Security-Policy: no script at all, nothing from another origin', () => {
		const pages = [...files.keys()].filter((p) => p.endsWith('.html'));
		expect(pages.length).toBe(2);
		const directives = new Map(
			EXPORT_CSP.split(';').map((d) => {
				const [name, ...values] = d.trim().split(/\s+/);
				return [name, values] as const;
			})
		);
		expect(directives.get('default-src')).toEqual(["'none'"]);
		expect(directives.get('script-src')).toEqual(["'none'"]);
		expect(directives.get('object-src')).toEqual(["'none'"]);
		expect(directives.get('base-uri')).toEqual(["'none'"]);
		// only the export's own files and inline styles: no host, no scheme but data: for images
		for (const [name, values] of directives)
			for (const value of values) expect(value, name).toMatch(/^('none'|'self'|'unsafe-inline'|data:)$/);
		for (const path of pages) {
			const html = asText(files.get(path)!);
			const head = html.slice(0, html.indexOf('</head>'));
			const metas = [...head.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
			expect(
				metas.map((m) => m[1]),
				path
			).toEqual([EXPORT_CSP]);
			// before anything the policy governs
			expect(head.indexOf('Content-Security-Policy'), path).toBeLessThan(head.indexOf('<link'));
			expect(html, path).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
		}
	});

	it('links only to files in the export, relatively', () => {
		let checked = 0;
		for (const [path, content] of files) {
			if (!path.endsWith('.html')) continue;
			for (const link of linksOf(asText(content))) {
				if (link.startsWith('#')) continue;
				expect(link, `${path}: ${link}`).not.toMatch(/^([a-z][a-z0-9+.-]*:|\/)/i);
				const target = posix.normalize(posix.join(posix.dirname(path), decodeURIComponent(link.split('#')[0])));
				expect(files.has(target), `${path} links to ${link}, which is not in the export`).toBe(true);
				checked++;
			}
		}
		// style.css, the two downloads and the case from the index; from the case page also back, case.json, 2 × 2 data
		expect(checked).toBe(4 + 9);
	});

	it('holds nothing of an unpublished case, a withdrawn one, a later edit or an enterprise', () => {
		const forbidden = [
			'Q-2',
			'q-2',
			'Q-3',
			'q-3',
			'测试试点 Q-2',
			'Test pilot Q-3',
			'撤回的案例',
			WITHDRAWN_TEXT,
			'草稿案例',
			DRAFT_TEXT,
			LATER_EDIT,
			...['E01', 'E02', 'E03', 'F01', 'G01'].flatMap((code) => [code, `企业 ${code}`])
		];
		const archives = [files.get(BULK_ZIP) as Uint8Array, galleryZip(files, NOW)];
		const contents = [...files.values(), ...archives.flatMap((a) => [...unzip(a).values()])];
		for (const content of contents)
			for (const text of forbidden) expect(asText(content), `contains ${text}`).not.toContain(text);
		// the published case itself is there: the check above looks at the right files
		expect(asText(files.get('index.html')!)).toContain('测试案例');
		expect(asText(files.get('cases/q-1/index.html')!)).toContain('测试试点 Q-1');
	});

	it('puts beside every chart its CSV (with BOM) and JSON', () => {
		const svgs = [...files.keys()].filter((p) => p.endsWith('.svg'));
		expect(svgs).toHaveLength(2);
		for (const svg of svgs) {
			expect(asText(files.get(svg)!)).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
			const csv = asText(files.get(svg.replace(/\.svg$/, '.csv'))!);
			expect(csv.startsWith('\uFEFF'), svg).toBe(true);
			expect(JSON.parse(asText(files.get(svg.replace(/\.svg$/, '.json'))!))).toBeTruthy();
		}
	});

	it('archives the same files: the whole site in its dated folder, and every data file in the bulk download', () => {
		const site = unzip(galleryZip(files, NOW));
		const folder = `${siteFolder(NOW)}/`;
		expect(folder).toBe('gallery-2026-12-01/');
		expect([...site.keys()]).toEqual([...files.keys()].map((p) => folder + p));
		for (const [path, content] of files)
			expect(site.get(folder + path)!.equals(typeof content === 'string' ? Buffer.from(content) : content), path).toBe(
				true
			);

		const bulk = unzip(files.get(BULK_ZIP) as Uint8Array);
		const data = [...files.keys()].filter((p) => /\.(csv|json|svg)$/.test(p) || p === 'README.txt');
		expect([...bulk.keys()].sort()).toEqual(data.sort());
		for (const path of data) expect(bulk.get(path)!.toString('utf8'), path).toBe(asText(files.get(path)!));
	});

	it('exports in English too', async () => {
		const en = exportGallery((await gallery()).db, { locale: 'en', now: NOW });
		const page = asText(en.get('cases/q-1/index.html')!);
		expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
		expect(page).toContain('This static copy was exported on 1 Dec 2026');
		expect(page).toContain('<title>测试案例 (en) · Typical cases</title>');
	});
});

describe('the public deliverables in the static export', () => {
	const PDF = new TextEncoder().encode('%PDF-1.4 public guide\n%%EOF\n');
	/** Q-1 passed: a public guide with a file, a public link, an internal case; Q-2 in progress: a public standard. */
	function programme() {
		const { db } = intakeTestDb();
		const dataDir = mkdtempSync(join(dir, 'deliverables-'));
		db.update(pilots).set({ status: 'passed' }).where(eq(pilots.code, 'Q-1')).run();
		const add = (code: string, over: Partial<deliverables.DeliverableFields>, hasFile: boolean) => {
			const pilot = db.select().from(pilots).where(eq(pilots.code, code)).get()!;
			const fields = {
				kind: 'norm',
				titleZh: '',
				titleEn: '',
				date: '2026-10-01',
				url: '',
				abstract: '',
				isPublic: true,
				...over
			};
			const file = hasFile ? { fileName: '张三的草稿v3.pdf', bytes: PDF } : null;
			const outcome = deliverables.create(db, pilot, fields, file, systemActor('test'), TEST_TODAY, dataDir);
			if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
			return outcome.id;
		};
		const ids = {
			guide: add('Q-1', { titleZh: '公开的审核指南', abstract: '指南摘要' }, true),
			link: add('Q-1', { kind: 'tech_list', titleZh: '公开的技术清单', url: 'https://example.org/list' }, false),
			internal: add('Q-1', { kind: 'case', titleZh: '内部案例材料', isPublic: false }, true),
			running: add('Q-2', { kind: 'standard', titleZh: '进行中试点的标准' }, true)
		};
		return { db, dataDir, ids };
	}

	it('lists the public deliverables of passed pilots on the index, their files copied in, links left as links', () => {
		const { db, dataDir, ids } = programme();
		const files = exportGallery(db, { locale: 'zh', now: NOW, dataDir });
		const copied = [...files.keys()].filter((p) => p.startsWith('deliverables/'));
		expect(copied).toEqual([`deliverables/deliverable-${ids.guide}.pdf`]);
		expect(Buffer.from(files.get(copied[0]) as Uint8Array).equals(Buffer.from(PDF))).toBe(true);

		const index = asText(files.get('index.html')!);
		expect(index).toContain('试点成果');
		expect(index).toContain('公开的审核指南');
		expect(index).toContain('指南摘要');
		expect(index).toContain('公开的技术清单');
		const links = linksOf(index);
		expect(links).toContain(`deliverables/deliverable-${ids.guide}.pdf`);
		expect(links).toContain('https://example.org/list');
		for (const link of links.filter((l) => !/^https?:/.test(l)))
			expect(files.has(posix.normalize(decodeURIComponent(link))), link).toBe(true);
		expect(asText(files.get('README.txt')!)).toContain('deliverables/');

		// nothing internal, nothing of a pilot that has not passed, no original file name
		const everything = [...files.values()].map(asText).join('\n');
		for (const text of ['内部案例材料', '进行中试点的标准', '张三的草稿v3', 'test-dummy-hash'])
			expect(everything, text).not.toContain(text);
	});

	it('refuses to export when a public file is missing from the data folder, naming the deliverable', () => {
		const { db, ids } = programme();
		const empty = mkdtempSync(join(dir, 'empty-'));
		expect(() => exportGallery(db, { locale: 'zh', now: NOW, dataDir: empty })).toThrow(
			new RegExp(`deliverable ${ids.guide} \\(Q-1\\)`)
		);
	});
});

describe('export gallery arguments', () => {
	it('reads --out, --zip and --lang, and refuses anything else', () => {
		expect(parseGalleryArgs([])).toEqual({ out: null, isZip: false, locale: 'zh' });
		expect(parseGalleryArgs(['--out', 'site', '--zip', '--lang=en'])).toEqual({
			out: 'site',
			isZip: true,
			locale: 'en'
		});
		expect(parseGalleryArgs(['--out'])).toMatch(/--out/);
		expect(parseGalleryArgs(['--lang', 'fr'])).toMatch(/--lang/);
		expect(parseGalleryArgs(['site'])).toMatch(/unexpected/);
	});
});

describe('npm run cli -- export gallery', () => {
	// The bundle compiles the components with their styles injected, which vitest's compiler does not: built and run here.
	it('writes the folder or one archive from the database of DATABASE_URL, styled', { timeout: 120_000 }, async () => {
		const built = spawnSync('node', ['scripts/build-export.mjs'], { encoding: 'utf8' });
		expect(built.status, built.stderr).toBe(0);
		const { sqlite } = await gallery();
		const dbFile = join(dir, 'cli.db');
		writeFileSync(dbFile, sqlite.serialize());
		const env = { ...process.env, DATABASE_URL: `file:${dbFile}` };
		const run = (...args: string[]) =>
			spawnSync('node', ['build/export.mjs', 'gallery', ...args], { env, encoding: 'utf8' });

		const site = join(dir, 'site');
		const folder = run('--out', site);
		expect(folder.status, folder.stderr).toBe(0);
		expect(folder.stdout).toMatch(/1 cases, 13 files/);
		const index = readFileSync(join(site, 'index.html'), 'utf8');
		const page = readFileSync(join(site, 'cases/q-1/index.html'), 'utf8');
		// the components' scoped styles are in the head, beside the shared stylesheet
		expect(index).toMatch(/<style id="svelte-[\w-]+">[^<]*\.cards/);
		expect(page).toMatch(/<style id="svelte-[\w-]+">[^<]*\.freeze/);
		expect(page).toContain('<link rel="stylesheet" href="../../style.css">');
		expect(readdirSync(join(site, 'cases/q-1')).sort()).toEqual(
			['case.json', 'energy.csv', 'energy.json', 'energy.svg', 'index.html', 'voc.csv', 'voc.json', 'voc.svg'].sort()
		);

		// a previous export is replaced; a folder holding anything else is left alone
		writeFileSync(join(site, 'cases/stale.html'), 'withdrawn');
		expect(run('--out', site).status).toBe(0);
		expect(existsSync(join(site, 'cases/stale.html'))).toBe(false);
		const other = join(dir, 'other');
		mkdirSync(other);
		writeFileSync(join(other, 'keep.txt'), 'mine');
		const refused = run('--out', other);
		expect(refused.status).toBe(1);
		expect(readFileSync(join(other, 'keep.txt'), 'utf8')).toBe('mine');

		const archive = join(dir, 'out', 'site.zip');
		const zipped = run('--zip', '--out', archive, '--lang', 'en');
		expect(zipped.status, zipped.stderr).toBe(0);
		const entries = [...unzip(readFileSync(archive)).keys()];
		expect(entries).toHaveLength(13);
		expect(entries.every((e) => /^gallery-\d{4}-\d{2}-\d{2}\/[^/]/.test(e))).toBe(true);
		expect(run('--lang', 'fr').status).toBe(2);
	});
});
