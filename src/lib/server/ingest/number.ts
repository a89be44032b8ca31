/**
 * Strict reading of a number typed by a person or saved by Excel: decimals, full-width digits,
 * thousands separators (1,234.5 or 1 234.5 with correct grouping), scientific notation and a
 * leading sign. Nothing lenient: `12吨`, `0x1A`, `N/A`, `1,23`, `Infinity` and empty are null.
 */
const SIMPLE = /^-?\d{1,15}(\.\d{1,15})?$/;

export function parseNumber(input: string): number | null {
	if (SIMPLE.test(input)) return Number(input); // the common case, without the normalisations below
	const s = input
		.trim()
		.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
		.replace(/\uFF0E/g, '.')
		.replace(/[\uFF0C]/g, ',')
		.replace(/[\uFF0D\u2212]/g, '-')
		.replace(/\uFF0B/g, '+');
	if (s === '') return null;
	const grouped = /^[+-]?\d{1,3}([, \u00A0\u202F]\d{3})+(\.\d+)?$/;
	const plain = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
	let candidate: string;
	if (grouped.test(s)) candidate = s.replace(/[, \u00A0\u202F]/g, '');
	else if (plain.test(s)) candidate = s;
	else return null;
	const n = Number(candidate);
	return Number.isFinite(n) ? n : null;
}
