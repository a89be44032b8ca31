/** `npm run cli -- import FILE [--sheet NAME] [--dry-run] [--json] [--as USERNAME]`: the intake from the command line. */
import { basename } from 'node:path';
import type { Db } from '../src/lib/server/db';
import { importIndicators, type IntakeSummary } from '../src/lib/server/intake';
import * as users from '../src/lib/server/auth/users';
import type { Role } from '../src/lib/server/auth';
import { problemLines } from './cli-format';
import { fileUpload } from '../src/lib/server/intake/store';
import { progressLine } from '../src/lib/intake/progress-text';
import { estimateMs, paced, type ServerPhase } from '../src/lib/intake/progress';

/** Runs one import as the named user; returns the exit code (0 accepted, 1 refused). */
export async function importCommand(
	db: Db,
	file: string,
	options: { dryRun: boolean; json: boolean; as: string; sheet?: string | null }
): Promise<number> {
	const account = users.findByUsername(db, options.as);
	if (!account || account.isDisabled) {
		console.error(`没有可用的用户 ${options.as} / No usable user ${options.as}`);
		return 2;
	}
	const user = {
		id: account.id,
		username: account.username,
		displayName: account.displayName,
		role: account.role as Role,
		provinceCode: account.provinceCode
	};
	// read piece by piece, never whole; on a terminal a progress line shows each phase (Ctrl-C before the write: nothing written)
	const summary = await importIndicators(db, fileUpload(file), {
		user,
		dryRun: options.dryRun,
		fileName: basename(file),
		channel: 'cli',
		sheet: options.sheet ?? null,
		onProgress: process.stderr.isTTY && !options.json ? terminalProgress() : undefined
	});
	if (process.stderr.isTTY && !options.json) process.stderr.write('\r\x1b[K');
	console.log(options.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
	return summary.errorCount > 0 ? 1 : 0;
}

/** A progress line rewritten in place on the terminal, at most ten times a second. */
function terminalProgress() {
	return paced<ServerPhase>((phase, done, total, rows, elapsedMs) => {
		const etaMs = estimateMs(done, total, elapsedMs);
		process.stderr.write(`\r\x1b[K${progressLine({ phase, done, total, rows, elapsedMs, etaMs })}`);
	});
}

/** A workbook's sheet, or a CSV file's encoding and delimiter. */
function fileFacts(s: IntakeSummary): string {
	if (s.encoding === 'xlsx') return `Excel, sheet ${s.sheet === null ? '?' : JSON.stringify(s.sheet)}`;
	return `${s.encoding ?? '?'}, delimiter ${JSON.stringify(s.delimiter ?? '?')}`;
}

/** An intake summary as plain text: the verdict, the counts, then one line per group of problems (zh / en). */
export function formatSummary(s: IntakeSummary): string {
	const c = s.counts;
	const lines = [
		`${s.fileName}: ${s.rows} rows, ${fileFacts(s)}, sha256 ${s.sha256.slice(0, 12)}…`,
		s.errorCount
			? `拒绝导入：${s.errorCount} 个错误，未写入任何内容 / Refused: ${s.errorCount} errors, nothing written`
			: s.isIdentical
				? '与已存数据相同，未作更改 / Identical to what is stored: nothing changed'
				: s.isWritten
					? `已导入，上传编号 ${s.uploadId} / Imported as upload ${s.uploadId}`
					: '检查通过（未写入）/ Check passed (nothing written)',
		`new ${c.new} · changed ${c.changed} · unchanged ${c.unchanged} · removed ${c.removed} · refused rows ${c.refused} · warnings ${s.warningCount}`
	];
	for (const n of s.notices) lines.push(`  [notice ${n.code}] ${n.zh} / ${n.en}`);
	for (const r of s.revisions)
		lines.push(`  revision ${r.pilotCode} ${r.period}${r.number ? ` #${r.number}` : ' (would be new)'}`);
	lines.push(...problemLines(s.problems));
	if (s.errorCount + s.warningCount > s.problems.length)
		lines.push(`  … ${s.errorCount + s.warningCount - s.problems.length} more`);
	return lines.join('\n');
}
