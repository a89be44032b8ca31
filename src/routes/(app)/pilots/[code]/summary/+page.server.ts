import { error, fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireUser, scopeOf } from '$lib/server/auth/access';
import * as pilots from '$lib/server/registry/pilots';
import * as summaries from '$lib/server/evaluation/summaries';
import * as decisions from '$lib/server/evaluation/decisions';
import { figuresOf } from '$lib/server/evaluation/figures';
import { evaluationRole } from '$lib/server/evaluation/access';
import { chinaToday } from '$lib/server/ops/clock';
import { criteriaOf } from '$lib/domain/evaluation/scoring';
import { isSummaryOverdue, summaryOpensOn } from '$lib/domain/evaluation/summary';
import { contentFromForm, sheetFromForm } from '$lib/evaluation/summary-form';
import type { SessionUser } from '$lib/server/auth';
import type { Actions, PageServerLoad } from './$types';

/** The pilot within the user's scope (404 otherwise, like a pilot that does not exist) and the user's part in it. */
function context(user: SessionUser | null, code: string) {
	const u = requireUser(user);
	const db = getDb();
	const pilot = pilots.get(db, scopeOf(u), code);
	if (!pilot) error(404, 'Not found');
	return { user: u, db, pilot, role: evaluationRole(db, u, pilot) };
}

/** The role for an action, or 403 when the user takes no part in this pilot's evaluation. */
function acting(role: ReturnType<typeof evaluationRole>) {
	if (!role) error(403, 'Forbidden');
	return role;
}

const actorOf = (user: SessionUser, ip: string) => ({ userId: user.id, name: user.username, ip });

