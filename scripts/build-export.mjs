// Bundles the exports that render Svelte components (build/export.mjs: `node build/export.mjs <command> ...args`),
// because the tsx-run CLI cannot import .svelte files. esbuild as for the intake worker; `$lib` is resolved like
// SvelteKit does, and .svelte files are compiled for the server with their CSS injected into the rendered head.
// Packages stay external (loaded from node_modules): better-sqlite3 is native, playwright-core launches a browser, and
// the compiled components must share svelte's runtime with svelte/server.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { compile } from 'svelte/compiler';

const lib = resolve('src/lib');

/** Compiles .svelte files to server components; Svelte 5 strips the TypeScript of `<script lang="ts">` itself. */
const svelte = {
	name: 'svelte',
	setup(b) {
		b.onLoad({ filter: /\.svelte$/ }, async ({ path }) => {
			const { js, warnings } = compile(await readFile(path, 'utf8'), {
				generate: 'server',
				filename: path,
				css: 'injected'
			});
			return {
				contents: js.code,
				loader: 'js',
				resolveDir: resolve(path, '..'),
				warnings: warnings.map((w) => ({ text: w.message, location: w.start && { file: path, line: w.start.line } }))
			};
		});
	}
};

const started = performance.now();
await build({
	entryPoints: ['src/lib/server/cases/export/cli.ts'],
	outfile: 'build/export.mjs',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	alias: { $lib: lib },
	plugins: [svelte],
	logLevel: 'warning'
});
console.log(`built build/export.mjs in ${Math.round(performance.now() - started)} ms`);
