/** Words of the evaluation board (zh first, en beside it). */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.
export const BOARD_TEXT = {
	title: { zh: '终期评估', en: 'Term-end evaluation' },
	lead: {
		zh: '实施期结束的试点：总结报告、省级审核、部级评估与名单发布。',
		en: 'Pilots whose term has ended: summaries, provincial review, ministry evaluation and the published list.'
	},
	batch: { zh: '批次', en: 'Batch' },
	all: { zh: '全部 {n}', en: 'All {n}' },
	overdue: { zh: '逾期 {n}', en: 'Overdue {n}' },
	waiting: { zh: '待省级审核 {n}', en: 'Awaiting the province {n}' },
	forwarded: { zh: '待部级评估 {n}', en: 'Awaiting evaluation {n}' },
	passed: { zh: '通过 {n}', en: 'Passed {n}' },
	notPassed: { zh: '未通过 {n}', en: 'Not passed {n}' },
	none: { zh: '暂无实施期已结束的试点', en: 'No pilot has finished its term yet' },
	code: { zh: '编号', en: 'Code' },
	pilot: { zh: '试点', en: 'Pilot' },
	province: { zh: '省份', en: 'Province' },
	termEnd: { zh: '实施期结束', en: 'Term ended' },
	stage: { zh: '进度', en: 'Stage' },
	mean: { zh: '专家均分', en: 'Experts’ mean' },
	decided: { zh: '结论日期', en: 'Decided' },
	isOverdue: { zh: '逾期', en: 'Overdue' },
	stage_not_started: { zh: '未编写总结', en: 'No summary' },
	stage_draft: { zh: '总结草稿', en: 'Summary draft' },
	stage_submitted: { zh: '待省级审核', en: 'Awaiting the province' },
	stage_returned: { zh: '已退回修改', en: 'Returned' },
	stage_forwarded: { zh: '待部级评估', en: 'Awaiting evaluation' },
	stage_passed: { zh: '通过', en: 'Passed' },
	stage_not_passed: { zh: '未通过', en: 'Not passed' },
	list: { zh: '通过评估的试点名单', en: 'List of pilots that passed' },
	listPublished: { zh: '已发布：{ref}，{date}', en: 'Published: {ref}, {date}' },
	viewList: { zh: '查看公开名单', en: 'Open the public list' },
	publishTitle: { zh: '发布本批次名单', en: 'Publish this batch’s list' },
	publishHint: {
		zh: '发布后名单即冻结：此后评估结论的变更以带日期的更正公布；通过试点的每家企业视同开展一次清洁生产审核。',
		en: 'Once published the list is frozen: later changes appear as dated corrections; every enterprise of a passed pilot counts as having carried out one audit.'
	},
	refNo: { zh: '文号', en: 'Reference number' },
	publishedOn: { zh: '发布日期', en: 'Publication date' },
	publish: { zh: '发布名单', en: 'Publish the list' },
	published: {
		zh: '第 {batch} 批名单已发布：评估 {evaluated} 个，通过 {passed} 个；{credits} 家企业获得认定。',
		en: 'Batch {batch} list published: {evaluated} evaluated, {passed} passed; {credits} enterprises credited.'
	},
	problemsTitle: { zh: '未能发布：', en: 'Not published:' },
	credits: { zh: '导出本省企业认定（CSV）', en: 'Export credits (CSV)' },
	creditsXlsx: { zh: 'Excel 工作簿', en: 'Excel workbook' },
	lookup: { zh: '企业认定查询', en: 'Credit lookup' }
} as const;
