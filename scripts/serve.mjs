// Starts the built app (adapter-node) with the product's defaults: uploads up to 50 MB, so the
// request body limit sits just above that (multipart overhead) and anything larger gets 413 early.
process.env.BODY_SIZE_LIMIT ??= '54M';
process.env.PORT ??= '3000';
await import('../build/index.js');
