/**
 * From an indicator's progress to the trajectory chart's input: where the pilot should be each
 * quarter if it is on target. Periodic lower-is-better: baseline/4 − target/4 every quarter;
 * periodic higher-is-better: target/4; cumulative: the target's share to date (a running line),
 * less it from the prorated baseline for lower-is-better; rate: the baseline's level moved by the target's share
 * to date (percentage points). Pure.
 */
import type { IndicatorTrajectoryInput } from './indicator-trajectory';

export type TrajectorySource = {
	code: string;
	direction: 'lower' | 'higher' | 'neutral';
	kind: 'periodic' | 'cumulative' | 'rate';
	baseline: number | null;
	target: number | null;
	values: (number | null)[];
	unit: string;
};

export function trajectoryInput(
	source: TrajectorySource,
	quarters: string[],
	name: string,
	locale: 'zh' | 'en'
): IndicatorTrajectoryInput {
	const { baseline, target, direction, kind } = source;
	const targetTrajectory = quarters.map((_, q) => {
		if (target === null) return null;
		if (kind === 'rate') {
			if (baseline === null || direction === 'neutral') return null;
			return direction === 'higher' ? baseline + (target * (q + 1)) / 4 : baseline - (target * (q + 1)) / 4;
		}
		const share = kind === 'cumulative' ? (q + 1) / 4 : 1 / 4;
		if (direction === 'higher') return target * share;
		if (direction === 'lower' && baseline !== null) return baseline * share - target * share;
		return null;
	});
	return {
		locale,
		quarters,
		reported: source.values,
		quarterlyBaseline:
			baseline === null ? null : kind === 'periodic' ? baseline / 4 : kind === 'rate' ? baseline : null,
		targetTrajectory,
		unit: source.unit,
		name
	};
}
