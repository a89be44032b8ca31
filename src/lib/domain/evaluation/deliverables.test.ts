import { describe, expect, it } from 'vitest';
import { checkDeliverable, type DeliverableInput } from './deliverables';

const OK: DeliverableInput = {
	kind: 'norm',
	titleZh: '印染行业简易清洁生产审核工作指南',
	titleEn: 'Guide to simplified audits in textile dyeing',
	date: '2026-10-01',
	url: '',
	abstract: '',
	isPublic: true,
	fileName: 'guide.pdf'
};

describe('checkDeliverable', () => {
	it('accepts a file or an http(s) link', () => {
		expect(checkDeliverable(OK, '2026-12-01')).toEqual([]);
		expect(checkDeliverable({ ...OK, fileName: null, url: 'https://example.org/g' }, '2026-12-01')).toEqual([]);
	});
	it('names each missing or wrong field', () => {
		const problems = checkDeliverable(
			{
				...OK,
				kind: 'poem',
				titleZh: '',
				date: '2026-12-09',
				url: 'ftp://x',
				fileName: null,
				abstract: '字'.repeat(501)
			},
			'2026-12-01'
		);
		expect(problems.map((p) => p.field)).toEqual(['kind', 'titleZh', 'date', 'url', 'abstract']);
		expect(checkDeliverable({ ...OK, fileName: null }, '2026-12-01')).toEqual([
			{ field: 'file', zh: '请上传文件或填写链接', en: 'Attach a file or give a link' }
		]);
	});
});
