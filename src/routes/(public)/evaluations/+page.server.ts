import { getDb } from '$lib/server/db';
import * as passLists from '$lib/server/evaluation/pass-lists';
import type { PageServerLoad } from './$types';

/** Public, no sign-in: every published list with its batch, reference, date and counts (newest first). */
export const load: PageServerLoad = () => ({ lists: passLists.published(getDb()) });
