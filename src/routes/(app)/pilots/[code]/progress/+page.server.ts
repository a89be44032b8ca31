import { pilotProgress } from '$lib/server/progress/progress';
import * as scores from '$lib/server/analytics/scores';
import { chinaToday } from '$lib/server/ops/clock';
import { pilotInScope } from '../context.server';
import type { PageServerLoad } from './$types';

/** The progress tab: baselines and targets with each indicator's progress, the charts, the doubtful values, the score. */
export const load: PageServerLoad = ({ locals, params }) => {
	const { user, db, pilot } = pilotInScope(locals.user, params.code);
	return {
		indicators: pilot.indicators,
		progress: pilotProgress(db, pilot, chinaToday()),
		// analysts' figure: its method page and peer ranks belong to the dashboards, which implementers do not open
		score: user.role === 'implementer' ? null : scores.ofPilot(db, pilot.id)
	};
};
