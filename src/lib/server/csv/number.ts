/**
 * Strict reading of a number typed by a person or saved by Excel: decimals, full-width digits,
 * thousands separators (1,234.5 or 1 234.5 with correct grouping), scientific notation and a
 * leading sign. Nothing lenient: `12吨`, `0x1A`, `N/A`, `1,23`, `Infinity` and empty are null.
 * Surrounding ASCII spaces are ignored; any other character around the number refuses it.
 */
const SIMPLE = /^-?\d{1,15}(\.\d{1,15})?$/;
const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D\u2212\uFF0B]/;
const GROUPED = /^[+-]?\d{1,3}([, \u00A0\u202F]\d{3})+(\.\d+)?$/;
const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The ways a number was written other than plainly, as bits of `NumberForms.bits`. */
export const FORM_FULL_WIDTH = 1;
export const FORM_GROUPED = 2;
export const FORM_EXPONENT = 4;

export type NumberForms = { bits: number };

/** The number, or null; `forms`, when given, is set to how it was written (0: plainly). */
export function parseNumber(input: string, forms?: NumberForms): number | null {
	if (forms) forms.bits = 0;
	if (SIMPLE.test(input)) return Number(input); // the common case, without the normalisations below
	const trimmed = input.replace(/^ +| +$/g, '');
	const isFullWidth = FULL_WIDTH.test(trimmed);
	const s = isFullWidth
		? trimmed
				.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
				.replace(/\uFF0E/g, '.')
				.replace(/[\uFF0C]/g, ',')
				.replace(/[\uFF0D\u2212]/g, '-')
				.replace(/\uFF0B/g, '+')
		: trimmed;
	if (s === '') return null;
	let candidate: string;
	let bits = isFullWidth ? FORM_FULL_WIDTH : 0;
	if (GROUPED.test(s)) {
		candidate = s.replace(/[, \u00A0\u202F]/g, '');
		bits |= FORM_GROUPED;
	} else if (PLAIN.test(s)) {
		candidate = s;
		if (/[eE]/.test(s)) bits |= FORM_EXPONENT;
	} else return null;
	const n = Number(candidate);
	if (!Number.isFinite(n)) return null;
	if (forms) forms.bits = bits;
	return n;
}
