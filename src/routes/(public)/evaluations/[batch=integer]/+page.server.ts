import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { publicList } from '$lib/server/evaluation/public-list';
import type { PageServerLoad } from './$types';

/** Public, no sign-in: a batch's published list with its corrections; a batch without a published list is a 404. */
export const load: PageServerLoad = ({ params }) => {
	const list = publicList(getDb(), Number(params.batch));
	if (!list) error(404, 'Not found');
	return { list };
};
