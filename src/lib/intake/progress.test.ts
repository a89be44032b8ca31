/** An import's progress as words and figures: the share done, the estimate, the CLI's line, durations. */
import { describe, expect, it } from 'vitest';
import { estimateMs, fractionOf, paced } from './progress';
import { durationText, progressLine } from './progress-text';

describe('progress figures', () => {
	it('estimates the time left at a steady rate, and not before there is something to go on', () => {
		expect(estimateMs(250, 1000, 2000)).toBe(6000);
		expect(estimateMs(5, 1000, 2000)).toBeNull(); // under 1 %
		expect(estimateMs(500, 1000, 50)).toBeNull(); // under a tenth of a second
		expect(estimateMs(1000, 1000, 2000)).toBe(0);
		expect(fractionOf({ done: 3, total: 4 })).toBe(0.75);
		expect(fractionOf({ done: 0, total: 0 })).toBe(1);
	});

	it('prints one line for a terminal in both languages, and durations in seconds or minutes', () => {
		const line = progressLine({ phase: 'parse', done: 450, total: 1000, rows: 450_000, elapsedMs: 3000, etaMs: 3700 });
		expect(line).toMatch(/^读取并逐行检查 \/ Reading and checking rows\s+· {2}45% · 450,000 rows · ~4 s left$/);
		expect(durationText('zh', 150_000)).toBe('3 分钟');
		expect(durationText('en', 400)).toBe('1 s');
	});
});

describe('pacing', () => {
	it('passes a new phase and a phase’s end at once, the steps between at most every so often', () => {
		const passed: string[] = [];
		const report = paced<string>((phase, done) => passed.push(`${phase} ${done}`), 60_000);
		report('parse', 0, 10, 0);
		report('parse', 5, 10, 5); // within the minute: held back
		report('parse', 10, 10, 10); // the end
		report('write', 1, 3, 10); // a new phase
		report('write', 2, 3, 10);
		expect(passed).toEqual(['parse 0', 'parse 10', 'write 1']);
		const every = paced<string>((phase, done) => passed.push(`${phase} ${done}`), 0);
		every('check', 1, 3, 0);
		every('check', 2, 3, 0);
		expect(passed.slice(3)).toEqual(['check 1', 'check 2']);
	});
});
