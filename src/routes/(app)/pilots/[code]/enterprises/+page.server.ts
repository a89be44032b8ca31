import { pilotInScope } from '../context.server';
import type { PageServerLoad } from './$types';

/** The enterprises tab: the enterprises registered in the pilot. */
export const load: PageServerLoad = ({ locals, params }) => {
	const { pilot } = pilotInScope(locals.user, params.code);
	return {
		enterprises: pilot.enterprises.map((e) => ({
			id: e.id,
			code: e.code,
			nameZh: e.nameZh,
			industry: e.industry,
			creditCode: e.creditCode
		}))
	};
};
