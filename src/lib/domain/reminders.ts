/**
 * Which reminders a quarter calls for on a given day (DOMAIN: due 15 days after the quarter):
 * 7 days before the due date → the implementers; on the due date with nothing submitted → the
 * implementers and the province; 30 days late → the ministry as well. Pure.
 */
export type ReminderKind = 'due_soon' | 'due' | 'late_30';
export type Audience = 'implementer' | 'province' | 'ministry';

function addDays(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The reminders due on `today` (and any earlier ones still owed), each with its audiences. */
export function remindersFor(
	due: string,
	isSubmitted: boolean,
	today: string
): { kind: ReminderKind; to: Audience[] }[] {
	if (isSubmitted) return [];
	const out: { kind: ReminderKind; to: Audience[] }[] = [];
	if (today >= addDays(due, -7) && today < due) out.push({ kind: 'due_soon', to: ['implementer'] });
	if (today >= due) out.push({ kind: 'due', to: ['implementer', 'province'] });
	if (today >= addDays(due, 30)) out.push({ kind: 'late_30', to: ['implementer', 'province', 'ministry'] });
	return out;
}
