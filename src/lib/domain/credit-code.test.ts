// Repeated blocks here are test cases and fixtures of one shape; each case states its own inputs and expectations.
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code';

describe('unified social credit code', () => {
	it('accepts published codes with their check character', () => {
		// 91350100M000100Y43: the worked example of GB 32100-2015 Annex B
		expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
		expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
		expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true);
	});

	it('refuses a wrong check character, a wrong length and letters outside the alphabet', () => {
		expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
		expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
		expect(isValidCreditCode('91350100M000100I43')).toBe(false);
		expect(creditCodeCheckChar('91350100M000100O4')).toBeNull();
	});

	it('computes a check character of 0 when the weighted sum is a multiple of 31', () => {
		// 17 zeros: sum 0 → (31 - 0) % 31 = 0
		expect(creditCodeCheckChar('00000000000000000')).toBe('0');
	});
});
