/**
 * The reporting calendar of a pilot: its four term quarters with their due dates and the status of each
 * quarter's report (DOMAIN.md, "Definitions the product uses"). ISO dates compare as strings. Pure functions.
 */
import { dueDate, isIsoDate, periodEnd, periodKey, periodStart, termQuarters } from './periods';

export type ReportStatus = 'on_time' | 'late' | 'missing' | 'not_due';

export type CalendarEntry = {
	period: string;
	start: string;
	end: string;
	due: string;
	submittedOn: string | null;
	status: ReportStatus;
	/** The quarter's last day has passed: its report can be sent (before that only when an admin opened it). */
	hasEnded: boolean;
	/** Its report can be sent now: it has ended, or an admin opened it (still running) for provisional data. */
	canReport: boolean;
	/** Its due date has come: it counts towards "expected to date", whatever has been stored. */
	isDue: boolean;
};

export type ReportSummary = {
	counts: Record<ReportStatus, number>;
	nextDue: CalendarEntry | null;
	isComplete: boolean;
};

function checkDate(name: string, value: string): void {
	if (typeof value !== 'string' || !isIsoDate(value)) {
		throw new RangeError(`${name} is not an ISO date (YYYY-MM-DD): ${String(value)}`);
	}
}

/** on_time when submitted on/before due, late when after; unsubmitted: missing once today > due, else not_due. */
export function reportStatus(due: string, submittedOn: string | null, today: string): ReportStatus {
	checkDate('due', due);
	checkDate('today', today);
	if (submittedOn !== null) {
		checkDate('submittedOn', submittedOn);
		return submittedOn <= due ? 'on_time' : 'late';
	}
	return today > due ? 'missing' : 'not_due';
}

/**
 * Exactly the four term quarters in order, each with its calendar-quarter start/end, its due date (quarter end +
 * dueOffsetDays), its first submission (keys outside the term are ignored), its status as of today, and whether it
 * can be reported now (ended, or among the `opened` running quarters).
 */
export function calendar(
	termStart: string,
	dueOffsetDays: number,
	firstSubmission: Record<string, string>,
	today: string,
	opened: ReadonlySet<string> = new Set()
): CalendarEntry[] {
	return termQuarters(termStart).map((p) => {
		const period = periodKey(p);
		const due = dueDate(p, dueOffsetDays);
		const submittedOn = Object.prototype.hasOwnProperty.call(firstSubmission, period) ? firstSubmission[period] : null;
		return {
			period,
			start: periodStart(p),
			end: periodEnd(p),
			due,
			submittedOn,
			status: reportStatus(due, submittedOn, today),
			hasEnded: today > periodEnd(p),
			canReport: today > periodEnd(p) || (today >= periodStart(p) && opened.has(period)),
			isDue: today >= due
		};
	});
}

/** Counts per status (all four keys present), the earliest not_due entry (or null), and no missing/late reports. */
export function reportSummary(cal: readonly CalendarEntry[]): ReportSummary {
	const counts: Record<ReportStatus, number> = { on_time: 0, late: 0, missing: 0, not_due: 0 };
	for (const entry of cal) counts[entry.status] += 1;
	return {
		counts,
		nextDue: cal.find((entry) => entry.status === 'not_due') ?? null,
		isComplete: counts.missing === 0 && counts.late === 0
	};
}

/**
 * The number of term quarters that count as due for "expected to date": those whose due date has come (DOMAIN.md:
 * a quarter is due when its report date has come, whatever was stored). A value stored early — for a quarter still
 * running, or ended but not yet due — never makes a quarter due, so it cannot raise the expectation.
 */
export function quartersDue(cal: readonly CalendarEntry[]): number {
	return cal.filter((entry) => entry.isDue).length;
}

/** True when today is after the (inclusive) last day of the term; throws RangeError on a bad date. */
export function isTermOver(termEnd: string, today: string): boolean {
	checkDate('termEnd', termEnd);
	checkDate('today', today);
	return today > termEnd;
}
