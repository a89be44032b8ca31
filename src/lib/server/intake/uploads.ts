/** The uploads a person sent, for their own list on the upload page. */
// Repeated blocks here are Drizzle query chains (select, from, join, where, order); each reads its own columns.
import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { uploads } from '../db/schema';

/** The user's last `limit` uploads, newest first: when, which file, how many rows, in what encoding. */
export function recentOf(db: DbOrTx, userId: number, limit = 10) {
	return db
		.select({
			id: uploads.id,
			at: uploads.at,
			fileName: uploads.fileName,
			rows: uploads.rows,
			encoding: uploads.encoding
		})
		.from(uploads)
		.where(eq(uploads.userId, userId))
		.orderBy(desc(uploads.id))
		.limit(limit)
		.all();
}
