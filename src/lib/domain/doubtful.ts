/**
 * Doubtful reported values: flagged with a bilingual reason, never dropped or changed. Jumps are judged with a
 * robust (median-based) modified z-score over the pilot's own and its industry peers' quarter-on-quarter changes.
 * Pure functions.
 */
import { indicatorByCode } from './indicators';
import { progressToDate, type IndicatorProgressInput } from './progress';

export type DoubtReason = 'jump' | 'exceeds_baseline' | 'unit_slip';

export type DoubtFlag = {
	period: string;
	code: string;
	enterprise?: string | null;
	reason: DoubtReason;
	zh: string;
	en: string;
};

/** Where flags of a term-quarter input point: the period keys of term quarters 0..3 and the enterprise, if any. */
export type FlagContext = { periods?: readonly string[]; enterprise?: string | null };

/** Threshold of the modified z-score (Iglewicz & Hoaglin). */
export const JUMP_Z = 3.5;
/** A change smaller than this (relative, 25 %) is never called a jump, however steady the series around it. */
export const MIN_JUMP = 0.25;
/** With fewer changes than this (own + peers) nothing is judged. */
export const MIN_CHANGES = 4;
const MAD_TO_SIGMA = 1 / 0.6745;
const MEAN_AD_TO_SIGMA = 1.2533;
const SLIP_LOW = 316;
const SLIP_HIGH = 3162;

function fmt(n: number): string {
	return new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4, useGrouping: false }).format(n);
}

function pct(r: number): string {
	const s = (r * 100).toFixed(1);
	return r > 0 ? `+${s}%` : `${s}%`;
}

function names(code: string): { zh: string; en: string; unit: string } {
	const indicator = indicatorByCode(code);
	return indicator ? { ...indicator.name, unit: indicator.unit } : { zh: code, en: code, unit: '' };
}

