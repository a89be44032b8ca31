/** One CSV row being read: cell access and problem reporting with the row and column as the file names them. */
import { cellError, type Problem } from '../../csv/problems';
import { columnName, type Table, type TableRow } from '../csv/table';
import type { Read } from './cells';

export type RegistryContext = {
	batches: Map<number, { termMonths: number }>;
	/** Codes of the pilots already in the registry. */
	pilotCodes: Set<string>;
};

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export class RowReader {
	constructor(
		private table: Table,
		private row: TableRow,
		private problems: Problem[]
	) {}
	cell(key: string): string {
		return this.row.cells[key] ?? '';
	}
	take<T>(key: string, read: Read<T>): T | undefined {
		if (read.ok) return read.value;
		this.fail(key, read.why.zh, read.why.en);
		return undefined;
	}
	fail(key: string, zh: string, en: string): void {
		this.problems.push(cellError(this.row.row, columnName(this.table, key), this.cell(key), zh, en));
	}
	required(key: string): string | undefined {
		const v = this.cell(key);
		if (v === '') this.fail(key, '必填项为空', 'Required value is empty');
		return v === '' ? undefined : v;
	}
	code(key: string): string | undefined {
		const v = this.required(key);
		if (v !== undefined && !CODE.test(v))
			this.fail(
				key,
				'编号只能含字母、数字、点、下划线和连字符（最多 32 位）',
				'A code is letters, digits, dots, underscores and hyphens (32 at most)'
			);
		return v !== undefined && CODE.test(v) ? v : undefined;
	}
	knownPilot(ctx: RegistryContext): string | undefined {
		const code = this.code('pilot_code');
		if (code !== undefined && !ctx.pilotCodes.has(code)) {
			this.fail(
				'pilot_code',
				'登记册中没有此试点，请先导入试点',
				'No such pilot in the registry; import the pilot first'
			);
			return undefined;
		}
		return code;
	}
}

/** Reports every row whose key repeats an earlier row's. */
export function duplicates(
	problems: Problem[],
	table: Table,
	rows: { row: number; key: string }[],
	column: string
): void {
	const seen = new Map<string, number>();
	for (const { row, key } of rows) {
		const first = seen.get(key);
		if (first !== undefined)
			problems.push(cellError(row, columnName(table, column), key, `与第 ${first} 行重复`, `Duplicates row ${first}`));
		else seen.set(key, row);
	}
}
