/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from
 * 0-9 and A-Z without I, O, Z, S, V; the last is a check character over the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null if any is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
	if (first17.length !== 17) return null;
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const value = ALPHABET.indexOf(first17[i]);
		if (value < 0) return null;
		sum += value * WEIGHTS[i];
	}
	return ALPHABET[(31 - (sum % 31)) % 31];
}

/** True when `code` (trimmed, upper-cased) is 18 valid characters with a correct check character. */
export function isValidCreditCode(code: string): boolean {
	const c = code.trim().toUpperCase();
	if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c)) return false;
	return creditCodeCheckChar(c.slice(0, 17)) === c[17];
}