function median(xs: readonly number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function periodLabel(ctx: FlagContext, q: number): string {
	return ctx.periods?.[q] ?? `T${q + 1}`;
}

function withEnterprise(flag: DoubtFlag, enterprise: string | null | undefined): DoubtFlag {
	return enterprise === undefined ? flag : { ...flag, enterprise };
}

/**
 * Quarter-on-quarter relative changes (v_t − v_{t−1}) / |v_{t−1}| between adjacent entries of the series sorted by
 * period, skipping pairs with a null or a zero previous value; use it to build peerChanges.
 */
export function relativeChanges(series: readonly { period: string; value: number | null }[]): number[] {
	return changesWithPeriods(series).map((c) => c.r);
}

function changesWithPeriods(
	series: readonly { period: string; value: number | null }[]
): { period: string; r: number }[] {
	const sorted = [...series].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
	const out: { period: string; r: number }[] = [];
	for (let t = 1; t < sorted.length; t++) {
		const prev = sorted[t - 1].value;
		const cur = sorted[t].value;
		if (prev === null || cur === null || prev === 0) continue;
		out.push({ period: sorted[t].period, r: (cur - prev) / Math.abs(prev) });
	}
	return out;
}

/**
 * Flags each of the pilot's own changes whose modified z-score |r − median| / σ exceeds 3.5, with σ = MAD / 0.6745, or
 * 1.2533 × mean absolute deviation from the median when MAD is 0, over own + peer changes; nothing with < 4 changes.
 */
export function jumps(
	series: readonly { period: string; value: number | null }[],
	peerChanges: readonly number[],
	code: string,
	enterprise?: string | null
): DoubtFlag[] {
	const own = changesWithPeriods(series);
	const pool = [...own.map((c) => c.r), ...peerChanges.filter((r) => Number.isFinite(r))];
	if (pool.length < MIN_CHANGES) return [];
	const med = median(pool);
	const deviations = pool.map((r) => Math.abs(r - med));
	const mad = median(deviations);
	const sigma =
		mad > 0 ? mad * MAD_TO_SIGMA : (MEAN_AD_TO_SIGMA * deviations.reduce((a, b) => a + b, 0)) / deviations.length;
	if (sigma === 0) return [];
	const [lo, hi] = [med - JUMP_Z * sigma, med + JUMP_Z * sigma];
	const n = names(code);
	return own
		.filter((c) => Math.abs(c.r - med) / sigma > JUMP_Z && Math.abs(c.r) >= MIN_JUMP)
		.map((c) =>
			withEnterprise(
				{
					period: c.period,
					code,
					reason: 'jump',
					zh: `${c.period} ${n.zh}较上季度变化 ${pct(c.r)}，超出通常范围（${pct(lo)} 至 ${pct(hi)}，中位数 ${pct(med)}），请核对。`,
					en: `${c.period} ${n.en} changed ${pct(c.r)} on the previous quarter, outside the typical range (${pct(lo)} to ${pct(hi)}, median ${pct(med)}); please check.`
				},
				enterprise
			)
		);
}

/**
 * For a lower-is-better indicator, one flag when progress to date (first quartersDue quarters) is larger than the
 * annual baseline itself, which no real reduction can reach; pointed at the latest reported quarter among them.
 */
export function exceedsBaseline(
	input: IndicatorProgressInput,
	quartersDue: number,
	ctx: FlagContext = {}
): DoubtFlag[] {
	if (input.direction !== 'lower' || input.baseline === null) return [];
	const progress = progressToDate(input, quartersDue);
	if (progress === null || !(progress > input.baseline)) return [];
	let last = Math.min(4, Math.floor(quartersDue)) - 1;
	while (last > 0 && (input.values[last] ?? null) === null) last--;
	const n = names(input.code);
	const period = periodLabel(ctx, last);
	const u = n.unit ? ` ${n.unit}` : '';
	return [
		withEnterprise(
			{
				period,
				code: input.code,
				reason: 'exceeds_baseline',
				zh: `截至 ${period}，${n.zh}累计改善量 ${fmt(progress)}${u} 大于年度基准值 ${fmt(input.baseline)}${u}，不可能成立，请核对报告值与基准值。`,
				en: `Up to ${period}, the improvement in ${n.en} of ${fmt(progress)}${u} is larger than the annual baseline of ${fmt(input.baseline)}${u}, which is impossible; please check the reported values and the baseline.`
			},
			ctx.enterprise
		)
	];
}

/**
 * One flag per reported quarter whose value is 316–3162 times, or 1/3162–1/316 of, the quarterly baseline (a likely
 * kg/t or similar ×1000 slip); nothing without a positive baseline or for non-positive values.
 */
export function unitSlips(input: IndicatorProgressInput, ctx: FlagContext = {}): DoubtFlag[] {
	if (input.baseline === null || !(input.baseline > 0)) return [];
	const qb = input.baseline / 4;
	const n = names(input.code);
	const u = n.unit ? ` ${n.unit}` : '';
	const flags: DoubtFlag[] = [];
	input.values.forEach((value, q) => {
		if (value === null || !(value > 0)) return;
		const ratio = value / qb;
		const big = ratio >= SLIP_LOW && ratio <= SLIP_HIGH;
		const small = ratio >= 1 / SLIP_HIGH && ratio <= 1 / SLIP_LOW;
		if (!big && !small) return;
		const period = periodLabel(ctx, q);
		const about = big ? '1000' : '1/1000';
		flags.push(
			withEnterprise(
				{
					period,
					code: input.code,
					reason: 'unit_slip',
					zh: `${period} ${n.zh}报告值 ${fmt(value)}${u} 是季度基准值 ${fmt(qb)}${u} 的 ${fmt(ratio)} 倍（约 ${about}），可能填错了单位（如千克与吨），请核对。`,
					en: `${period} ${n.en} of ${fmt(value)}${u} is ${fmt(ratio)} times the quarterly baseline of ${fmt(qb)}${u} (about ${about}); the unit may be wrong (e.g. kg for t), please check.`
				},
				ctx.enterprise
			)
		);
	});
	return flags;
}
