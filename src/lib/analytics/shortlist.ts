/** The replicable-case shortlist's view settings and its CSV, shared by the page and the export. */
import { toCsv } from '../csv/write';
import { labels } from '../i18n/labels';
import { translator, type Locale } from '../i18n';
import { SCORE_PARTS, type PartResult, type PeerRank, type ScorePart } from '../domain/score';
import type { PilotRow } from '../domain/analytics';

export const SHORTLIST_SORTS = ['score', ...SCORE_PARTS] as const;
export type ShortlistSort = (typeof SHORTLIST_SORTS)[number];
export type ShortlistView = { sort: ShortlistSort; isAll: boolean };
/** What the shortlist shows of a pilot (the page's data stays small at national scale). */
export type ShortlistPilot = Pick<PilotRow, 'code' | 'nameZh' | 'nameEn' | 'provinceCode' | 'industries'>;
export type ShortlistRow = {
	pilot: ShortlistPilot;
	score: number;
	isCandidate: boolean;
	parts: PartResult[];
	rank: PeerRank;
};

/** `sort` (the score or one part, best first) and `all=1` (every scored pilot, not just the candidates). */
export function shortlistView(params: URLSearchParams): ShortlistView {
	const sort = params.get('sort');
	return {
		sort: (SHORTLIST_SORTS as readonly string[]).includes(sort ?? '') ? (sort as ShortlistSort) : 'score',
		isAll: params.get('all') === '1'
	};
}

/** The points a row earns for the sort key (the score itself, or one part's points). */
export function pointsFor(row: ShortlistRow, sort: ShortlistSort): number {
	return sort === 'score' ? row.score : (row.parts.find((p) => p.part === sort)?.points ?? 0);
}

/** The rows in the view: candidates only unless `isAll`, best first by the sort key, then by score and code. */
export function arrange(rows: ShortlistRow[], view: ShortlistView): ShortlistRow[] {
	return rows
		.filter((r) => view.isAll || r.isCandidate)
		.sort(
			(a, b) =>
				pointsFor(b, view.sort) - pointsFor(a, view.sort) ||
				b.score - a.score ||
				a.pilot.code.localeCompare(b.pilot.code)
		);
}

/** The shortlist as CSV (BOM, formula-safe): pilot, place, score, each part's value, points and figure, peer ranks. */
export function shortlistCsv(rows: ShortlistRow[], locale: Locale): string {
	const table = shortlistTable(rows, locale);
	return toCsv(table.fields, table.rows);
}

/** The shortlist as a table: its fields and one row per pilot, every score part (for the CSV and the workbook). */
export function shortlistTable(rows: ShortlistRow[], locale: Locale) {
	const t = translator(locale);
	const partLabel = (p: ScorePart) => t(`score.part.${p}`);
	const fields = [
		t('col.code'),
		t('col.name'),
		t('col.province'),
		t('col.industries'),
		t('score.total'),
		t('dash.candidates'),
		t('score.rank'),
		...SCORE_PARTS.flatMap((p) => [`${partLabel(p)} ${t('score.points')}`, `${partLabel(p)} ${t('score.figure')}`]),
		`${partLabel('costEffectiveness')} ${t('score.peerRank')}`
	];
	const data = rows.map((r) => {
		const part = (p: ScorePart) => r.parts.find((x) => x.part === p);
		const cost = part('costEffectiveness')?.peer;
		return [
			r.pilot.code,
			locale === 'en' && r.pilot.nameEn ? r.pilot.nameEn : r.pilot.nameZh,
			labels.province(locale, r.pilot.provinceCode),
			r.pilot.industries.map((i) => labels.industry(locale, i)).join('; '),
			r.score,
			r.isCandidate ? '★' : '',
			`${r.rank.rank}/${r.rank.size}`,
			...SCORE_PARTS.flatMap((p) => [part(p)?.points ?? 0, part(p)?.figure ?? null]),
			cost ? `${cost.rank}/${cost.size} (${t(`score.peer.${cost.group}`)})` : ''
		];
	});
	return { fields, rows: data };
}
