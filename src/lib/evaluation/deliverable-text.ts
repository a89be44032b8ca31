/**
 * The words of the deliverables (成果) pages, the catalogue, the dashboard panel and the public section, both
 * languages side by side. Kind labels are DELIVERABLE_KIND_LABELS of the domain; `{name}` placeholders are filled by say().
 */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.
import type { Bilingual } from '../domain/taxonomy';

export const DELIVERABLE_TEXT = {
	link: { zh: '成果', en: 'Deliverables' },
	title: { zh: '试点成果', en: 'Deliverables' },
	back: { zh: '返回试点', en: 'Back to the pilot' },
	none: { zh: '尚未登记成果。', en: 'No deliverables recorded yet.' },
	readOnly: {
		zh: '只有本试点的实施单位和管理员可以登记或修改成果。',
		en: "Only the pilot's implementers and administrators can record or change deliverables."
	},
	'col.kind': { zh: '类型', en: 'Kind' },
	'col.title': { zh: '标题', en: 'Title' },
	'col.date': { zh: '日期', en: 'Date' },
	'col.source': { zh: '文件或链接', en: 'File or link' },
	'col.public': { zh: '公开', en: 'Public' },
	'col.pilot': { zh: '试点', en: 'Pilot' },
	'col.province': { zh: '省份', en: 'Province' },
	'col.batch': { zh: '批次', en: 'Batch' },
	'col.actions': { zh: '操作', en: 'Actions' },
	isPublic: { zh: '公开', en: 'Public' },
	isInternal: { zh: '不公开', en: 'Internal' },
	openLink: { zh: '打开链接', en: 'Open the link' },
	'form.add': { zh: '登记成果', en: 'Record a deliverable' },
	'form.edit': { zh: '修改成果', en: 'Edit the deliverable' },
	'field.kind': { zh: '成果类型', en: 'Kind' },
	'field.titleZh': { zh: '中文标题', en: 'Title (Chinese)' },
	'field.titleEn': { zh: '英文标题（可选）', en: 'Title (English, optional)' },
	'field.date': { zh: '日期', en: 'Date' },
	'field.url': { zh: '链接（http:// 或 https://）', en: 'Link (http:// or https://)' },
	'field.file': {
		zh: '文件（PDF 或 Office，不超过 {limit}）',
		en: 'File (PDF or Office, at most {limit})'
	},
	'field.current': { zh: '当前文件：{name}（{size}）', en: 'Current file: {name} ({size})' },
	'field.dropFile': { zh: '删除当前文件', en: 'Remove the current file' },
	'field.abstract': { zh: '摘要（不超过 {max} 字）', en: 'Abstract (at most {max} characters)' },
	'field.isPublic': {
		zh: '公开：试点通过评估后在公开成果库中展示',
		en: 'Public: shown in the public gallery once the pilot has passed its evaluation'
	},
	tooBig: { zh: '文件超过 {limit} 的上限', en: 'The file is over the limit of {limit}' },
	sourceHint: { zh: '请上传文件或填写链接（至少一项）。', en: 'Attach a file or give a link (at least one).' },
	add: { zh: '添加', en: 'Add' },
	save: { zh: '保存修改', en: 'Save changes' },
	cancel: { zh: '取消', en: 'Cancel' },
	edit: { zh: '修改', en: 'Edit' },
	remove: { zh: '删除', en: 'Delete' },
	created: { zh: '已添加成果“{title}”。', en: 'Added "{title}".' },
	updated: { zh: '已保存“{title}”的修改。', en: 'Saved the changes to "{title}".' },
	removed: { zh: '已删除成果。', en: 'Deleted the deliverable.' },
	problems: { zh: '未保存，请修改以下问题：', en: 'Not saved; please fix the following:' },
	'catalogue.title': { zh: '成果目录', en: 'Deliverables catalogue' },
	'catalogue.lead': {
		zh: '各试点登记的成果，可按上方的试点条件和成果类型筛选。报告期、指标组和“仅已审核”不适用于成果。',
		en: "The pilots' deliverables, filtered by the pilot facets above and by kind. Periods, indicator groups and approved-only do not apply to deliverables."
	},
	'catalogue.count': { zh: '共 {n} 项成果', en: '{n} deliverables' },
	'catalogue.byKind': { zh: '按类型统计', en: 'By kind' },
	'catalogue.allKinds': { zh: '全部类型', en: 'All kinds' },
	'catalogue.total': { zh: '合计', en: 'Total' },
	'catalogue.csv': { zh: '导出 CSV', en: 'Export CSV' },
	'catalogue.xlsx': { zh: 'Excel 工作簿', en: 'Excel workbook' },
	'catalogue.none': { zh: '没有符合条件的成果。', en: 'No deliverables match the filter.' },
	'public.title': { zh: '试点成果', en: 'Pilot deliverables' },
	'public.lead': {
		zh: '通过评估的试点公开的成果：审核新模式、管理规范与工作指南、技术清单、标准和典型案例。',
		en: 'Deliverables made public by pilots that passed their evaluation: audit models, norms and guides, technology lists, standards and typical cases.'
	},
	'public.none': { zh: '暂无公开的试点成果。', en: 'No pilot deliverables are public yet.' },
	'public.file': { zh: '下载文件（{size}）', en: 'Download the file ({size})' }
} satisfies Record<string, Bilingual>;

export type DeliverableTextKey = keyof typeof DELIVERABLE_TEXT;

/** A file size in MB with one decimal, rounded up (as the upload limits are written): 0.1 MB for any small file. */
export function megabytes(bytes: number): string {
	return `${(Math.ceil((bytes * 10) / 1_048_576) / 10).toFixed(1)} MB`;
}
