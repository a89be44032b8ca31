/** Words of the pilot's pages (the tabs, the overview's first screen, the home page's next steps), zh first, en beside it. */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.
export const PILOT_TEXT = {
	label: { zh: '试点页面', en: 'Pilot pages' },
	overview: { zh: '概览', en: 'Overview' },
	progress: { zh: '进展', en: 'Progress' },
	data: { zh: '数据与文件', en: 'Data and files' },
	review: { zh: '审核', en: 'Review' },
	enterprises: { zh: '企业', en: 'Enterprises' },
	history: { zh: '记录', en: 'History' },
	summary: { zh: '总结与评估', en: 'Summary and evaluation' },
	deliverables: { zh: '成果', en: 'Deliverables' },
	dueTitle: { zh: '待办与期限', en: 'What is due' },
	nextDue: { zh: '下一个报送截止', en: 'Next report due' },
	daysLeft: { zh: '还有 {n} 天', en: '{n} days left' },
	dueToday: { zh: '今天截止', en: 'due today' },
	noneDue: { zh: '各季度均已到期', en: 'Every quarter is due already' },
	overdue: { zh: '逾期或缺报', en: 'Late or missing' },
	noneOverdue: { zh: '没有逾期或缺报的季度', en: 'No quarter is late or missing' },
	awaiting: { zh: '等待审核', en: 'Awaiting review' },
	noneAwaiting: { zh: '没有等待审核的季度', en: 'No quarter awaits review' },
	toReview: { zh: '去审核', en: 'Review' },
	upload: { zh: '上传本季度数据：{period}', en: 'Upload this quarter: {period}' },
	uploadNone: { zh: '现在没有需要上传的季度', en: 'No quarter to upload now' },
	submit: { zh: '提交本季度审核：{period}', en: 'Submit this quarter: {period}' },
	submitNone: { zh: '现在没有待提交审核的季度', en: 'No quarter to submit now' },
	onTrack: { zh: '是否按计划推进', en: 'On track?' },
	facts: { zh: '基本信息', en: 'Facts' },
	viewData: { zh: '查看数据', en: 'See the figures' },
	files: { zh: '上传的文件与修订', en: 'Uploaded files and revisions' },
	progressLead: {
		zh: '每项指标的累计改进与至今应完成的目标比较；图中为各季度报送值与目标轨迹。',
		en: 'Each indicator’s cumulative improvement against what its target expects to date; the charts show the reported values and the target path.'
	},
	reviewLead: {
		zh: '每个季度先写进展说明，再提交审核；省级用户审核通过后该季度锁定。',
		en: 'For each quarter, write the progress narrative, then submit it; once the province approves it, the quarter is locked.'
	}
} as const;
