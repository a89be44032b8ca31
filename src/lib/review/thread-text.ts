/**
 * The words of the value threads (review comments on single values) and of the Markdown fields, both languages side
 * by side; `{name}` placeholders are filled by say().
 */
// Repeated blocks here are data of one shape (bilingual pairs), not logic to share.
import type { Bilingual } from '../domain/taxonomy';

export const THREAD_TEXT = {
	title: { zh: '数值与意见', en: 'Values and comments' },
	lead: {
		zh: '审核人员可就单个数值发起意见（如“比上季度高 1000 倍”），实施单位答复或重新上传更正；意见随数值保留在各次修订中。尚有未解决的意见时，本季度不能通过。',
		en: 'Reviewers can question a single value ("this is 1000× the last quarter"); the implementer answers or uploads a correction. A thread stays with its value across revisions, and the quarter cannot be approved while one is open.'
	},
	quarterTab: { zh: '{period}', en: '{period}' },
	openBadge: { zh: '{n} 条未解决', en: '{n} open' },
	noValues: { zh: '本季度尚无数据。', en: 'No figures for this quarter yet.' },
	enterprise: { zh: '企业', en: 'Enterprise' },
	pilotLevel: { zh: '试点本级', en: 'Pilot level' },
	cellAction: {
		zh: '就“{indicator}”（{enterprise}）的数值发表或查看意见',
		en: 'Comment on {indicator} ({enterprise})'
	},
	cellOpen: { zh: '{n} 条未解决意见', en: '{n} open thread(s)' },
	cellResolved: { zh: '意见均已解决', en: 'All threads resolved' },
	panelTitle: { zh: '{indicator}（{enterprise}）', en: '{indicator} ({enterprise})' },
	closePanel: { zh: '关闭', en: 'Close' },
	valueNow: { zh: '现值：{value}（第 {revision} 版）', en: 'Now: {value} (revision {revision})' },
	valueNowNone: { zh: '现值：未填报', en: 'Now: not reported' },
	previous: { zh: '上季度：{value}', en: 'Last quarter: {value}' },
	empty: { zh: '空', en: 'empty' },
	thenNow: {
		zh: '评论时为 {then}（第 {revision} 版），现为 {now}',
		en: 'was {then} (revision {revision}) when written, now {now}'
	},
	then: { zh: '评论时为 {then}（第 {revision} 版）', en: 'written against {then} (revision {revision})' },
	noThreads: { zh: '该数值暂无意见。', en: 'No comments on this value yet.' },
	quarterThreads: { zh: '本季度的意见', en: 'This quarter’s threads' },
	noQuarterThreads: {
		zh: '本季度暂无数值意见。点击表中数值旁的对话图标查看或发起意见。',
		en: 'No value threads in this quarter. Use the speech-bubble icon beside a value to see or start one.'
	},
	stateOpen: { zh: '未解决', en: 'Open' },
	stateResolved: { zh: '已解决', en: 'Resolved' },
	openedBy: { zh: '{who} 于 {when} 发起', en: 'opened by {who}, {when}' },
	resolvedBy: { zh: '{who} 于 {when} 解决', en: 'resolved by {who}, {when}' },
	waitingImplementer: { zh: '待实施单位答复', en: 'Waiting for the implementer' },
	waitingReviewer: { zh: '待审核人员确认', en: 'Waiting for the reviewer' },
	'role.implementer': { zh: '实施单位', en: 'Implementer' },
	'role.reviewer': { zh: '省级审核', en: 'Province reviewer' },
	'role.ministry': { zh: '生态环境部', en: 'Ministry' },
	'role.admin': { zh: '管理员', en: 'Administrator' },
	'kind.corrected': { zh: '标记为已更正', en: 'marked the value corrected' },
	'kind.resolve': { zh: '解决了此意见', en: 'resolved the thread' },
	'kind.reopen': { zh: '重新打开了此意见', en: 'reopened the thread' },
	newThread: { zh: '发起新意见', en: 'Start a thread' },
	open: { zh: '发起意见', en: 'Comment' },
	reply: { zh: '回复', en: 'Reply' },
	corrected: { zh: '已重新上传更正，回复并标记“已更正”', en: 'Reply and mark corrected (after re-uploading)' },
	resolve: { zh: '解决', en: 'Resolve' },
	reopen: { zh: '重新打开', en: 'Reopen' },
	replyLabel: { zh: '回复内容', en: 'Your reply' },
	openLabel: { zh: '意见内容', en: 'Your comment' },
	resolveHint: {
		zh: '解决或重新打开时可附言（可不填）。只有审核人员可以解决意见。',
		en: 'A note is optional when resolving or reopening. Only reviewers resolve threads.'
	},
	closedQuarter: {
		zh: '本季度已通过并锁定，意见只读。',
		en: 'The quarter is approved and locked; the threads are read-only.'
	},
	saved: { zh: '已保存。', en: 'Saved.' },
	approveBlocked: {
		zh: '尚有 {n} 条数值意见未解决，解决后才能通过。',
		en: '{n} value thread(s) still open: resolve them before approving.'
	},
	seeThreads: { zh: '查看意见', en: 'See the threads' },
	'md.write': { zh: '编辑', en: 'Write' },
	'md.preview': { zh: '预览', en: 'Preview' },
	'md.nothing': { zh: '（无内容）', en: '(nothing yet)' },
	'md.hint': {
		zh: '支持 Markdown：**粗体**、*斜体*、- 列表、`代码`、[链接](https://…)；不支持 HTML 和图片。',
		en: 'Markdown: **bold**, *italic*, - lists, `code`, [links](https://…); no HTML or images.'
	},
	'md.count': { zh: '{n}/{max} 字', en: '{n}/{max} characters' }
} satisfies Record<string, Bilingual>;

export type ThreadTextKey = keyof typeof THREAD_TEXT;
