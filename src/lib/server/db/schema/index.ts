/**
 * The database schema (Drizzle, SQLite), one file per feature; this index only re-exports them. Unknown facts are NULL, never a guess; dates are ISO
 * `YYYY-MM-DD` text; instants are integer milliseconds since the epoch.
 */
export * from './registry';
export * from './auth';
export * from './audit';
export * from './intake';
export * from './review';
export * from './analytics';
export * from './cases';
export * from './recommendations';
export * from './evaluation';
export * from './mail';
export * from './threads';
