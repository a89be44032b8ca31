import * as audit from '$lib/server/audit/audit';
import { pilotInScope } from '../context.server';
import type { PageServerLoad } from './$types';

/** The history tab: the pilot's status events and its audit trail, projected for the viewer's role. */
export const load: PageServerLoad = ({ locals, params }) => {
	const { user, db, pilot } = pilotInScope(locals.user, params.code);
	return {
		events: pilot.events.map((e) => ({ id: e.id, status: e.status, on: e.on })),
		auditTrail: audit.forPilot(db, pilot, user),
		showIp: user.role === 'admin'
	};
};
