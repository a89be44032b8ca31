// Bundles the intake worker next to the built app (build/intake-worker.mjs, or the path given as the first
// argument: the worker's own test bundles it elsewhere), with esbuild (Vite's own bundler). better-sqlite3 stays
// external: it is a native addon loaded from node_modules; so does exceljs, imported only when a workbook arrives, so
// that the worker of a CSV import neither parses nor holds 2.5 MB of spreadsheet code.
import { build } from 'esbuild';

const outfile = process.argv[2] ?? 'build/intake-worker.mjs';

await build({
	entryPoints: ['src/lib/server/intake/worker.ts'],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	external: ['better-sqlite3', 'exceljs'],
	banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
	logLevel: 'warning'
});
console.log(`built ${outfile}`);
