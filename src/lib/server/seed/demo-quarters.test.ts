import { describe, expect, it } from 'vitest';
import { indicatorByCode, toCanonical } from '../../domain/indicators';
import { dueDate, parsePeriod, periodEnd, periodKey, termQuarters } from '../../domain/periods';
import { demoProgramme } from './demo';
import { demoQuarterFiles, type DemoQuarterFile } from './demo-quarters';

const TODAY = '2026-11-29';
const data = demoProgramme();
const started = performance.now();
const files = demoQuarterFiles(data, TODAY);
const elapsed = performance.now() - started;

const ZH_HEADER = '试点编号,企业编号,报告期,指标代码,数值,单位,备注';
const EN_HEADER = 'pilot_code,enterprise_code,period,indicator_code,value,unit,note';
type Line = { pilot: string; enterprise: string; period: string; code: string; value: number; unit: string };

function text(file: DemoQuarterFile): string {
	return new TextDecoder(file.encoding, { fatal: true, ignoreBOM: true }).decode(file.bytes);
}
function lines(file: DemoQuarterFile): Line[] {
	const rows = text(file)
		.replace(/^\uFEFF/, '')
		.trimEnd()
		.split(/\r?\n/)
		.slice(1);
	return rows.map((row) => {
		const [pilot, enterprise, period, code, value, unit] = row.split(',');
		return { pilot, enterprise, period, code, value: Number(value), unit };
	});
}
const canonical = (l: Line) => toCanonical(indicatorByCode(l.code)!, l.value, l.unit);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const byMistake = (m: DemoQuarterFile['mistake']) => files.filter((f) => f.mistake === m);
const pilotOf = (code: string) => data.pilots.find((p) => p.code === code)!;
const fileDue = (f: DemoQuarterFile) => dueDate(parsePeriod(f.period)!, 15);

/** The largest ratio of an enterprise row's canonical value to the median of its indicator in the file. */
function maxPeerRatio(file: DemoQuarterFile): { ratio: number; line: Line | null } {
	const ent = lines(file).filter((l) => l.enterprise !== '' && canonical(l) !== null && l.value > 0);
	const medians = new Map<string, number>();
	for (const code of new Set(ent.map((l) => l.code))) {
		medians.set(code, median(ent.filter((o) => o.code === code).map((o) => canonical(o)!)));
	}
	let best = { ratio: 0, line: null as Line | null };
	for (const l of ent) {
		const ratio = canonical(l)! / medians.get(l.code)!;
		if (ratio > best.ratio) best = { ratio, line: l };
	}
	return best;
}

