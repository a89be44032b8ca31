/**
 * Notices of quarterly review steps, so that nobody has to watch the desk: a submission tells the province's
 * reviewers; a return (with its comment), an approval and a reopening tell the pilot's implementers. Queued in the
 * step's own transaction through notify(), so each reaches the notices page and, by the person's mail setting, the
 * mailbox.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { pilots } from '../db/schema';
import type { ReviewAction } from '../../domain/review';
import { audienceOf, notify, type Audience } from './notify';

const STEP: Record<ReviewAction, { to: Audience; zh: string; en: string }> = {
	submit: {
		to: 'province',
		zh: '{pilot} {period} 季度报告已提交，待审核',
		en: '{pilot} {period} report submitted for review'
	},
	return: {
		to: 'implementer',
		zh: '{pilot} {period} 季度报告被退回：{comment}',
		en: '{pilot} {period} report returned: {comment}'
	},
	approve: { to: 'implementer', zh: '{pilot} {period} 季度报告已通过审核', en: '{pilot} {period} report approved' },
	reopen: {
		to: 'implementer',
		zh: '{pilot} {period} 季度已重新开放，可再次导入',
		en: '{pilot} {period} quarter reopened for new imports'
	}
};

/** The longest part of a return comment carried in a notice's title (the whole comment is on the review page). */
const COMMENT_CHARS = 120;

/** Queues the step's notices; returns how many people it told. */
export function notifyReviewStep(
	tx: DbOrTx,
	step: { pilotId: number; period: string; action: ReviewAction; comment: string; at: number }
): number {
	const pilot = tx
		.select({ id: pilots.id, code: pilots.code, provinceCode: pilots.provinceCode })
		.from(pilots)
		.where(eq(pilots.id, step.pilotId))
		.get();
	if (!pilot) return 0;
	const words = STEP[step.action];
	const comment = step.comment.trim().replace(/\s+/g, ' ');
	const short = comment.length > COMMENT_CHARS ? `${comment.slice(0, COMMENT_CHARS)}…` : comment;
	const fill = (s: string) =>
		s
			.replace('{pilot}', pilot.code)
			.replace('{period}', step.period)
			.replace('{comment}', short || '—');
	return notify(
		tx,
		{
			key: `review_${step.action}:${pilot.code}:${step.period}:${step.at}`,
			kind: `review_${step.action}`,
			pilotCode: pilot.code,
			period: step.period,
			title: { zh: fill(words.zh), en: fill(words.en) }
		},
		audienceOf(tx, pilot, [words.to]),
		step.at
	);
}
