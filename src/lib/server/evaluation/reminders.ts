/**
 * The term-end reminder: a pilot whose term ended more than its batch's grace days ago and whose summary has not
 * reached the province is overdue; its implementers, its province's users and the ministry are told once.
 */
import type { Db } from '../db';
import { pilots } from '../db/schema';
import { inArray } from 'drizzle-orm';
import { board } from './board';
import { audienceOf, notify } from '../review/notify';

/** Queues the overdue-summary notices due on `today`; returns how many were new (0 on a second run). */
export function queueSummaryReminders(db: Db, today: string): number {
	const overdue = board(db, { kind: 'all' }, today).filter((r) => r.isOverdue);
	if (overdue.length === 0) return 0;
	const byCode = new Map(
		db
			.select({ id: pilots.id, code: pilots.code, provinceCode: pilots.provinceCode })
			.from(pilots)
			.where(
				inArray(
					pilots.code,
					overdue.map((r) => r.code)
				)
			)
			.all()
			.map((p) => [p.code, p])
	);
	let added = 0;
	db.transaction((tx) => {
		for (const r of overdue) {
			const pilot = byCode.get(r.code)!;
			added += notify(
				tx,
				{
					key: `summary_overdue:${r.code}`,
					kind: 'summary_overdue',
					pilotCode: r.code,
					title: {
						zh: `${r.code} 实施期已于 ${r.termEnd} 结束，总结报告逾期未提交`,
						en: `${r.code}'s term ended on ${r.termEnd} and its term-end summary is overdue`
					}
				},
				audienceOf(tx, pilot, ['implementer', 'province', 'ministry'])
			);
		}
	});
	return added;
}
