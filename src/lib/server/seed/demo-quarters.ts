/**
 * The demo's quarterly indicator files, as a pilot implementer would upload them: long-format CSV (one row per
 * value), zh or en headers, UTF-8 with BOM or GB18030, units that vary realistically, and a few deliberate
 * mistakes for the intake to catch. Deterministic (seeded): the same dataset and `today` give the same bytes.
 *
 * Per pilot, the quarterly total of a lower-is-better indicator is baseline/4 × (1 − r), where the improvement
 * r = target fraction × the pilot's attainment × a ramp that grows over the term (±5 % jitter). The total is
 * split over the enterprises by fixed weights (0.3–2.0, normalised) with ±5 % per-quarter noise, rescaled so
 * the enterprise rows add up to the pilot total exactly. Cumulative pilot-level rows grow toward their target.
 */
import { INDICATORS, indicatorByCode, toCanonical, type Indicator } from '../../domain/indicators';
import { dueDate, formatPeriod, periodEnd, periodKey, termQuarters, type Period } from '../../domain/periods';
import type { RegistryDataset, RegistryEnterprise, RegistryPilotIndicator } from '../registry/types';
import { encodeGb18030 } from './gb18030-encode';
import { addDays, makeRng, seedOf, type Rng } from './random';

const SEED = 20251015;

export type DemoQuarterMistake = 'gbk' | 'kg-slip' | 'late' | 'bad-unit' | 'negative';

export type DemoQuarterFile = {
	pilotCode: string;
	/** The period key, e.g. '2025Q4'. */
	period: string;
	fileName: string;
	bytes: Uint8Array;
	encoding: 'utf-8' | 'gb18030';
	/** ISO date the file was "sent". */
	submittedOn: string;
	mistake: null | DemoQuarterMistake;
};

type Lang = 'zh' | 'en';
/** One value in the indicator's canonical unit; enterprise '' is a pilot-level row. */
type Row = { enterprise: string; code: string; value: number };
type Pending = {
	pilotCode: string;
	period: Period;
	due: string;
	rows: Row[];
	mistake: null | DemoQuarterMistake;
};

const HEADERS: Record<Lang, string[]> = {
	zh: ['试点编号', '企业编号', '报告期', '指标代码', '数值', '单位', '备注'],
	en: ['pilot_code', 'enterprise_code', 'period', 'indicator_code', 'value', 'unit', 'note']
};
const NOTES: Record<Lang, string[]> = {
	zh: ['含停产检修', '新增产线试运行', '数据来自在线监测', '部分月份为估算值', '已扣除外购电'],
	en: ['includes maintenance shutdown', 'new line on trial run', 'from online monitoring', 'one month estimated']
};
/** Share of the annual improvement rate reached in term quarters 1–4 (mean 1): later quarters improve more. */
const RAMP = [0.9, 0.97, 1.03, 1.1];
/** Attainment ranges of the three progress tiers (on track 60 %, at risk 25 %, behind 15 %). */
const TIERS: readonly [number, number][] = [
	[1.12, 1.4],
	[0.9, 1.0],
	[0.35, 0.7]
];
const ZH_UNIT: Record<string, string> = {
	t: '吨',
	kg: '千克',
	万t: '万吨',
	'm³': '立方米',
	'万m³': '万立方米',
	tce: '吨标准煤',
	tCO2e: '吨二氧化碳当量'
};
const isTonnes = (code: string) => indicatorByCode(code)?.unit === 't';

function jitter(rng: Rng, spread = 0.05): number {
	return 1 - spread + rng.next() * 2 * spread;
}

/** The annual improvement as a fraction of the baseline (8 % when the pilot set no usable target). */
function targetFraction(pi: RegistryPilotIndicator): number {
	if (pi.targetValue === null) return 0.08;
	if (pi.targetKind === 'percent') return pi.targetValue / 100;
	return pi.baseline ? pi.targetValue / pi.baseline : 0.08;
}

/** Cumulative shares after quarters 1–4 (random positive increments, reaching 1 at quarter 4). */
function shares(rng: Rng): number[] {
	const steps = [0, 1, 2, 3].map(() => 0.5 + rng.next());
	const total = steps.reduce((a, b) => a + b, 0);
	let sum = 0;
	return steps.map((s) => (sum += s) / total);
}

