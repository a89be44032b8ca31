/**
 * `npm run bench` runs the pilot-list bench; `npm run bench -- import [--rows N]` the intake bench;
 * `npm run bench -- dashboard [--pilots N] [--enterprises-per-pilot M]` the dashboard bench;
 * `npm run bench -- http [--runs N] [--rows N] [--duration S]` the HTTP bench (pages alone and under an import).
 */
const [which, ...rest] = process.argv.slice(2);
if (which === 'import') await (await import('./import')).main(rest);
else if (which === 'dashboard') await (await import('./dashboard')).main(rest);
else if (which === 'http') await (await import('./http')).main(rest);
else await import('../bench');
