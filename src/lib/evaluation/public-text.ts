/**
 * The words of the public evaluation pages (the published lists of passed pilots and the deemed-audit lookup), of
 * their API answers and of the province export, both languages side by side. `{name}` placeholders are filled by say().
 */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.
import type { Bilingual } from '../domain/taxonomy';

export const PUBLIC_TEXT = {
	'index.title': { zh: '通过评估的试点项目名单', en: 'Published evaluation results' },
	'index.intro': {
		zh: '生态环境部按批次公布通过评估的清洁生产审核创新试点项目名单。名单一经发布即冻结，此后评估结论的变更以注明日期的更正公布。',
		en: 'Per batch, the ministry publishes the list of pilots that passed the term-end evaluation. A published list is frozen; a later change of decision appears as a dated correction.'
	},
	'index.none': { zh: '尚未发布任何名单。', en: 'No list has been published yet.' },
	'list.title': {
		zh: '《通过评估的清洁生产审核创新试点项目名单》',
		en: 'Pilots that passed the term-end evaluation'
	},
	'list.frozen': {
		zh: '本名单按发布时的内容冻结；此后评估结论的变更见下方“更正”。',
		en: 'This list stands as published; later changes of decision are listed under Corrections below.'
	},
	'list.credits': {
		zh: '名单内试点的每家企业视同开展一次清洁生产审核。',
		en: 'Each enterprise of a listed pilot counts as having done one cleaner-production audit.'
	},
	'list.lookup': { zh: '按企业查询', en: 'Look up an enterprise' },
	'list.csv': { zh: '下载 CSV', en: 'Download CSV' },
	'list.print': { zh: '打印', en: 'Print' },
	'list.all': { zh: '全部名单', en: 'All published lists' },
	'list.empty': { zh: '本批次没有通过评估的试点。', en: 'No pilot of this batch passed.' },
	'list.demo': {
		zh: '示例批次：名单中的试点和企业均为虚构。',
		en: 'Demo batch: the pilots and enterprises on this list are fictional.'
	},
	'meta.batch': { zh: '批次', en: 'Batch' },
	'meta.ref': { zh: '文号', en: 'Reference' },
	'meta.date': { zh: '发布日期', en: 'Published on' },
	'count.evaluated': { zh: '参加评估', en: 'Evaluated' },
	'count.passed': { zh: '通过评估', en: 'Passed' },
	'count.notPassed': { zh: '未通过评估', en: 'Not passed' },
	'col.no': { zh: '序号', en: 'No.' },
	'col.code': { zh: '试点编号', en: 'Code' },
	'col.name': { zh: '试点名称', en: 'Pilot' },
	'col.province': { zh: '省份', en: 'Province' },
	'col.category': { zh: '试点类别', en: 'Category' },
	'col.enterprises': { zh: '企业数', en: 'Enterprises' },
	'corrections.title': { zh: '更正', en: 'Corrections' },
	'corrections.none': { zh: '本名单发布后没有更正。', en: 'No corrections since publication.' },
	'col.correctedOn': { zh: '更正日期', en: 'Date' },
	'col.pilot': { zh: '试点', en: 'Pilot' },
	'col.change': { zh: '评估结论', en: 'Decision' },
	'col.reason': { zh: '理由', en: 'Reason' },
	'decision.none': { zh: '无结论（重新评估）', en: 'none (re-evaluation)' },
	'credits.title': { zh: '视同开展清洁生产审核查询', en: 'Deemed cleaner-production audits: lookup' },
	'credits.intro': {
		zh: '试点通过评估并列入已发布名单的，其每家企业视同开展一次清洁生产审核。可按统一社会信用代码或企业名称查询。',
		en: 'Each enterprise of a pilot on a published list of passed pilots counts as having done one cleaner-production audit (视同开展一次清洁生产审核). Look up by unified social credit code or by enterprise name.'
	},
	'field.code': { zh: '统一社会信用代码', en: 'Unified social credit code' },
	'field.name': { zh: '企业名称（至少两个字）', en: 'Enterprise name (at least two characters)' },
	'field.or': { zh: '或', en: 'or' },
	'code.label': { zh: '统一社会信用代码：', en: 'Credit code: ' },
	'credits.list': { zh: '查看名单 {ref}', en: 'Open the list {ref}' },
	search: { zh: '查询', en: 'Look up' },
	'code.invalid': {
		zh: '统一社会信用代码应为 18 位数字或字母（空格不计），“{code}”不符，未按代码查询。',
		en: 'A unified social credit code has 18 digits or letters (spaces aside); “{code}” does not, so it was not looked up.'
	},
	'code.byName': { zh: '以下按企业名称查询。', en: 'The answer below is by enterprise name.' },
	'name.short': { zh: '企业名称请至少输入两个字。', en: 'Enter at least two characters of the name.' },
	found: { zh: '找到 {n} 条认定记录。', en: '{n} credits on record.' },
	capped: {
		zh: '仅显示前 {n} 条认定记录，请输入更完整的名称以缩小范围。',
		en: 'Only the first {n} credits are shown: enter more of the name to narrow the search.'
	},
	'answer.yes': { zh: '是，视同开展一次清洁生产审核', en: 'Yes: counts as one cleaner-production audit' },
	'answer.revoked': { zh: '否：认定已于 {date} 撤销', en: 'No: the credit was revoked on {date}' },
	'answer.basis': {
		zh: '依据：试点 {pilot}（{batch}）列入名单 {ref}（{published}发布），认定日期 {granted}。',
		en: 'Basis: pilot {pilot} ({batch}) on list {ref} (published {published}), credited on {granted}.'
	},
	'answer.revokedBasis': {
		zh: '原依据试点 {pilot}（{batch}）列入名单 {ref}（{published}发布）；该试点的评估结论已更正，见名单的“更正”。',
		en: "Formerly on the strength of pilot {pilot} ({batch}) on list {ref} (published {published}); the pilot's decision was corrected, see the list's Corrections."
	},
	noCode: { zh: '未登记统一社会信用代码', en: 'no credit code on record' },
	'noCode.hint': {
		zh: '此企业在登记中没有统一社会信用代码，只能按名称查到，不会被按代码推测匹配。',
		en: 'No credit code is registered for this enterprise: it is found by name only, never matched to a code by a guess.'
	},
	'none.code': {
		zh: '没有统一社会信用代码为 {code} 的认定记录。代码只作精确匹配、不作推测：查不到即表示没有登记在案的认定。未登记代码的企业可按名称查询。',
		en: 'No credit is on record for the code {code}. Codes are matched exactly and never guessed: no match means no credit on record. An enterprise registered without a code can be looked up by name.'
	},
	'none.name': {
		zh: '没有名称含“{name}”的企业的认定记录。',
		en: 'No credit is on record for an enterprise whose name contains “{name}”.'
	},
	'credits.lists': { zh: '已发布的名单', en: 'The published lists' },
	'api.batch': {
		zh: '请用 batch=批次号（正整数）指定批次',
		en: 'Give the batch as batch=N, a positive integer'
	},
	'api.unpublished': { zh: '该批次的名单尚未发布', en: "This batch's list is not published" },
	'api.query': {
		zh: '请用 code=统一社会信用代码 或 name=企业名称（至少两个字）查询',
		en: 'Give code=<unified social credit code> or name=<enterprise name, at least two characters>'
	},
	'api.code': {
		zh: '统一社会信用代码应为 18 位数字或字母（空格不计）',
		en: 'A unified social credit code has 18 digits or letters (spaces aside)'
	},
	'export.province': { zh: '没有此省份', en: 'No such province' },
	'export.ownProvince': {
		zh: '省级用户只能导出本省的认定',
		en: "A province user can export only their own province's credits"
	}
} satisfies Record<string, Bilingual>;

export type PublicTextKey = keyof typeof PUBLIC_TEXT;
