/**
 * The figures part of a term-end summary: every target with its baseline, target, achieved value, attainment and
 * met / not met — the same numbers as the progress API — and the reporting record per quarter with its review state,
 * noting each quarter that is not approved. Read-only: computed, never typed.
 */
import type { Db } from '../db';
import { pilotProgress } from '../progress/progress';
import * as review from '../review/review';
import type * as pilots from '../registry/pilots';

type Pilot = NonNullable<ReturnType<typeof pilots.get>>;

export type SummaryFigures = {
	computedOn: string;
	targets: {
		code: string;
		unit: string;
		baseline: number | null;
		target: number | null;
		achieved: number | null;
		attainment: number | null;
		status: string;
		isMet: boolean | null;
	}[];
	record: { period: string; due: string; status: string; submittedOn: string | null; review: string }[];
	/** The term quarters whose figures are not approved by the province (they count, but are marked). */
	unapproved: string[];
	overall: { attainment: number | null; status: string };
};

/** The figures part on `today`; null for a pilot without a known term. */
export function figuresOf(db: Db, pilot: Pilot, today: string): SummaryFigures | null {
	const progress = pilotProgress(db, pilot, today, { withFlags: false });
	if (!progress) return null;
	const states = review.statesOf(db, pilot.id);
	const record = progress.calendar.map((c) => ({
		period: c.period,
		due: c.due,
		status: c.status,
		submittedOn: c.submittedOn,
		review: states[c.period]?.state ?? 'draft'
	}));
	return {
		computedOn: today,
		targets: progress.indicators
			.filter((i) => i.target !== null)
			.map((i) => ({
				code: i.code,
				unit: i.unit,
				baseline: i.baseline,
				target: i.target,
				achieved: i.progress,
				attainment: i.attainment,
				status: i.status,
				isMet: i.status === 'met' ? true : i.status === 'not_met' ? false : null
			})),
		record,
		unapproved: record.filter((r) => r.review !== 'approved').map((r) => r.period),
		overall: { attainment: progress.overall.attainment, status: progress.overall.status }
	};
}
