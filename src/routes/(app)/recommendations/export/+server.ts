import { getDb } from '$lib/server/db';
import { requireRole, scopeOf } from '$lib/server/auth/access';
import * as recommendations from '$lib/server/recommendations/recommendations';
import { tableDownload } from '$lib/server/excel/table';
import { labels } from '$lib/i18n/labels';
import { emailSubject, RECOMMENDATION_STATE_LABELS, type RecommendationState } from '$lib/domain/recommendation';
import type { RequestHandler } from './$types';

/** The recommendations within the caller's scope as Excel-safe CSV (BOM, formula-safe) or `?format=xlsx`, with checks and marks. */
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireRole(locals.user, 'province', 'ministry', 'admin');
	const l = locals.locale;
	const rows = recommendations
		.list(getDb(), scopeOf(user))
		.map((r) => [
			r.id,
			r.batch.number,
			labels.province(l, r.provinceCode),
			RECOMMENDATION_STATE_LABELS[r.state as RecommendationState][l],
			r.draft.projectName,
			r.draft.applicantName,
			labels.bodyType(l, r.draft.applicantType || null),
			r.draft.category === null ? '' : labels.categoryShort(l, r.draft.category),
			r.draft.industries.map((i) => labels.industry(l, i)).join('; '),
			r.draft.enterprises,
			emailSubject(r.batch.year, r.draft.projectName, r.draft.applicantName),
			r.priority.isPriority ? r.priority.reasons.map((x) => x[l]).join('; ') : '',
			r.problems.map((p) => `${p.field}: ${p[l]}`).join('; '),
			r.files.map((f) => `${f.kind}:${f.fileName}`).join('; '),
			r.pilotCode ?? ''
		]);
	const fields = [
		'id',
		'batch 批次',
		'province 省份',
		'state 状态',
		'project 项目名称',
		'applicant 申报单位',
		'applicant type 主体类型',
		'category 类别',
		'industries 行业',
		'enterprises 企业数',
		'e-mail subject 邮件题目',
		'priority 优先',
		'checks 待补正',
		'attachments 附件',
		'pilot 试点编号'
	];
	const name = `recommendations-${new Date().toISOString().slice(0, 10)}`;
	return tableDownload(url.searchParams.get('format'), name, fields, rows);
};
