/**
 * The small state machines of the workflows (quarterly review, recommendations, term-end summaries): who may take
 * which action from which state, and which actions need a written comment. One rule shape, one refusal wording. Pure.
 */
import type { Bilingual } from './taxonomy';

export type Rule<S extends string, R extends string> = {
	from: readonly S[];
	to: S;
	by: readonly R[];
	needsText: boolean;
};

export type Transition<S extends string> = { ok: true; next: S } | { ok: false; why: Bilingual };

/**
 * A transition function over `rules`: the action must be the role's, start from an allowed state and — where the
 * rule says so — come with text. `state(label)` words the refusal for a state ("while the quarter is …") and
 * `textRequired` the refusal without text.
 */
export function machine<S extends string, A extends string, R extends string>(spec: {
	rules: Record<A, Rule<S, R>>;
	labels: Record<S, Bilingual>;
	state: (label: Bilingual) => Bilingual;
	textRequired: Bilingual;
}) {
	return (state: S, action: A, role: R, text = ''): Transition<S> => {
		const rule = spec.rules[action];
		if (!rule.by.includes(role))
			return { ok: false, why: { zh: '您的角色不能执行此操作', en: 'Your role cannot do this' } };
		if (!rule.from.includes(state)) return { ok: false, why: spec.state(spec.labels[state]) };
		if (rule.needsText && text.trim() === '') return { ok: false, why: spec.textRequired };
		return { ok: true, next: rule.to };
	};
}