/** The rows of all four term quarters of one pilot (index 0–3), in canonical units. */
function planPilot(rng: Rng, firms: RegistryEnterprise[], inds: RegistryPilotIndicator[], attain: number): Row[][] {
	const n = firms.length;
	const raw = firms.map(() => 0.3 + rng.next() * 1.7);
	const rawSum = raw.reduce((a, b) => a + b, 0);
	const weights = raw.map((w) => (w * n) / rawSum);
	const quarters: Row[][] = [[], [], [], []];
	const pilotRow = (k: number, code: string, value: number) => quarters[k].push({ enterprise: '', code, value });
	for (const pi of inds) {
		const ind = indicatorByCode(pi.indicatorCode);
		if (!ind) continue;
		if (ind.kind === 'rate') {
			planRate(firms, pi, attain, quarters);
			continue;
		}
		const a = attain * jitter(rng);
		const code = ind.code;
		if (ind.kind === 'periodic' && ind.direction === 'lower') {
			if (pi.baseline === null || n === 0) continue;
			const f = targetFraction(pi);
			for (let k = 0; k < 4; k++) {
				const total = (pi.baseline / 4) * (1 - Math.min(0.9, f * a * RAMP[k] * jitter(rng)));
				const noisy = weights.map((w) => w * jitter(rng));
				const scale = total / noisy.reduce((x, y) => x + y, 0);
				firms.forEach((e, j) => quarters[k].push({ enterprise: e.code, code, value: noisy[j] * scale }));
			}
		} else if (code === 'benefit' && pi.targetValue !== null) {
			for (let k = 0; k < 4; k++) pilotRow(k, code, (pi.targetValue / 4) * a * RAMP[k] * jitter(rng));
		} else if (code === 'investment' && pi.targetValue !== null) {
			const s = shares(rng);
			for (let k = 0; k < 4; k++) pilotRow(k, code, pi.targetValue * Math.min(1.1, a) * s[k]);
		} else if (code === 'enterprises_covered' && n > 0) {
			const reach = rng.int(2, 4);
			for (let k = 0; k < 4; k++) pilotRow(k, code, Math.min(n, Math.ceil((n * (k + 1)) / reach)));
		} else if ((code === 'low_cost_options' || code === 'high_cost_options') && n > 0) {
			const target = pi.targetValue ?? n * (code === 'low_cost_options' ? 6 : 1);
			const s = shares(rng);
			for (let k = 0; k < 4; k++) pilotRow(k, code, Math.round(target * a * s[k]));
		} else if ((code === 'audit_cost' || code === 'audit_days') && pi.baseline !== null) {
			const end = pi.baseline * (0.4 + rng.next() * 0.3);
			const s = shares(rng);
			for (let k = 0; k < 4; k++) pilotRow(k, code, code === 'audit_days' ? Math.round(end * s[k]) : end * s[k]);
		}
	}
	return quarters;
}

/**
 * A rate per enterprise and quarter: the baseline level moved towards its target as far as the pilot's attainment
 * goes, with some spread between enterprises; drawn from a side sequence so that the other figures stay as they were.
 */
function planRate(firms: RegistryEnterprise[], pi: RegistryPilotIndicator, attain: number, quarters: Row[][]) {
	if (pi.baseline === null || pi.targetValue === null) return;
	const side = makeRng(seedOf(`${pi.pilotCode}/${pi.indicatorCode}/quarters`));
	for (let k = 0; k < 4; k++)
		for (const e of firms) {
			const level =
				pi.baseline + pi.targetValue * attain * ((k + 1) / 4) * (0.8 + side.next() * 0.4) + side.int(-30, 30) / 10;
			quarters[k].push({
				enterprise: e.code,
				code: pi.indicatorCode,
				value: Math.round(Math.min(99.5, Math.max(1, level)) * 10) / 10
			});
		}
}

