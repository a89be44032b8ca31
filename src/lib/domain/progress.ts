/**
 * Progress of a pilot against its targets (DOMAIN.md, "Definitions the product uses"): quarterly improvements,
 * progress to date, expected to date, attainment and status, rolled up per indicator group. Pure functions.
 */
import type { Direction, IndicatorGroup, IndicatorKind } from './indicators';

export type IndicatorProgressInput = {
	code: string;
	direction: Direction;
	kind: IndicatorKind;
	/** Annual value of the base year, canonical unit. */
	baseline: number | null;
	targetKind: 'absolute' | 'percent' | null;
	targetValue: number | null;
	/** Reported figure per term quarter 0..3; null = not reported. */
	values: (number | null)[];
};

export type ProgressStatus = 'on_track' | 'at_risk' | 'behind' | 'met' | 'not_met' | 'unknown';

export type IndicatorProgress = {
	code: string;
	baseline: number | null;
	quarterlyBaseline: number | null;
	target: number | null;
	improvements: (number | null)[];
	progress: number | null;
	expectedToDate: number | null;
	attainment: number | null;
	status: ProgressStatus;
};

/** The groups that are graded, in display order; economy and audit are not graded. */
export const GROUP_ORDER = ['energy', 'water', 'material', 'air', 'water_pollution', 'carbon'] as const;
export type GradedGroup = (typeof GROUP_ORDER)[number];

export type GroupProgress = {
	group: GradedGroup;
	attainment: number | null;
	status: ProgressStatus;
	indicators: number;
};
export type OverallProgress = { attainment: number | null; status: ProgressStatus; groups: number };

/** Relative tolerance on the 0.8 and 1.0 thresholds, so that float noise (0.7999999999999999) does not demote. */
const EPS = 1e-9;
const ATTAINMENT_CAP = 2;

function clampQuarters(quartersDue: number): number {
	return Math.max(0, Math.min(4, Math.floor(quartersDue)));
}

/** baseline / 4; null stays null. A rate's baseline is a level, the same every quarter. */
export function quarterlyBaseline(baseline: number | null, kind: IndicatorKind = 'periodic'): number | null {
	if (baseline === null) return null;
	return kind === 'rate' ? baseline : baseline / 4;
}

/** The annual improvement: absolute → targetValue; percent → baseline × targetValue / 100; null when not computable. */
export function annualTarget(input: IndicatorProgressInput): number | null {
	if (input.targetKind === null || input.targetValue === null) return null;
	if (input.targetKind === 'absolute') return input.targetValue;
	return input.baseline === null ? null : (input.baseline * input.targetValue) / 100;
}

/**
 * The improvement of term quarter q (0..3), null when not computable. Periodic: lower → baseline/4 − value, higher →
 * value. Cumulative (improvement to date at q): higher → value, lower → baseline × (q+1)/4 − value. Rate (a level in
 * %): the change from the baseline's level in percentage points (value − baseline, or baseline − value for a
 * lower-is-better rate). Neutral → null.
 */
export function improvement(input: IndicatorProgressInput, q: number): number | null {
	const value = input.values[q] ?? null;
	if (value === null || input.direction === 'neutral') return null;
	if (input.kind === 'rate') {
		if (input.baseline === null) return null;
		return input.direction === 'higher' ? value - input.baseline : input.baseline - value;
	}
	if (input.direction === 'higher') return value;
	if (input.baseline === null) return null;
	return input.kind === 'periodic' ? input.baseline / 4 - value : (input.baseline * (q + 1)) / 4 - value;
}

/**
 * Cumulative improvement over the first quartersDue term quarters: periodic → sum of the computable quarter
 * improvements; cumulative and rate → the improvement at the latest reported quarter (not a sum); null when none.
 */