describe('demoQuarterFiles', () => {
	it('is deterministic and fast', () => {
		const again = demoQuarterFiles(data, TODAY);
		expect(again.map((f) => ({ ...f, bytes: [...f.bytes] }))).toEqual(
			files.map((f) => ({ ...f, bytes: [...f.bytes] }))
		);
		expect(elapsed).toBeLessThan(2000);
	});

	it('covers only demo pilots in progress or evaluating, and only term quarters due by today', () => {
		expect(files.length).toBeGreaterThan(50);
		const seen = new Set<string>();
		for (const f of files) {
			const pilot = pilotOf(f.pilotCode);
			expect(pilot.isDemo).toBe(true);
			expect(['in_progress', 'evaluating']).toContain(pilot.status);
			const allowed = termQuarters(pilot.termStart!).map(periodKey);
			expect(allowed).toContain(f.period);
			expect(fileDue(f) <= TODAY).toBe(true);
			expect(f.fileName).toBe(`${f.pilotCode}_${f.period}.csv`);
			expect(seen.has(f.fileName)).toBe(false);
			seen.add(f.fileName);
		}
	});

	it('leaves roughly 10 % of the due (pilot, quarter) pairs missing', () => {
		const eligible = data.pilots.filter(
			(p) => p.isDemo && (p.status === 'in_progress' || p.status === 'evaluating') && p.termStart
		);
		const pairs = eligible.flatMap((p) => termQuarters(p.termStart!).filter((q) => dueDate(q, 15) <= TODAY));
		const missing = (pairs.length - files.length) / pairs.length;
		expect(missing).toBeGreaterThanOrEqual(0.05);
		expect(missing).toBeLessThanOrEqual(0.2);
	});

	it('plants each mistake on the expected number of files', () => {
		expect(byMistake('gbk').length).toBeGreaterThanOrEqual(3);
		expect(byMistake('gbk').length).toBeLessThanOrEqual(4);
		expect(byMistake('kg-slip').length).toBeGreaterThanOrEqual(2);
		expect(byMistake('kg-slip').length).toBeLessThanOrEqual(3);
		expect(byMistake('late').length).toBeGreaterThanOrEqual(4);
		expect(byMistake('late').length).toBeLessThanOrEqual(6);
		expect(byMistake('bad-unit').length).toBeGreaterThanOrEqual(1);
		expect(byMistake('bad-unit').length).toBeLessThanOrEqual(2);
		expect(byMistake('negative').length).toBe(1);
	});

	it('writes GB18030 files without BOM and with zh headers, the rest UTF-8 with BOM; half the headers zh', () => {
		for (const f of files) {
			if (f.mistake === 'gbk') {
				expect(f.encoding).toBe('gb18030');
				expect([...f.bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
				expect(text(f).startsWith(ZH_HEADER)).toBe(true);
			} else {
				expect(f.encoding).toBe('utf-8');
				expect([...f.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
				expect([ZH_HEADER, EN_HEADER]).toContain(text(f).slice(1).split(/\r?\n/)[0]);
			}
		}
		const zh = files.filter((f) =>
			text(f)
				.replace(/^\uFEFF/, '')
				.startsWith(ZH_HEADER)
		).length;
		expect(Math.abs(zh - files.length / 2)).toBeLessThanOrEqual(1);
	});

	it("names only the pilot's own indicators and enterprises, in the file's period", () => {
		const problems: string[] = [];
		for (const f of files) {
			const codes = new Set(data.indicators.filter((i) => i.pilotCode === f.pilotCode).map((i) => i.indicatorCode));
			const firms = new Set(data.enterprises.filter((e) => e.pilotCode === f.pilotCode).map((e) => e.code));
			for (const l of lines(f)) {
				const ok =
					l.pilot === f.pilotCode &&
					codes.has(l.code) &&
					(l.enterprise === '' || firms.has(l.enterprise)) &&
					periodKey(parsePeriod(l.period)!) === f.period &&
					Number.isFinite(l.value);
				if (!ok) problems.push(`${f.fileName}: ${JSON.stringify(l)}`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('uses accepted units and non-negative values except in the bad-unit and negative files', () => {
		const units = new Set<string>();
		for (const f of files) {
			const all = lines(f);
			all.forEach((l) => units.add(l.unit));
			expect(all.filter((l) => canonical(l) === null).length).toBe(f.mistake === 'bad-unit' ? 1 : 0);
			expect(all.filter((l) => l.value < 0).length).toBe(f.mistake === 'negative' ? 1 : 0);
		}
		const some = (...names: string[]) => names.some((u) => units.has(u));
		for (const unit of ['t', 'tce', 'MWh', '吨']) expect(units.has(unit)).toBe(true);
		expect(some('kg', '千克', '万t', '万吨')).toBe(true);
		expect(some('万kWh', 'kWh', '万千瓦时', '千瓦时')).toBe(true);
	});

	it('writes the kg-slip row as ~1000× its peers, in t, and nothing like it elsewhere', () => {
		for (const f of byMistake('kg-slip')) {
			const { ratio, line } = maxPeerRatio(f);
			expect(ratio).toBeGreaterThan(100);
			expect(ratio).toBeLessThan(10_000);
			expect(line!.unit).toBe('t');
			const other = files.find((o) => o.pilotCode === f.pilotCode && o.period !== f.period && o.mistake === null);
			const same = other && lines(other).find((l) => l.enterprise === line!.enterprise && l.code === line!.code);
			if (same) expect(canonical(line!)! / canonical(same)!).toBeGreaterThan(700);
			if (same) expect(canonical(line!)! / canonical(same)!).toBeLessThan(1400);
		}
		for (const f of files.filter((o) => o.mistake !== 'kg-slip')) expect(maxPeerRatio(f).ratio).toBeLessThan(20);
	});

	it('dates late files 5–40 days after the due date, the others 0–14 days after the quarter', () => {
		for (const f of files) {
			const end = periodEnd(parsePeriod(f.period)!);
			expect(f.submittedOn <= TODAY).toBe(true);
			if (f.mistake === 'late') {
				const days = (Date.parse(f.submittedOn) - Date.parse(fileDue(f))) / 86_400_000;
				expect(days).toBeGreaterThanOrEqual(5);
				expect(days).toBeLessThanOrEqual(40);
			} else {
				expect(f.submittedOn >= end).toBe(true);
				expect(f.submittedOn < fileDue(f)).toBe(true);
			}
		}
	});

	it('keeps enterprise totals below the quarterly baseline and cumulative values non-decreasing', () => {
		const cumulative = new Map<string, number[]>();
		for (const f of files.filter((o) => o.mistake === null).sort((a, b) => (a.period < b.period ? -1 : 1))) {
			const sums = new Map<string, number>();
			for (const l of lines(f)) {
				if (indicatorByCode(l.code)!.kind === 'rate') {
					expect(l.value).toBeGreaterThan(0);
					expect(l.value).toBeLessThan(100);
				} else if (l.enterprise !== '') sums.set(l.code, (sums.get(l.code) ?? 0) + canonical(l)!);
				else if (indicatorByCode(l.code)!.kind === 'cumulative') {
					const key = `${f.pilotCode}|${l.code}`;
					cumulative.set(key, [...(cumulative.get(key) ?? []), l.value]);
				}
			}
			for (const [code, sum] of sums) {
				const baseline = data.indicators.find(
					(i) => i.pilotCode === f.pilotCode && i.indicatorCode === code
				)!.baseline!;
				expect(sum / (baseline / 4)).toBeGreaterThan(0.6);
				expect(sum / (baseline / 4)).toBeLessThan(1.001);
			}
		}
		for (const values of cumulative.values()) expect([...values].sort((a, b) => a - b)).toEqual(values);
	});
});