/** Which label each indicator of a file is written in (canonical unless varied). */
function unitStyle(rng: Rng, rows: Row[], gbk: boolean): Map<string, string> {
	const codes = [...new Set(rows.map((r) => r.code))];
	const zhNames = gbk || rng.chance(0.25);
	const style = new Map(codes.map((c) => [c, indicatorByCode(c)?.unit ?? '']));
	const tonnes = codes.filter((c) => isTonnes(c) && rows.some((r) => r.code === c && r.enterprise !== ''));
	if (tonnes.length > 0 && rng.chance(0.2)) {
		// Large tonnages (the biggest indicator, half the time) go to 万t, small ones to kg.
		const medians = tonnes.map((c) => {
			const values = rows.filter((r) => r.code === c).map((r) => r.value);
			return values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
		});
		const biggest = medians.indexOf(Math.max(...medians));
		const k = medians[biggest] >= 300 && rng.chance(0.5) ? biggest : rng.int(0, tonnes.length - 1);
		style.set(tonnes[k], medians[k] >= 300 ? '万t' : 'kg');
	}
	if (style.has('electricity') && rng.chance(0.3)) style.set('electricity', rng.pick(['万kWh', 'kWh']));
	for (const water of ['freshwater', 'wastewater']) if (style.has(water) && rng.chance(0.25)) style.set(water, '万m³');
	for (const [code, unit] of style) {
		if (zhNames && ZH_UNIT[unit]) style.set(code, ZH_UNIT[unit]);
		else if (unit === 'kWh' || unit === '万kWh') style.set(code, zhNames ? unit.replace('kWh', '千瓦时') : unit);
	}
	return style;
}

/** The factor from `label` to the indicator's canonical unit (1 when the label is unknown). */
function factorOf(ind: Indicator, label: string): number {
	return toCanonical(ind, 1, label) ?? 1;
}

/** A number rounded to 4 significant figures, never in exponent notation. */
function formatValue(value: number): string {
	if (value === 0) return '0';
	const rounded = Number(value.toPrecision(4));
	const s = String(rounded);
	if (!s.includes('e')) return s;
	const digits = Math.min(20, Math.max(0, 3 - Math.floor(Math.log10(Math.abs(rounded)))));
	return rounded.toFixed(digits).replace(/\.?0+$/, '');
}

function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const ORDER = new Map(INDICATORS.map((ind, i) => [ind.code, i]));
function sortRows(rows: Row[]): Row[] {
	const key = (r: Row) => (r.enterprise === '' ? '~' : r.enterprise);
	const byKey = (a: Row, b: Row) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
	return [...rows].sort((a, b) => byKey(a, b) || (ORDER.get(a.code) ?? 0) - (ORDER.get(b.code) ?? 0));
}

