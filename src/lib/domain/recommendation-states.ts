/** The recommendation's own small state machine: who may move it from which state to which. Pure. */
// Repeated blocks here are checks of one shape (if wrong, a bilingual problem naming the field); each states its own rule.
import type { Bilingual } from './taxonomy';
import { machine, type Rule, type Transition } from './state-machine';

/** The recommendation's states: a province's draft, submitted to the ministry, then approved or declined; withdrawn by the province. */
export const RECOMMENDATION_STATES = ['draft', 'submitted', 'approved', 'declined', 'withdrawn'] as const;
export type RecommendationState = (typeof RECOMMENDATION_STATES)[number];
/** What may be done to a recommendation. */
export const RECOMMENDATION_ACTIONS = ['save', 'submit', 'withdraw', 'approve', 'decline'] as const;
export type RecommendationAction = (typeof RECOMMENDATION_ACTIONS)[number];
/** Who acts: the app's roles (an implementer takes no part in recommending). */
export type RecommendationRole = 'implementer' | 'province' | 'ministry' | 'admin';
/** The result of a transition: the next state, or why not. */
export type RecommendationTransition = Transition<RecommendationState>;

/** zh/en name of each state. */
export const RECOMMENDATION_STATE_LABELS: Record<RecommendationState, Bilingual> = {
	draft: { zh: '草稿', en: 'Draft' },
	submitted: { zh: '已推荐待审', en: 'Submitted' },
	approved: { zh: '已批准', en: 'Approved' },
	declined: { zh: '未获批准', en: 'Declined' },
	withdrawn: { zh: '已撤回', en: 'Withdrawn' }
};

const TRANSITIONS: Record<RecommendationAction, Rule<RecommendationState, RecommendationRole>> = {
	save: { from: ['draft'], to: 'draft', by: ['province'], needsText: false },
	submit: { from: ['draft'], to: 'submitted', by: ['province'], needsText: false },
	withdraw: { from: ['draft', 'submitted'], to: 'withdrawn', by: ['province'], needsText: false },
	approve: { from: ['submitted'], to: 'approved', by: ['ministry', 'admin'], needsText: false },
	decline: { from: ['submitted'], to: 'declined', by: ['ministry', 'admin'], needsText: true }
};

/**
 * The state after `action` by `role`, or why it is refused: the action must be the role's, start from an
 * allowed state and — for decline — come with a reason. Submitting does not run checkSubmission: the caller does.
 */
export const transition: (
	state: RecommendationState,
	action: RecommendationAction,
	role: RecommendationRole,
	reason?: string
) => RecommendationTransition = machine({
	rules: TRANSITIONS,
	labels: RECOMMENDATION_STATE_LABELS,
	state: (l) => ({
		zh: `推荐处于“${l.zh}”状态，不能执行此操作`,
		en: `Not possible while the recommendation is ${l.en.toLowerCase()}`
	}),
	textRequired: { zh: '请写明不予批准的理由', en: 'A reason for declining is required' }
});

/** Whether a recommendation in this state counts towards the province's quota (submitted or approved). */
export function countsTowardsQuota(state: RecommendationState): boolean {
	return state === 'submitted' || state === 'approved';
}
