/** The pilot list's facets and sorts, shared by the query module and the page (in panel order). */
export const FACETS = [
	'batch',
	'category',
	'industry',
	'province',
	'region',
	'basin',
	'status',
	'progress',
	'report'
] as const;
export type Facet = (typeof FACETS)[number];
export const SORTS = ['code', 'name', 'province', 'termStart', 'enterprises', 'attainment', 'score'] as const;
export type Sort = (typeof SORTS)[number];
