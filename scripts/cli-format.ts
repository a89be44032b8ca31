import type { ImportOutcome } from '../src/lib/server/registry';

/** A registry import outcome as plain text, one problem per line, Chinese then English. */
export function formatProblems(o: ImportOutcome): string {
	const lines: string[] = [];
	const errors = o.problems.filter((p) => p.severity === 'error').length;
	if (errors) lines.push(`拒绝导入：${errors} 个错误，未写入任何内容 / Refused: ${errors} errors, nothing written`);
	else if (o.isWritten)
		lines.push(
			`已导入 ${o.kind}：新增 ${o.counts.created}，更新 ${o.counts.updated} / Imported ${o.kind}: ${o.counts.created} created, ${o.counts.updated} updated`
		);
	else lines.push(`检查通过：${o.rows} 行（未写入） / Check passed: ${o.rows} rows (nothing written)`);
	for (const p of o.problems) {
		const where = p.row === null ? 'file' : `row ${p.row}${p.column ? `, ${p.column}` : ''}`;
		lines.push(`  [${p.severity}] ${where}${p.value ? ` “${p.value}”` : ''}: ${p.zh} / ${p.en}`);
	}
	return lines.join('\n');
}
