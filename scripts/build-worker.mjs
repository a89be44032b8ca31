// Bundles the intake worker next to the built app (build/intake-worker.mjs), with esbuild (Vite's
// own bundler). better-sqlite3 stays external: it is a native addon loaded from node_modules.
import { build } from 'esbuild';

await build({
	entryPoints: ['src/lib/server/intake/worker.ts'],
	outfile: 'build/intake-worker.mjs',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	external: ['better-sqlite3'],
	banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
	logLevel: 'warning'
});
console.log('built build/intake-worker.mjs');