export const load: PageServerLoad = ({ locals, params }) => {
	const { user, db, pilot, role } = context(locals.user, params.code);
	const today = chinaToday();
	const summary = summaries.get(db, pilot.id);
	const isAnalyst = user.role === 'ministry' || user.role === 'admin';
	const current = decisions.currentOf(db, pilot.id);
	return {
		pilot: {
			code: pilot.code,
			nameZh: pilot.nameZh,
			nameEn: pilot.nameEn,
			status: pilot.status,
			isDemo: pilot.isDemo,
			termStart: pilot.termStart,
			termEnd: pilot.termEnd
		},
		role,
		today,
		opensOn: pilot.termStart ? summaryOpensOn(pilot.termStart) : null,
		overdueDays: pilot.batch.summaryOverdueDays,
		isOverdue:
			!current && isSummaryOverdue(pilot.termEnd, pilot.batch.summaryOverdueDays, summary?.state ?? null, today),
		summary: summary && {
			state: summary.state,
			content: summary.content,
			submittedAt: summary.submittedAt,
			files: summary.files.map(({ id, fileName, size, uploadedAt }) => ({ id, fileName, size, uploadedAt })),
			events: summary.events.map(({ id, action, actor, at, comment, toState }) => ({
				id,
				action,
				at,
				comment,
				toState,
				// names of officials are for those who work with them, not for the implementer
				actor: user.role === 'implementer' ? null : actor
			}))
		},
		/** Frozen at submission; live (as of today) while never submitted. */
		figures: summary?.figures ?? figuresOf(db, pilot, today),
		isFigureFrozen: summary?.figures != null,
		criteria: criteriaOf(pilot.batch.evaluationCriteria),
		sheets: isAnalyst ? decisions.sheetsOf(db, pilot.id) : [],
		decision: current && {
			decision: current.decision,
			reason: current.reason,
			decidedOn: current.decidedOn,
			meanScore: current.meanScore
		},
		reopened: isAnalyst
			? decisions
					.historyOf(db, pilot.id)
					.filter((d) => d.reopenedAt !== null)
					.map((d) => ({
						id: d.id,
						decision: d.decision,
						decidedOn: d.decidedOn,
						reopenedAt: d.reopenedAt!,
						reopenedBy: d.reopenedBy,
						reopenReason: d.reopenReason
					}))
			: []
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot, role } = context(locals.user, params.code);
		const content = contentFromForm(await request.formData());
		const outcome = summaries.save(db, pilot, content, acting(role), actorOf(user, getClientAddress()), chinaToday());
		return outcome.ok ? { saved: true } : fail(400, { problems: outcome.problems, content });
	},
	submit: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot, role } = context(locals.user, params.code);
		const actor = actorOf(user, getClientAddress());
		// the form's current text is saved first, so that nothing typed is lost when the submission is refused
		const content = contentFromForm(await request.formData());
		const saved = summaries.save(db, pilot, content, acting(role), actor, chinaToday());
		if (!saved.ok) return fail(400, { problems: saved.problems, content });
		const outcome = summaries.submit(db, pilot, acting(role), actor, chinaToday());
		return outcome.ok ? { submitted: true } : fail(400, { problems: outcome.problems, content });
	},
	attach: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot, role } = context(locals.user, params.code);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { problems: [{ field: 'file', zh: '请选择要上传的文件', en: 'Choose a file to upload' }] });
		const bytes = new Uint8Array(await file.arrayBuffer());
		const outcome = summaries.attach(
			db,
			pilot,
			{ fileName: file.name, bytes },
			acting(role),
			actorOf(user, getClientAddress())
		);
		return outcome.ok ? { attached: file.name } : fail(400, { problems: outcome.problems });
	},
	detach: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot, role } = context(locals.user, params.code);
		const id = Number((await request.formData()).get('file'));
		const outcome = summaries.detach(db, pilot, id, acting(role), actorOf(user, getClientAddress()));
		return outcome.ok ? { detached: true } : fail(400, { problems: outcome.problems });
	},
	forward: ({ locals, params, getClientAddress }) => {
		const { user, db, pilot, role } = context(locals.user, params.code);
		const outcome = summaries.review(db, pilot, 'forward', acting(role), '', actorOf(user, getClientAddress()));
		return outcome.ok ? { forwarded: true } : fail(400, { problems: outcome.problems });
	},
	return: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot, role } = context(locals.user, params.code);
		const comment = String((await request.formData()).get('comment') ?? '');
		const outcome = summaries.review(db, pilot, 'return', acting(role), comment, actorOf(user, getClientAddress()));
		return outcome.ok ? { returned: true } : fail(400, { problems: outcome.problems });
	},
	score: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot, role } = context(locals.user, params.code);
		const sheet = sheetFromForm(await request.formData(), criteriaOf(pilot.batch.evaluationCriteria));
		const outcome = decisions.recordSheet(db, pilot, sheet, acting(role), actorOf(user, getClientAddress()));
		return outcome.ok ? { scored: true } : fail(400, { problems: outcome.problems, sheet });
	},
	unscore: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot, role } = context(locals.user, params.code);
		const id = Number((await request.formData()).get('sheet'));
		const outcome = decisions.removeSheet(db, pilot, id, acting(role), actorOf(user, getClientAddress()));
		return outcome.ok ? { scored: true } : fail(400, { problems: outcome.problems });
	},
	decide: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot, role } = context(locals.user, params.code);
		const form = await request.formData();
		const input = {
			decision: String(form.get('decision') ?? ''),
			reason: String(form.get('reason') ?? ''),
			decidedOn: String(form.get('decidedOn') ?? '')
		};
		const outcome = decisions.decide(db, pilot, input, acting(role), actorOf(user, getClientAddress()), chinaToday());
		return outcome.ok ? { decided: true } : fail(400, { problems: outcome.problems, decisionInput: input });
	},
	reopen: async ({ locals, params, request, getClientAddress }) => {
		const { user, db, pilot, role } = context(locals.user, params.code);
		const reason = String((await request.formData()).get('reason') ?? '');
		const outcome = decisions.reopen(db, pilot, reason, acting(role), actorOf(user, getClientAddress()), chinaToday());
		return outcome.ok ? { reopened: true } : fail(400, { problems: outcome.problems });
	}
};
