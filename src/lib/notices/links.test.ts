import { describe, expect, it } from 'vitest';
import { noticePath, valueThreadPath } from './links';

describe('notice links', () => {
	it('opens a value’s thread on the review tab, a pilot-level value without an enterprise', () => {
		expect(valueThreadPath('D-006', '2025Q3', 'E 01', 'voc')).toBe(
			'/pilots/D-006/review?quarter=2025Q3&ent=E+01&ind=voc#value-thread'
		);
		expect(valueThreadPath('试点/1', '2025Q3', null, 'energy')).toBe(
			'/pilots/%E8%AF%95%E7%82%B9%2F1/review?quarter=2025Q3&ind=energy#value-thread'
		);
	});

	it('leads a notice to its own link, else to the term summary or the quarter’s review', () => {
		expect(noticePath({ pilotCode: 'D-006', period: '2025Q3', link: '/x#y' })).toBe('/x#y');
		expect(noticePath({ pilotCode: 'D-006', period: 'term', link: null })).toBe('/pilots/D-006/summary');
		expect(noticePath({ pilotCode: 'D-006', period: '2025Q3', link: null })).toBe('/pilots/D-006/review#review-2025Q3');
	});
});
