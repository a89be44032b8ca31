/**
 * Rate indicators across pilots (工业固废综合利用率, 水重复利用率, 清洁生产方案实施率): a percentage is never summed
 * over pilots; the dashboards show, per rate, how many pilots report it, the plain mean of their latest levels and
 * of their change from the baseline in percentage points. Pure.
 */
import type { Facts, PilotRow } from './analytics';
import { INDICATORS } from './indicators';

export const RATE_CODES: readonly string[] = INDICATORS.filter((i) => i.kind === 'rate').map((i) => i.code);

export type RateSummary = {
	code: string;
	/** Pilots with a value in the chosen quarters. */
	pilots: number;
	/** Mean of those pilots' latest levels (%). */
	meanLatest: number | null;
	/** Mean of the baselines of the pilots that have one (%), and how many those are. */
	meanBaseline: number | null;
	/** Mean of latest − baseline over the pilots with a baseline (percentage points). */
	meanChange: number | null;
	withBaseline: number;
};

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** One row per rate indicator of the catalogue, over the given pilots' facts (pilots reporting none give nulls). */
export function rateSummaries(pilots: readonly PilotRow[], facts: Facts, codes = RATE_CODES): RateSummary[] {
	return codes.map((code) => {
		const latest: number[] = [];
		const baselines: number[] = [];
		const changes: number[] = [];
		for (const p of pilots) {
			const f = facts.get(p.id)?.get(code);
			if (!f || f.quarters === 0) continue;
			latest.push(f.latestValue);
			if (f.baseline !== null) {
				baselines.push(f.baseline);
				changes.push(f.latestValue - f.baseline);
			}
		}
		return {
			code,
			pilots: latest.length,
			meanLatest: mean(latest),
			meanBaseline: mean(baselines),
			meanChange: mean(changes),
			withBaseline: changes.length
		};
	});
}
