import { requireRole } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { chinaToday } from '$lib/server/ops/clock';
import { exportGallery, galleryZip } from '$lib/server/cases/export/gallery-export';
import type { RequestHandler } from './$types';

/**
 * The public gallery as a static site in one ZIP, for analysts to publish elsewhere or hand on: the files of
 * `npm run cli -- export gallery --zip`, except that inside SvelteKit the components' scoped styles are compiled to
 * external CSS, so the pages are styled by the export's own style.css alone. Ministry and admin only: the contents are
 * public, but exporting is curation.
 */
export const GET: RequestHandler = ({ locals }) => {
	requireRole(locals.user, 'ministry', 'admin');
	const now = Date.now();
	const archive = galleryZip(exportGallery(getDb(), { locale: locals.locale, now }), now);
	return new Response(archive, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="gallery-${chinaToday(now)}.zip"`,
			'cache-control': 'no-store'
		}
	});
};
