/** Words of the grouped problem list (ProblemTable), zh first, en beside it: only the pages that list problems carry them. */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.
export const PROBLEM_TEXT = {
	rows: { zh: '行', en: 'Rows' },
	count: { zh: '条数', en: 'Count' },
	each: { zh: '逐行查看（{n} 行）', en: 'Each row ({n})' },
	row: { zh: '第 {row} 行', en: 'row {row}' },
	otherValues: { zh: '等（另有 {n} 个不同的值）', en: 'and {n} other values' },
	moreRows: {
		zh: '另有 {n} 行未列出，见下载的报告或 API 的 JSON',
		en: '{n} more rows not listed: see the downloaded report or the API’s JSON'
	},
	more: {
		zh: '另有 {groups} 组（共 {n} 条）问题未列出，见下载的报告',
		en: '{groups} more groups ({n} problems) not listed: see the downloaded report'
	}
} as const;
