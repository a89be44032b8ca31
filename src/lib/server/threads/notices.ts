/**
 * The notice each new entry of a value thread queues for the other side (kind 'value_comment'): a reviewer's entry
 * goes to the pilot's implementers, an implementer's to the province's reviewers, and the ministry's to both (its
 * thread holds the province's approval); everyone who has written in the thread hears of it too. Never the author.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db';
import { users, valueComments } from '../db/schema';
import { audienceOf, notify } from '../review/notify';
import type { Bilingual } from '../../domain/taxonomy';
import { cellName } from './messages';
import { isImplementerSide } from './access';
import { valueThreadPath } from '../../notices/links';

const DONE: Record<string, Bilingual> = {
	comment: { zh: '留言', en: 'commented on' },
	corrected: { zh: '标记为已更正', en: 'marked as corrected' },
	resolve: { zh: '已解决意见', en: 'resolved the thread on' },
	reopen: { zh: '重新打开意见', en: 'reopened the thread on' }
};

/** Queues the notices of one new comment; returns how many were queued. */
export function tellOthers(
	db: DbOrTx,
	pilot: { id: number; code: string; provinceCode: string | null },
	thread: { id: number; period: string; indicatorCode: string; enterpriseCode: string | null },
	comment: { id: number; kind: string; authorId: number; author: string; authorPart: string }
): number {
	const otherSide = audienceOf(
		db,
		pilot,
		isImplementerSide(comment.authorPart)
			? ['province']
			: comment.authorPart === 'ministry'
				? ['implementer', 'province']
				: ['implementer']
	);
	const writerIds = db
		.selectDistinct({ id: valueComments.authorId })
		.from(valueComments)
		.where(eq(valueComments.threadId, thread.id))
		.all()
		.map((r) => r.id)
		.filter((id): id is number => id !== null);
	const writers = writerIds.length
		? db
				.select()
				.from(users)
				.where(and(inArray(users.id, writerIds), eq(users.isDisabled, false)))
				.all()
		: [];
	const recipients = new Map([...otherSide, ...writers].map((u) => [u.id, u]));
	recipients.delete(comment.authorId);
	const cell = cellName(thread);
	const done = DONE[comment.kind] ?? DONE.comment;
	return notify(
		db,
		{
			key: `value_comment:${comment.id}`,
			kind: 'value_comment',
			pilotCode: pilot.code,
			period: thread.period,
			link: valueThreadPath(pilot.code, thread.period, thread.enterpriseCode, thread.indicatorCode),
			title: {
				zh: `${pilot.code} ${thread.period}：${comment.author}${done.zh}——${cell.zh}`,
				en: `${pilot.code} ${thread.period}: ${comment.author} ${done.en} ${cell.en}`
			}
		},
		[...recipients.values()]
	);
}
