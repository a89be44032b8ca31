/** A pilot's deliverables (成果, plan outline part 7): the kinds, and what one must hold. Pure. */
// Repeated blocks here are checks of one shape (if wrong, a bilingual problem naming the field); each states its own rule.
import { isIsoDate } from '../periods';
import type { Bilingual } from '../taxonomy';
import type { Problem } from './summary';

export const DELIVERABLE_KINDS = ['model', 'norm', 'tech_list', 'standard', 'case', 'other'] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];
export const DELIVERABLE_KIND_LABELS: Record<DeliverableKind, Bilingual> = {
	model: { zh: '审核新模式/先进经验', en: 'New audit model / experience' },
	norm: { zh: '管理规范/工作指南', en: 'Management norm / guide' },
	tech_list: { zh: '技术清单', en: 'Technology list' },
	standard: { zh: '标准', en: 'Standard' },
	case: { zh: '典型案例', en: 'Typical case' },
	other: { zh: '其他', en: 'Other' }
};

export type DeliverableInput = {
	kind: string;
	titleZh: string;
	titleEn: string;
	date: string;
	url: string;
	abstract: string;
	isPublic: boolean;
	/** The file's name when one is attached (or already kept). */
	fileName: string | null;
};

export const ABSTRACT_MAX = 500;
export const TITLE_MAX = 200;
export const DELIVERABLE_FILE_LIMIT = 50 * 1024 * 1024;

export function isDeliverableKind(kind: string): kind is DeliverableKind {
	return (DELIVERABLE_KINDS as readonly string[]).includes(kind);
}

/** Problems of a deliverable: a kind, a Chinese title, a date, a file or an http(s) link, an abstract within 500 characters. */
export function checkDeliverable(d: DeliverableInput, today: string): Problem[] {
	const problems: Problem[] = [];
	if (!isDeliverableKind(d.kind))
		problems.push({ field: 'kind', zh: '请选择成果类型', en: 'Choose the kind of deliverable' });
	if (!d.titleZh.trim()) problems.push({ field: 'titleZh', zh: '请填写中文标题', en: 'The Chinese title is required' });
	for (const [field, text] of [
		['titleZh', d.titleZh],
		['titleEn', d.titleEn]
	] as const)
		if (Array.from(text).length > TITLE_MAX)
			problems.push({ field, zh: `标题超过 ${TITLE_MAX} 字`, en: `The title is over ${TITLE_MAX} characters` });
	if (!isIsoDate(d.date))
		problems.push({ field: 'date', zh: '请填写日期（YYYY-MM-DD）', en: 'Enter the date (YYYY-MM-DD)' });
	else if (d.date > today)
		problems.push({ field: 'date', zh: '日期不能晚于今天', en: 'The date cannot be in the future' });
	const url = d.url.trim();
	if (url && !/^https?:\/\/[^\s]+$/i.test(url))
		problems.push({
			field: 'url',
			zh: '链接须以 http:// 或 https:// 开头',
			en: 'The link must start with http:// or https://'
		});
	if (!url && !d.fileName)
		problems.push({ field: 'file', zh: '请上传文件或填写链接', en: 'Attach a file or give a link' });
	if (Array.from(d.abstract).length > ABSTRACT_MAX)
		problems.push({
			field: 'abstract',
			zh: `摘要超过 ${ABSTRACT_MAX} 字`,
			en: `The abstract is over ${ABSTRACT_MAX} characters`
		});
	return problems;
}