/** The CSV text of one file, with its mistake (if any) written into one row. */
function renderCsv(rng: Rng, file: Pending, lang: Lang, gbk: boolean): string {
	const style = unitStyle(rng, file.rows, gbk);
	const roll = rng.next();
	const key = periodKey(file.period);
	const dashed = key.replace('Q', '-Q');
	const period = roll < 0.7 ? key : roll < 0.85 || lang === 'en' ? dashed : formatPeriod(file.period, 'zh');
	const lines = sortRows(file.rows).map((row) => {
		const ind = indicatorByCode(row.code) as Indicator;
		const unit = style.get(row.code) ?? ind.unit;
		const note = rng.chance(0.05) ? rng.pick(NOTES[lang]) : '';
		return { row, ind, value: row.value / factorOf(ind, unit), unit, note };
	});
	const target = (ok: (r: Row) => boolean) => rng.pick(lines.filter((l) => l.row.enterprise !== '' && ok(l.row)));
	if (file.mistake === 'kg-slip') {
		const line = target((r) => isTonnes(r.code));
		[line.value, line.unit] = [line.row.value * 1000, 't'];
	} else if (file.mistake === 'negative') {
		const line = target((r) => isTonnes(r.code));
		line.value = -line.value;
	} else if (file.mistake === 'bad-unit') {
		const line = target(() => true);
		line.unit = ['MWh', 'tce', 'm³', 't'].find((u) => toCanonical(line.ind, 1, u) === null) ?? 'MWh';
	}
	const eol = gbk || rng.chance(0.5) ? '\r\n' : '\n';
	const body = lines.map((l) =>
		[file.pilotCode, l.row.enterprise, period, l.row.code, formatValue(l.value), l.unit, l.note].map(csvField).join(',')
	);
	return [HEADERS[lang].join(','), ...body].join(eol) + eol;
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Marks `count` files (in shuffled order, each at most one mistake) that satisfy `ok`. */
function assignMistake(order: Pending[], mistake: DemoQuarterMistake, count: number, ok: (f: Pending) => boolean) {
	for (const file of order) {
		if (count === 0) return;
		if (file.mistake === null && ok(file)) {
			file.mistake = mistake;
			count--;
		}
	}
}

/**
 * The quarterly files the demo pilots have "sent" by `today` (ISO date): one per due term quarter of every
 * demo pilot in progress or evaluating, minus about 10 % never sent, with a few deliberate mistakes.
 */
export function demoQuarterFiles(data: RegistryDataset, today: string): DemoQuarterFile[] {
	const rng = makeRng(SEED);
	const pilots = data.pilots.filter(
		(p) => p.isDemo && (p.status === 'in_progress' || p.status === 'evaluating') && p.termStart !== null
	);
	const tierOf = new Map<string, readonly [number, number]>();
	rng.shuffle(pilots.map((p) => p.code)).forEach((code, i, all) => {
		const tier = i < Math.round(all.length * 0.6) ? 0 : i < Math.round(all.length * 0.85) ? 1 : 2;
		tierOf.set(code, TIERS[tier]);
	});

	const pairs: Pending[] = [];
	for (const pilot of pilots) {
		const firms = data.enterprises.filter((e) => e.pilotCode === pilot.code);
		const inds = data.indicators.filter((i) => i.pilotCode === pilot.code);
		const [lo, hi] = tierOf.get(pilot.code) ?? TIERS[0];
		const plan = planPilot(rng, firms, inds, lo + rng.next() * (hi - lo));
		termQuarters(pilot.termStart as string).forEach((period, k) => {
			const due = dueDate(period, 15);
			if (due <= today) pairs.push({ pilotCode: pilot.code, period, due, rows: plan[k], mistake: null });
		});
	}
	const missing = new Set(rng.shuffle(pairs).slice(0, Math.round(pairs.length * 0.1)));
	const files = pairs.filter((f) => !missing.has(f) && f.rows.length > 0);

	const order = rng.shuffle(files);
	const hasTonnes = (f: Pending) => f.rows.some((r) => r.enterprise !== '' && isTonnes(r.code));
	assignMistake(order, 'negative', 1, hasTonnes);
	assignMistake(order, 'bad-unit', rng.int(1, 2), (f) => f.rows.some((r) => r.enterprise !== ''));
	assignMistake(order, 'kg-slip', rng.int(2, 3), hasTonnes);
	assignMistake(order, 'late', rng.int(4, 6), (f) => daysBetween(f.due, today) >= 5);
	assignMistake(order, 'gbk', rng.int(3, 4), () => true);

	const gbkCount = files.filter((f) => f.mistake === 'gbk').length;
	const zhOthers = new Set(
		rng.shuffle(files.filter((f) => f.mistake !== 'gbk')).slice(0, Math.round(files.length / 2) - gbkCount)
	);
	return files.map((file): DemoQuarterFile => {
		const gbk = file.mistake === 'gbk';
		const lang: Lang = gbk || zhOthers.has(file) ? 'zh' : 'en';
		const text = renderCsv(rng, file, lang, gbk);
		const late = Math.min(rng.int(5, 40), daysBetween(file.due, today));
		const key = periodKey(file.period);
		return {
			pilotCode: file.pilotCode,
			period: key,
			fileName: `${file.pilotCode}_${key}.csv`,
			bytes: gbk ? encodeGb18030(text) : new TextEncoder().encode(`\uFEFF${text}`),
			encoding: gbk ? 'gb18030' : 'utf-8',
			submittedOn: file.mistake === 'late' ? addDays(file.due, late) : addDays(periodEnd(file.period), rng.int(0, 14)),
			mistake: file.mistake
		};
	});
}
