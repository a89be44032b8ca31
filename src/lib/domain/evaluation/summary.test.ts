// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import {
	EMPTY_SUMMARY,
	SUMMARY_ACTIONS,
	SUMMARY_STATES,
	checkFile,
	checkSummaryDraft,
	checkSummarySubmission,
	isSummaryOverdue,
	summaryOpensOn,
	summaryTransition,
	type SummaryAction,
	type SummaryRole,
	type SummaryState
} from './summary';
import { COMPLETE_SUMMARY as COMPLETE } from './test-summary';

// Every allowed transition: [from, action, role, to]; everything else is refused.
const ALLOWED: [SummaryState, SummaryAction, SummaryRole, SummaryState][] = [
	['draft', 'save', 'implementer', 'draft'],
	['draft', 'save', 'admin', 'draft'],
	['returned', 'save', 'implementer', 'draft'],
	['returned', 'save', 'admin', 'draft'],
	['draft', 'submit', 'implementer', 'submitted'],
	['draft', 'submit', 'admin', 'submitted'],
	['returned', 'submit', 'implementer', 'submitted'],
	['returned', 'submit', 'admin', 'submitted'],
	['submitted', 'return', 'province', 'returned'],
	['submitted', 'return', 'admin', 'returned'],
	['submitted', 'forward', 'province', 'forwarded'],
	['submitted', 'forward', 'admin', 'forwarded']
];

describe('summaryTransition', () => {
	const roles: SummaryRole[] = ['implementer', 'province', 'ministry', 'admin'];
	for (const from of SUMMARY_STATES)
		for (const action of SUMMARY_ACTIONS)
			for (const role of roles) {
				const rule = ALLOWED.find(([f, a, r]) => f === from && a === action && r === role);
				it(`${from} --${action}/${role}--> ${rule ? rule[3] : 'refused'}`, () => {
					const result = summaryTransition(from, action, role, 'comment');
					expect(result.ok ? result.next : null).toBe(rule ? rule[3] : null);
				});
			}
	it('refuses to return without a comment, in both languages', () => {
		const result = summaryTransition('submitted', 'return', 'province', '   ');
		expect(result).toEqual({
			ok: false,
			why: { zh: '退回时请写明意见', en: 'Write a comment when returning the summary' }
		});
	});
	it('names the state when the action does not fit it', () => {
		const result = summaryTransition('forwarded', 'submit', 'implementer');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.why.en).toBe('Not possible while the summary is forwarded to the ministry');
	});
});

describe('summaryOpensOn', () => {
	it('is the day after the last term quarter ends', () => {
		// term 2023-08-15 → quarters 2023Q3 … 2024Q2; the last ends 2024-06-30
		expect(summaryOpensOn('2023-08-15')).toBe('2024-07-01');
		expect(summaryOpensOn('2025-01-01')).toBe('2026-01-01');
	});
});

describe('checkSummarySubmission', () => {
	const ctx = { termStart: '2025-09-10', today: '2026-07-01' };
	it('accepts a complete summary from the day the summary opens', () => {
		expect(checkSummarySubmission(COMPLETE, ctx)).toEqual([]);
	});
	it('refuses a summary before the term has ended, naming the first day', () => {
		const problems = checkSummarySubmission(COMPLETE, { ...ctx, today: '2026-06-30' });
		expect(problems).toEqual([
			{
				field: '_form',
				zh: '实施期最后一个季度尚未结束，2026-07-01 起方可编写总结报告',
				en: "The term's last quarter has not ended; the summary can be written from 2026-07-01"
			}
		]);
	});
	it('names every empty part and field', () => {
		const problems = checkSummarySubmission(EMPTY_SUMMARY, ctx);
		expect(problems.map((p) => p.field)).toEqual([
			'parts.1',
			'parts.2',
			'parts.3',
			'parts.4',
			'parts.5',
			'parts.6',
			'parts.7',
			'innovations',
			'problems',
			'economicBenefit',
			'environmentalBenefit',
			'fundsSource',
			'fundsAmount'
		]);
		expect(problems[4].zh).toBe('请填写第5部分“试点工作特色及主要创新点”的完成情况');
	});
	it('takes zero funds as stated, refuses a negative amount', () => {
		expect(checkSummarySubmission({ ...COMPLETE, fundsAmount: 0 }, ctx)).toEqual([]);
		expect(checkSummaryDraft({ ...COMPLETE, fundsAmount: -1 }).map((p) => p.field)).toEqual(['fundsAmount']);
	});
	it('refuses a text over 20,000 characters even in a draft', () => {
		const long = { ...COMPLETE, parts: { ...COMPLETE.parts, '4': '测'.repeat(20_001) } };
		expect(checkSummaryDraft(long)).toEqual([
			{
				field: 'parts.4',
				zh: '“试点工作内容”超过 20000 字（现 20001 字）',
				en: '"Content of the work" is over 20000 characters (20001)'
			}
		]);
	});
});

describe('isSummaryOverdue', () => {
	it('is overdue only after the grace days, and only while nothing has reached the province', () => {
		expect(isSummaryOverdue('2026-08-31', 60, null, '2026-10-30')).toBe(false);
		expect(isSummaryOverdue('2026-08-31', 60, null, '2026-10-31')).toBe(true);
		expect(isSummaryOverdue('2026-08-31', 60, 'draft', '2026-12-01')).toBe(true);
		expect(isSummaryOverdue('2026-08-31', 60, 'returned', '2026-12-01')).toBe(true);
		expect(isSummaryOverdue('2026-08-31', 60, 'submitted', '2026-12-01')).toBe(false);
		expect(isSummaryOverdue('2026-08-31', 60, 'forwarded', '2026-12-01')).toBe(false);
		expect(isSummaryOverdue(null, 60, null, '2026-12-01')).toBe(false);
	});
});

describe('checkFile', () => {
	it('takes PDF and Office files within 50 MB in all', () => {
		expect(checkFile({ fileName: '总结.PDF', size: 10 }, 0)).toEqual([]);
		expect(checkFile({ fileName: 'figures.xlsx', size: 10 }, 0)).toEqual([]);
		expect(checkFile({ fileName: 'slides.pptx', size: 10 }, 0)).toEqual([]);
	});
	it('refuses other kinds, empty files and a total over the limit', () => {
		expect(checkFile({ fileName: 'x.exe', size: 10 }, 0)[0].en).toContain('is not a PDF or Office file');
		expect(checkFile({ fileName: 'x.pdf', size: 0 }, 0)[0].en).toBe('"x.pdf" is empty');
		expect(checkFile({ fileName: 'x.pdf', size: 2 * 1048576 }, 49 * 1048576)).toEqual([
			{
				field: 'file',
				zh: '附件合计 51.0 MB，超过 50.0 MB 的上限',
				en: 'Attachments total 51.0 MB, over the limit of 50.0 MB'
			}
		]);
	});
});
