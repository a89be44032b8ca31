import { getDb } from '$lib/server/db';
import * as pilots from '$lib/server/registry/pilots';
import type { PageServerLoad } from './$types';

/** Programme-level figures only: nothing here is per pilot, so the page is public. */
export const load: PageServerLoad = () => ({ programme: pilots.programme(getDb()) });
