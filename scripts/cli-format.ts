import type { ImportOutcome } from '../src/lib/server/registry';
import type { Problem } from '../src/lib/csv/problems';
import { groupProblems } from '../src/lib/csv/group';

/**
 * Problems as plain-text lines, one per group (same code, column and message), Chinese then English:
 * `[error E_PERIOD_LOCKED] rows 2–193 (192), 报告期 “2025Q4”: … / …`; a single row reads `row 7, …`, a problem
 * about the whole file `file: …`. The `--json` output keeps every problem.
 */
export function problemLines(problems: readonly Problem[]): string[] {
	return groupProblems(problems).map((g) => {
		const where = !g.rows.length
			? 'file'
			: `${g.count > 1 ? `rows ${g.ranges} (${g.count})` : `row ${g.ranges}`}${g.column ? `, ${g.column}` : ''}`;
		const values = g.values.map((v) => `“${v}”`).join(', ') + (g.otherValues ? ` … (+${g.otherValues})` : '');
		return `  [${g.severity}${g.code ? ` ${g.code}` : ''}] ${where}${values ? ` ${values}` : ''}: ${g.zh} / ${g.en}`;
	});
}

/** A registry import outcome as plain text: the verdict, then one line per group of problems, Chinese then English. */
export function formatProblems(o: ImportOutcome): string {
	const lines: string[] = [];
	const errors = o.problems.filter((p) => p.severity === 'error').length;
	if (errors) lines.push(`拒绝导入：${errors} 个错误，未写入任何内容 / Refused: ${errors} errors, nothing written`);
	else if (o.isWritten)
		lines.push(
			`已导入 ${o.kind}：新增 ${o.counts.created}，更新 ${o.counts.updated} / Imported ${o.kind}: ${o.counts.created} created, ${o.counts.updated} updated`
		);
	else lines.push(`检查通过：${o.rows} 行（未写入） / Check passed: ${o.rows} rows (nothing written)`);
	lines.push(...problemLines(o.problems));
	return lines.join('\n');
}
