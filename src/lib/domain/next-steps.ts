/**
 * What an implementer has to do next for a pilot, read from its reporting calendar and the review state of each
 * quarter: which quarter to upload, which to submit for review, and which are late or missing. Pure.
 */
import type { CalendarEntry } from './calendar';
import type { ReviewState } from './review';

export type NextSteps = {
	/** The earliest quarter open for reporting with nothing stored yet, else the earliest returned one (to fix). */
	upload: CalendarEntry | null;
	/** The earliest quarter with data stored whose review is still a draft or was returned. */
	submit: CalendarEntry | null;
	/** The quarters sent after their due date (late) or not at all (missing). */
	overdue: CalendarEntry[];
	/** The quarters waiting for the province's decision. */
	awaitingReview: CalendarEntry[];
};

type States = Record<string, { state: ReviewState } | undefined>;

/** The next steps of a pilot; a quarter without a review row counts as a draft. */
export function nextSteps(calendar: readonly CalendarEntry[], states: States): NextSteps {
	const stateOf = (c: CalendarEntry): ReviewState => states[c.period]?.state ?? 'draft';
	const isOpenForSubmit = (c: CalendarEntry) => stateOf(c) === 'draft' || stateOf(c) === 'returned';
	return {
		upload:
			calendar.find((c) => c.canReport && c.submittedOn === null) ??
			calendar.find((c) => stateOf(c) === 'returned') ??
			null,
		submit: calendar.find((c) => c.submittedOn !== null && isOpenForSubmit(c)) ?? null,
		overdue: calendar.filter((c) => c.status === 'late' || c.status === 'missing'),
		awaitingReview: calendar.filter((c) => stateOf(c) === 'submitted')
	};
}
