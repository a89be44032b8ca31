/**
 * Problem lists grouped for people: the same kind of problem with the same message in the same column, over many
 * rows, is one line with its row ranges. The API's JSON keeps every problem; this is for the page, the CLI and the
 * downloadable report.
 */
import type { Problem } from './problems';
import { rowRanges } from './ranges';

/** Distinct values a group names before it only counts the others. */
const MAX_VALUES = 3;

export type ProblemGroup = {
	code: string | null;
	column: string | null;
	severity: Problem['severity'];
	zh: string;
	en: string;
	/** The distinct rows, ascending; empty for a problem about the whole file. */
	rows: number[];
	/** The rows as ranges ("2–193, 200"), shortened with "…" past a dozen ranges; '' for the whole file. */
	ranges: string;
	/** How many problems the group stands for. */
	count: number;
	/** The first few distinct non-empty values, in row order. */
	values: string[];
	/** Distinct values beyond `values`. */
	otherValues: number;
	/** Each problem's row and value, in row order, for a list that shows them one by one. */
	items: { row: number | null; value: string | null }[];
};

type Draft = { group: ProblemGroup; seen: Set<string> };

function keyOf(p: Problem): string {
	return JSON.stringify([p.code ?? null, p.severity, p.column, p.zh, p.en]);
}

function open(p: Problem): ProblemGroup {
	return {
		code: p.code ?? null,
		column: p.column,
		severity: p.severity,
		zh: p.zh,
		en: p.en,
		rows: [],
		ranges: '',
		count: 0,
		values: [],
		otherValues: 0,
		items: []
	};
}

/**
 * Groups problems by their code (or, without one, their severity), column and message in both languages. Groups
 * come in order of their first row, a problem about the whole file (no row) first and always on its own; rows and
 * items are in row order, and the counts add up to the number of problems given.
 */
export function groupProblems(problems: readonly Problem[]): ProblemGroup[] {
	const byKey = new Map<string, Draft>();
	const drafts: Draft[] = [];
	for (const p of [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0))) {
		const key = keyOf(p);
		let draft = p.row === null ? undefined : byKey.get(key);
		if (!draft) {
			draft = { group: open(p), seen: new Set() };
			drafts.push(draft);
			if (p.row !== null) byKey.set(key, draft);
		}
		const g = draft.group;
		g.count++;
		g.items.push({ row: p.row, value: p.value });
		if (p.row !== null && g.rows[g.rows.length - 1] !== p.row) g.rows.push(p.row);
		if (p.value && !draft.seen.has(p.value)) {
			draft.seen.add(p.value);
			if (g.values.length < MAX_VALUES) g.values.push(p.value);
			else g.otherValues++;
		}
	}
	return drafts.map(({ group }) => ({ ...group, ranges: rowRanges(group.rows) }));
}
