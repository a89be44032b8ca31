// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import {
	REVIEW_ACTIONS,
	REVIEW_STATES,
	isLocked,
	transition,
	type ReviewAction,
	type ReviewState,
	type Reviewer
} from './review';

// Every allowed transition: [from, action, role, to]; everything else is refused.
const ALLOWED: [ReviewState, ReviewAction, Reviewer, ReviewState][] = [
	['draft', 'submit', 'implementer', 'submitted'],
	['draft', 'submit', 'admin', 'submitted'],
	['returned', 'submit', 'implementer', 'submitted'],
	['returned', 'submit', 'admin', 'submitted'],
	['submitted', 'approve', 'province', 'approved'],
	['submitted', 'approve', 'admin', 'approved'],
	['submitted', 'return', 'province', 'returned'],
	['submitted', 'return', 'admin', 'returned'],
	['approved', 'reopen', 'admin', 'draft']
];
const ROLES: Reviewer[] = ['implementer', 'province', 'ministry', 'admin'];

describe('review state machine', () => {
	for (const state of REVIEW_STATES)
		for (const action of REVIEW_ACTIONS)
			for (const role of ROLES) {
				const allowed = ALLOWED.find(([s, a, r]) => s === state && a === action && r === role);
				it(`${role} ${action} from ${state}: ${allowed ? `→ ${allowed[3]}` : 'refused'}`, () => {
					const result = transition(state, action, role, 'a reason');
					if (allowed) expect(result).toEqual({ ok: true, next: allowed[3] });
					else {
						expect(result.ok).toBe(false);
						if (!result.ok) expect(result.why.zh.length * result.why.en.length).toBeGreaterThan(0);
					}
				});
			}

	it('refuses a return or a reopen without a written comment, but not an approval', () => {
		expect(transition('submitted', 'return', 'province', '  ')).toMatchObject({
			ok: false,
			why: { en: 'A comment or reason is required' }
		});
		expect(transition('approved', 'reopen', 'admin', '')).toMatchObject({ ok: false });
		expect(transition('submitted', 'approve', 'province')).toEqual({ ok: true, next: 'approved' });
	});

	it('locks only approved quarters', () => {
		expect(REVIEW_STATES.filter(isLocked)).toEqual(['approved']);
	});
});
