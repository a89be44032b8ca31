/**
 * What the value threads' pages and server share: the length limit, the shape of a thread as the page gets it, and
 * the pure readings of it (whose turn it is, whether the value changed since a comment). No I/O.
 */

/** Longest comment, in characters (the narratives' limit too). */
export const MAX_COMMENT = 4000;

export type CommentKind = 'comment' | 'corrected' | 'resolve' | 'reopen';

export type ThreadComment = {
	id: number;
	kind: CommentKind;
	author: string;
	authorRole: string;
	body: string;
	createdAt: number;
	value: number | null;
	revision: number | null;
};

export type ThreadView = {
	id: number;
	period: string;
	enterpriseCode: string | null;
	indicatorCode: string;
	state: 'open' | 'resolved';
	openedBy: string;
	openedAt: number;
	closedBy: string | null;
	closedAt: number | null;
	valueNow: number | null;
	revisionNow: number | null;
	comments: ThreadComment[];
};

/** Who should speak next in an open thread: the reviewers once the implementer has answered, else the implementer. */
export function waitingOn(thread: Pick<ThreadView, 'state' | 'comments'>): 'implementer' | 'reviewer' | null {
	if (thread.state !== 'open') return null;
	return thread.comments.at(-1)?.authorRole === 'implementer' ? 'reviewer' : 'implementer';
}

/** Whether the cell's value now differs from the one a comment was written against. */
export function hasChanged(comment: Pick<ThreadComment, 'value'>, now: number | null): boolean {
	return comment.value !== now;
}

/** The key of a cell in the page's maps: enterprise code (empty for the pilot's own row) and indicator. */
export const cellKey = (enterpriseCode: string | null, indicatorCode: string) =>
	`${enterpriseCode ?? ''}|${indicatorCode}`;
