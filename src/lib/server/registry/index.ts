/**
 * The registry import pipeline, shared by the admin page and the CLI: bytes → decode → detect the
 * file's kind → read and check every row → either a report of problems (nothing written) or one
 * transaction that writes the records and audits the import.
 */
import { createHash } from 'node:crypto';
import Papa from 'papaparse';
import type { Db } from '../db';
import { batches, pilots } from '../db/schema';
import { record, type Actor } from '../audit/audit';
import { decode } from '../csv/decode';
import { fileError, type Problem } from '../../csv/problems';
import { guessDelimiter } from '../csv/table';
import { detectKind, type RegistryKind } from './columns';
import { readRegistry, type RegistryContext } from './read';
import { writeEnterprises, writeIndicators, writePilots, type WriteCounts } from './write';

export { exportCsv } from './export';
export type { RegistryKind } from './columns';

export type ImportOutcome = {
	kind: RegistryKind | null;
	encoding: string | null;
	rows: number;
	problems: Problem[];
	/** True only when the records were written (valid and not a dry run). */
	isWritten: boolean;
	counts: WriteCounts;
	sha256: string;
};

function context(db: Db): RegistryContext {
	return {
		batches: new Map(
			db
				.select()
				.from(batches)
				.all()
				.map((b) => [b.number, { termMonths: b.termMonths }])
		),
		pilotCodes: new Set(
			db
				.select({ code: pilots.code })
				.from(pilots)
				.all()
				.map((p) => p.code)
		)
	};
}

/** Imports one registry CSV (pilots, enterprises or baselines/targets, told apart by its headers). */
export function importFile(
	db: Db,
	bytes: Uint8Array,
	options: { dryRun: boolean; actor: Actor; fileName?: string }
): ImportOutcome {
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const base = { kind: null, encoding: null, rows: 0, isWritten: false, counts: { created: 0, updated: 0 }, sha256 };
	const decoded = decode(bytes);
	if ('severity' in decoded) return { ...base, problems: [decoded] };
	const header =
		Papa.parse<string[]>(decoded.text.replace(/^\uFEFF/, ''), { preview: 1, delimiter: guessDelimiter(decoded.text) })
			.data[0] ?? [];
	const kind = detectKind(header);
	if (!kind) {
		return {
			...base,
			encoding: decoded.encoding,
			problems: [
				fileError(
					'无法识别的登记册文件：表头须含“试点编号”和“批次”（试点）、“企业编号”（企业）或“指标代码”（基准与目标）',
					'Not a registry file: the header needs pilot_code and batch (pilots), enterprise_code (enterprises) or indicator_code (baselines and targets)'
				)
			]
		};
	}
	const { result, problems } = readRegistry(decoded.text, kind, context(db));
	const rows = result.records.length;
	const outcome = { ...base, kind, encoding: decoded.encoding, rows, problems };
	if (problems.some((p) => p.severity === 'error') || options.dryRun) return outcome;
	const counts = db.transaction((tx) => {
		const c =
			result.kind === 'pilots'
				? writePilots(tx, result.records, options.actor)
				: result.kind === 'enterprises'
					? writeEnterprises(tx, result.records)
					: writeIndicators(tx, result.records);
		record(tx, options.actor, {
			action: 'registry.import',
			entity: 'registry',
			entityId: kind,
			after: { file: options.fileName ?? null, sha256, rows, ...c }
		});
		return c;
	});
	return { ...outcome, isWritten: true, counts };
}