export function progressToDate(input: IndicatorProgressInput, quartersDue: number): number | null {
	const n = clampQuarters(quartersDue);
	if (input.kind === 'cumulative' || input.kind === 'rate') {
		for (let q = n - 1; q >= 0; q--) {
			if ((input.values[q] ?? null) !== null) return improvement(input, q);
		}
		return null;
	}
	let sum: number | null = null;
	for (let q = 0; q < n; q++) {
		const d = improvement(input, q);
		if (d !== null) sum = (sum ?? 0) + d;
	}
	return sum;
}

/** annualTarget × quartersDue / 4 (quartersDue clamped to 0..4); null without a target. */
export function expectedToDate(input: IndicatorProgressInput, quartersDue: number): number | null {
	const target = annualTarget(input);
	return target === null ? null : (target * clampQuarters(quartersDue)) / 4;
}

/** progress / expected; null when either is null or expected is 0. */
export function attainment(progress: number | null, expected: number | null): number | null {
	if (progress === null || expected === null || expected === 0) return null;
	return progress / expected;
}

/**
 * During the term: ≥ 1.0 on_track, 0.8–1.0 at_risk, < 0.8 behind; after it: ≥ 1.0 met, else not_met. A zero target
 * is judged by progress ≥ 0. Anything not computable → unknown.
 */
export function statusOf(
	value: number | null,
	opts: { isTermOver: boolean; targetIsZero?: boolean; progress?: number | null }
): ProgressStatus {
	if (opts.targetIsZero) {
		if (opts.progress === null || opts.progress === undefined) return 'unknown';
		if (opts.isTermOver) return opts.progress >= 0 ? 'met' : 'not_met';
		return opts.progress >= 0 ? 'on_track' : 'behind';
	}
	if (value === null || !Number.isFinite(value)) return 'unknown';
	if (opts.isTermOver) return value >= 1 - EPS ? 'met' : 'not_met';
	if (value >= 1 - EPS) return 'on_track';
	return value >= 0.8 - EPS ? 'at_risk' : 'behind';
}

/** Everything the product shows for one indicator; improvements cover every given quarter, progress only due ones. */
export function indicatorProgress(
	input: IndicatorProgressInput,
	quartersDue: number,
	isTermOver: boolean
): IndicatorProgress {
	const target = annualTarget(input);
	const progress = progressToDate(input, quartersDue);
	const expected = expectedToDate(input, quartersDue);
	const att = attainment(progress, expected);
	const graded = input.direction !== 'neutral';
	return {
		code: input.code,
		baseline: input.baseline,
		quarterlyBaseline: quarterlyBaseline(input.baseline, input.kind),
		target,
		improvements: input.values.map((_, q) => improvement(input, q)),
		progress,
		expectedToDate: expected,
		attainment: att,
		status: graded ? statusOf(att, { isTermOver, targetIsZero: target === 0, progress }) : 'unknown'
	};
}

function mean(xs: readonly number[]): number | null {
	return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * One row per graded group in GROUP_ORDER: the mean of its known attainments, each capped to [0, 2], the status of
 * that mean (unknown when none is known) and how many indicators it holds; other groups are ignored.
 */
export function groupProgress(
	results: readonly { group: IndicatorGroup | string; attainment: number | null; status: ProgressStatus }[],
	isTermOver = false
): GroupProgress[] {
	return GROUP_ORDER.map((group) => {
		const mine = results.filter((r) => r.group === group);
		const known = mine
			.map((r) => r.attainment)
			.filter((a): a is number => a !== null && Number.isFinite(a))
			.map((a) => Math.min(ATTAINMENT_CAP, Math.max(0, a)));
		const att = mean(known);
		return { group, attainment: att, status: statusOf(att, { isTermOver }), indicators: mine.length };
	});
}

/** The mean of the known group attainments, its status, and how many groups it rests on. */
export function overallProgress(groups: readonly { attainment: number | null }[], isTermOver = false): OverallProgress {
	const known = groups.map((g) => g.attainment).filter((a): a is number => a !== null && Number.isFinite(a));
	const att = mean(known);
	return { attainment: att, status: statusOf(att, { isTermOver }), groups: known.length };
}
