import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { desc, eq } from 'drizzle-orm';
import { getDb } from '$lib/server/db';
import { uploads } from '$lib/server/db/schema';
import { requireUser, scopeOf } from '$lib/server/access';
import * as pilots from '$lib/server/pilots';
import { canImport } from '$lib/server/tokens';
import { MAX_BYTES } from '$lib/server/intake';
import { runIntake } from '$lib/server/intake/run';
import type { Actions, PageServerLoad } from './$types';

/** Only roles that report values reach the upload page (others get 403). */
function uploader(event: Pick<RequestEvent, 'locals'>) {
	const user = requireUser(event.locals.user);
	if (!canImport(user.role)) error(403, 'Forbidden');
	return user;
}

export const load: PageServerLoad = (event) => {
	const user = uploader(event);
	const db = getDb();
	const mine = user.role === 'implementer' ? pilots.list(db, scopeOf(user), { sort: 'code' }).rows : [];
	const recent = db
		.select({
			id: uploads.id,
			at: uploads.at,
			fileName: uploads.fileName,
			rows: uploads.rows,
			encoding: uploads.encoding
		})
		.from(uploads)
		.where(eq(uploads.userId, user.id))
		.orderBy(desc(uploads.id))
		.limit(10)
		.all();
	return { mine: mine.map((p) => ({ code: p.code, nameZh: p.nameZh, nameEn: p.nameEn })), recent };
};

async function run(event: RequestEvent, dryRun: boolean) {
	const user = uploader(event);
	const form = await event.request.formData();
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return fail(400, { noFile: true as const });
	if (file.size > MAX_BYTES) return fail(413, { tooLarge: true as const });
	const summary = await runIntake(getDb(), new Uint8Array(await file.arrayBuffer()), {
		user,
		dryRun,
		fileName: file.name,
		channel: 'web',
		ip: event.getClientAddress()
	});
	return summary.errorCount > 0 ? fail(422, { summary }) : { summary };
}

export const actions: Actions = {
	check: (event) => run(event, true),
	commit: (event) => run(event, false)
};
