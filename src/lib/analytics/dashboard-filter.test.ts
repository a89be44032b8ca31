import { describe, expect, it } from 'vitest';
import { dashboardFilterFromUrl, dashboardQuery, isFiltered, pilotListHref } from './dashboard-filter';

describe('dashboard filter in the URL', () => {
	it('reads facets, a period range in any accepted spelling and the group; drops the rest', () => {
		const f = dashboardFilterFromUrl(
			new URLSearchParams('basin=yangtze&industry=dyeing&from=2025-Q4&to=2025Q2&group=carbon&by=x&province=<b>')
		);
		// the range is put in order; '<b>' is not a value of the right shape
		expect(f).toEqual({ basin: 'yangtze', industry: 'dyeing', from: '2025Q2', to: '2025Q4', group: 'carbon' });
		expect(dashboardFilterFromUrl(new URLSearchParams('group=nope&from=2025Q5'))).toEqual({});
	});

	it('writes the same filter back, with view settings, and round-trips', () => {
		const f = { basin: 'yangtze', from: '2025Q2' };
		const q = dashboardQuery(f, { by: 'province', metric: undefined });
		expect(q).toBe('?basin=yangtze&from=2025Q2&by=province');
		expect(dashboardFilterFromUrl(new URLSearchParams(q))).toEqual(f);
		expect(dashboardQuery({})).toBe('');
		expect(isFiltered({})).toBe(false);
		expect(isFiltered(f)).toBe(true);
	});

	it('drills down to the pilot list with its facets only, narrowed to the item', () => {
		expect(pilotListHref({ basin: 'yangtze', from: '2025Q2', group: 'air' }, { industry: 'dyeing' })).toBe(
			'/pilots?industry=dyeing&basin=yangtze'
		);
		expect(pilotListHref({ province: '320000' }, { province: '110000' })).toBe('/pilots?province=110000');
		expect(pilotListHref({})).toBe('/pilots');
	});
});
