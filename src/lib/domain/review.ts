/**
 * The quarterly review of a pilot's report (定期调度): draft → submitted → approved, or → returned
 * (with the reviewer's comment) → submitted again; an admin may reopen an approved quarter with a
 * reason, which unlocks it as a draft. Who may do what is part of the rule. Pure.
 */
import { machine, type Rule, type Transition } from './state-machine';
export const REVIEW_STATES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_ACTIONS = ['submit', 'approve', 'return', 'reopen'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
export type Reviewer = 'implementer' | 'province' | 'ministry' | 'admin';

type Why = { zh: string; en: string };
export type TransitionResult = Transition<ReviewState>;

const RULES: Record<ReviewAction, Rule<ReviewState, Reviewer>> = {
	submit: { from: ['draft', 'returned'], to: 'submitted', by: ['implementer', 'admin'], needsText: false },
	approve: { from: ['submitted'], to: 'approved', by: ['province', 'admin'], needsText: false },
	return: { from: ['submitted'], to: 'returned', by: ['province', 'admin'], needsText: true },
	reopen: { from: ['approved'], to: 'draft', by: ['admin'], needsText: true }
};

export const REVIEW_STATE_LABELS: Record<ReviewState, Why> = {
	draft: { zh: '草稿', en: 'Draft' },
	submitted: { zh: '已提交待审', en: 'Submitted' },
	approved: { zh: '已通过（锁定）', en: 'Approved (locked)' },
	returned: { zh: '已退回', en: 'Returned' }
};

/**
 * The state after `action` by a user of `role`, or why it is refused: the action must start from an
 * allowed state, be the role's to take, and — for return and reopen — come with a written comment.
 */
export const transition: (state: ReviewState, action: ReviewAction, role: Reviewer, text?: string) => TransitionResult =
	machine({
		rules: RULES,
		labels: REVIEW_STATE_LABELS,
		state: (l) => ({
			zh: `当前状态“${l.zh}”下不能执行此操作`,
			en: `Not possible while the quarter is ${l.en.toLowerCase()}`
		}),
		textRequired: { zh: '请写明意见或理由', en: 'A comment or reason is required' }
	});

/** Whether a quarter in this state refuses further imports. */
export function isLocked(state: ReviewState): boolean {
	return state === 'approved';
}
