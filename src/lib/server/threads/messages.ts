/** The refusals of the value threads, in both languages; the server returns them and the page shows them. */
// Repeated blocks here are data of one shape (bilingual pairs), not logic to share.
import type { Bilingual } from '../../domain/taxonomy';
import { indicatorByCode } from '../../domain/indicators';
import { MAX_COMMENT } from '../../review/threads';

export { MAX_COMMENT };

export const REFUSED = {
	notFound: { zh: '找不到该数值意见，或您无权查看', en: 'No such value thread, or it is not yours to see' },
	notYours: { zh: '您无权对该试点的数值发表意见', en: 'You may not comment on this pilot’s values' },
	onlyReviewerOpens: {
		zh: '只有本省审核人员、生态环境部和管理员可以发起数值意见',
		en: 'Only the province’s reviewers, the ministry and administrators open value threads'
	},
	onlyReviewerCloses: {
		zh: '只有审核人员（本省或管理员）可以解决或重新打开意见',
		en: 'Only a reviewer (the province or an administrator) resolves or reopens a thread'
	},
	onlyImplementerCorrects: {
		zh: '只有本试点的实施单位可以标记“已更正”',
		en: 'Only the pilot’s implementers mark a value as corrected'
	},
	notCorrectedYet: {
		zh: '请先重新上传更正后的数据，再标记为“已更正”；如数值无误，请直接回复说明',
		en: 'Upload the corrected figures first, then mark the value corrected; if the value is right, reply to say why'
	},
	badPeriod: { zh: '该季度不在试点期内', en: 'That quarter is not in the pilot’s term' },
	badIndicator: { zh: '未知的指标代码', en: 'Unknown indicator code' },
	badEnterprise: { zh: '该试点没有此企业', en: 'The pilot has no such enterprise' },
	locked: {
		zh: '本季度已通过审核并锁定，不能再发表数值意见；如需更正，请管理员重新开放',
		en: 'The quarter is approved and locked: no more value comments; an administrator can reopen it'
	},
	empty: { zh: '请填写意见内容', en: 'Write the comment first' },
	alreadyResolved: { zh: '该意见已解决', en: 'The thread is already resolved' },
	alreadyOpen: { zh: '该意见尚未解决', en: 'The thread is still open' },
	resolvedThread: {
		zh: '该意见已解决；如需继续讨论，请审核人员重新打开',
		en: 'The thread is resolved; a reviewer can reopen it to go on'
	}
} satisfies Record<string, Bilingual>;

/** The refusal of an over-long comment, with its length. */
export function tooLong(length: number): Bilingual {
	return {
		zh: `意见不能超过 ${MAX_COMMENT} 字（现有 ${length} 字）`,
		en: `A comment may have at most ${MAX_COMMENT} characters (this one has ${length})`
	};
}

/** A cell in words: indicator and enterprise (or the pilot's own row). */
export function cellName(cell: { indicatorCode: string; enterpriseCode: string | null }): Bilingual {
	const indicator = indicatorByCode(cell.indicatorCode);
	return {
		zh: `${indicator?.name.zh ?? cell.indicatorCode}（${cell.enterpriseCode ?? '试点本级'}）`,
		en: `${indicator?.name.en ?? cell.indicatorCode} (${cell.enterpriseCode ?? 'pilot level'})`
	};
}

/** Why a quarter cannot be approved: the open threads, named. */
export function openThreadsBlock(open: { indicatorCode: string; enterpriseCode: string | null }[]): Bilingual {
	const names = open.map(cellName);
	return {
		zh: `本季度尚有 ${open.length} 条数值意见未解决：${names.map((n) => n.zh).join('、')}。请先解决这些意见再通过。`,
		en: `${open.length} value thread${open.length === 1 ? ' is' : 's are'} still open: ${names.map((n) => n.en).join('; ')}. Resolve ${open.length === 1 ? 'it' : 'them'} before approving.`
	};
}
