/** `npm run bench` runs the pilot-list bench; `npm run bench -- import [--rows N]` the intake bench. */
const [which, ...rest] = process.argv.slice(2);
if (which === 'import') await (await import('./import')).main(rest);
else await import('../bench');
