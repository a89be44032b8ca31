// Starts the built app (adapter-node) with the product's defaults:
// - uploads up to 50 MB, so the request body limit sits just above that (multipart overhead) and
//   anything larger gets 413 early;
// - without ORIGIN, adapter-node would take every request for https, and sign-in on plain
//   http://localhost would fail its CSRF check: the local default is http://localhost:PORT.
//   Behind a proxy, set ORIGIN (or PROTOCOL_HEADER and HOST_HEADER) — see the README.
process.env.BODY_SIZE_LIMIT ??= '54M';
process.env.PORT ??= '3000';
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) process.env.ORIGIN = `http://localhost:${process.env.PORT}`;
process.env.INTAKE_WORKER ??= new URL('../build/intake-worker.mjs', import.meta.url).pathname;
await import('../build/index.js');
