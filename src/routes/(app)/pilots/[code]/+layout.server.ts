import { pilotInScope } from './context.server';
import type { LayoutServerLoad } from './$types';

/**
 * The pilot's header for every tab: its code, names, status and demo mark. A pilot outside the user's scope answers
 * 404, exactly like one that does not exist; each page's load and action checks the scope again on its own.
 */
export const load: LayoutServerLoad = ({ locals, params }) => {
	const { pilot } = pilotInScope(locals.user, params.code);
	return {
		header: {
			code: pilot.code,
			nameZh: pilot.nameZh,
			nameEn: pilot.nameEn,
			status: pilot.status,
			isDemo: pilot.isDemo
		}
	};
};
