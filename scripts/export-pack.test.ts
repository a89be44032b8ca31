import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'export-pack-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 't.db')}`, DATA_DIR: dir };

function run(command: string, ...args: string[]) {
	const r = spawnSync(command, args, { env, encoding: 'utf8' });
	return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * The document title from a PDF's Info dictionary. Chromium compresses the page text and writes glyph ids, but keeps
 * the Info dictionary in plain sight: the title as a hex string (<FEFF…>, UTF-16BE) or a literal one ((…), which may
 * itself hold UTF-16BE bytes after \376\377).
 */
function pdfTitle(pdf: Buffer): string | null {
	const text = pdf.toString('latin1');
	const hex = /\/Title\s*<([0-9A-Fa-f\s]*)>/.exec(text);
	let bytes: Buffer;
	if (hex) bytes = Buffer.from(hex[1].replace(/\s/g, ''), 'hex');
	else {
		const literal = /\/Title\s*\(((?:\\.|[^\\)])*)\)/s.exec(text);
		if (!literal) return null;
		const unescaped = literal[1].replace(/\\([0-7]{1,3}|.)/gs, (_, c: string) =>
			/^[0-7]+$/.test(c) ? String.fromCharCode(parseInt(c, 8)) : ({ n: '\n', r: '\r', t: '\t' }[c] ?? c)
		);
		bytes = Buffer.from(unescaped, 'latin1');
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
	return bytes.toString('latin1');
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- export pack', () => {
	it('reads a PDF title written as a hex or a literal string', () => {
		expect(pdfTitle(Buffer.from('<< /Title <FEFF6D4B 8BD5> >>', 'latin1'))).toBe('测试');
		expect(pdfTitle(Buffer.from('<< /Title (Pack \\(D-001\\)) >>', 'latin1'))).toBe('Pack (D-001)');
		expect(pdfTitle(Buffer.from('<< /Title (\\376\\377\\000A\\000B) >>', 'latin1'))).toBe('AB');
		expect(pdfTitle(Buffer.from('<< /Producer (x) >>', 'latin1'))).toBeNull();
	});

	it('writes the pack of a demo pilot as HTML and as an A4 PDF', { timeout: 120_000 }, () => {
		const built = run('node', 'scripts/build-export.mjs');
		expect(built.code, built.err).toBe(0);
		expect(existsSync('build/export.mjs')).toBe(true);
		const setup = run('node_modules/.bin/tsx', 'scripts/cli.ts', 'setup');
		expect(setup.code, setup.err).toBe(0);
		const db = new Database(join(dir, 't.db'), { readonly: true });
		const { name } = db.prepare("SELECT name_zh AS name FROM pilots WHERE code = 'D-001'").get() as { name: string };
		db.close();

		// HTML through the tsx CLI, which hands the command to the bundle
		const html = join(dir, 'p.html');
		const viaCli = run('node_modules/.bin/tsx', 'scripts/cli.ts', 'export', 'pack', 'D-001', '--out', html);
		expect(viaCli.code, viaCli.err).toBe(0);
		const page = readFileSync(html, 'utf8');
		expect(page).toContain('<meta charset="utf-8">');
		expect(page).toContain(`<title>${name} · 试点期末评估材料</title>`);
		expect(page).toMatch(/<style id="svelte-[\w-]+">[^<]*@page\s*\{size:A4/);
		expect(page).toContain('<h1 class="svelte-');
		expect(page).toContain('目标与完成情况');
		expect(page).toContain('审核记录');
		expect(page.match(/<svg /g)?.length).toBeGreaterThan(0);

		const pdf = join(dir, 'p.pdf');
		const printed = run('node', 'build/export.mjs', 'pack', 'D-001', '--pdf', '--out', pdf);
		expect(printed.code, printed.err).toBe(0);
		const bytes = readFileSync(pdf);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdfTitle(bytes)).toContain(name);

		const missing = run('node', 'build/export.mjs', 'pack', 'NOPE-1');
		expect(missing.code).toBe(1);
		expect(missing.err).toContain('NOPE-1');
		expect(run('node', 'build/export.mjs', 'frobnicate').code).toBe(2);
	});
});
