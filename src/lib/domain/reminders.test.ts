import { describe, expect, it } from 'vitest';
import { remindersFor } from './reminders';

// due 2026-01-15: 7 days before = 2026-01-08; 30 days late = 2026-02-14
const cases: [string, boolean, string, string[]][] = [
	['2026-01-07', false, 'a day too early', []],
	['2026-01-08', false, '7 days before', ['due_soon:implementer']],
	['2026-01-14', false, 'the day before', ['due_soon:implementer']],
	['2026-01-15', false, 'on the due date', ['due:implementer,province']],
	['2026-02-13', false, '29 days late', ['due:implementer,province']],
	['2026-02-14', false, '30 days late', ['due:implementer,province', 'late_30:implementer,province,ministry']],
	['2026-02-14', true, 'submitted', []]
];

describe('remindersFor', () => {
	for (const [today, isSubmitted, name, expected] of cases)
		it(name, () => {
			expect(remindersFor('2026-01-15', isSubmitted, today).map((r) => `${r.kind}:${r.to.join(',')}`)).toEqual(
				expected
			);
		});
});
