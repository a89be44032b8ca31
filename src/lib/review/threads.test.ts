import { describe, expect, it } from 'vitest';
import { hasChanged, waitingOn, type ThreadComment } from './threads';

const entry = (authorRole: string, value: number | null = 1200): ThreadComment => ({
	id: 1,
	kind: 'comment',
	author: 'x',
	authorRole,
	body: '',
	createdAt: 0,
	value,
	revision: 1
});

describe('reading a thread', () => {
	it('waits on the implementer after a reviewer’s word, on the reviewer after the implementer’s, on nobody once resolved', () => {
		expect(waitingOn({ state: 'open', comments: [entry('reviewer')] })).toBe('implementer');
		expect(waitingOn({ state: 'open', comments: [entry('ministry'), entry('implementer')] })).toBe('reviewer');
		expect(waitingOn({ state: 'resolved', comments: [entry('reviewer')] })).toBeNull();
	});

	it('tells whether the value moved since a comment, an empty cell included', () => {
		expect(hasChanged(entry('reviewer', 1200), 1.2)).toBe(true);
		expect(hasChanged(entry('reviewer', 1200), 1200)).toBe(false);
		expect(hasChanged(entry('reviewer', null), null)).toBe(false);
		expect(hasChanged(entry('reviewer', 5), null)).toBe(true);
	});
});
