/**
 * The intake's problem catalogue: every refusal and warning has a stable code and a message in
 * Chinese and English, filled with the facts of the row.
 */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.
import type { Problem } from '../../csv/problems';

type Template = { severity: 'error' | 'warning'; zh: string; en: string };

export const PROBLEMS = {
	E_FILE_EMPTY: { severity: 'error', zh: '文件为空或没有数据行', en: 'The file is empty or has no data rows' },
	E_FILE_TOO_LARGE: { severity: 'error', zh: '文件超过 {limit} MB 上限', en: 'The file exceeds the {limit} MB limit' },
	E_FILE_MEMORY: {
		severity: 'error',
		zh: '处理此文件所需内存超过 {limit} MB 上限，未写入任何内容；请拆分文件后重试',
		en: 'Reading this file needs more than the {limit} MB memory limit; nothing was written — split the file and try again'
	},
	E_CANCELLED: {
		severity: 'error',
		zh: '导入已在写入前取消，未写入任何内容',
		en: 'The import was cancelled before writing; nothing was written'
	},
	E_ENCODING: {
		severity: 'error',
		zh: '第 {row} 行含有既非 UTF-8 也非 GB18030 的字节，请以 UTF-8 或 GB18030 另存后重试',
		en: 'Row {row} holds bytes that are neither UTF-8 nor GB18030; save the file as UTF-8 or GB18030 and try again'
	},
	E_XLS_LEGACY: {
		severity: 'error',
		zh: '这是旧版 Excel 97–2003 工作簿（.xls），无法读取；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后重试',
		en: 'This is an old Excel 97–2003 workbook (.xls), which cannot be read; save it as .xlsx or CSV in Excel or WPS and try again'
	},
	E_ZIP_NOT_WORKBOOK: {
		severity: 'error',
		zh: '这是 ZIP 压缩文件，但不是 Excel 工作簿（其中没有 xl/workbook.xml）；请上传 .xlsx 或 CSV 文件',
		en: 'This is a ZIP archive but not an Excel workbook (it holds no xl/workbook.xml); upload an .xlsx or CSV file'
	},
	E_XLSX_UNREADABLE: {
		severity: 'error',
		zh: '无法读取此 Excel 工作簿（{reason}），文件可能已损坏或加密；请在 Excel 或 WPS 中打开并另存为 .xlsx 后重试',
		en: 'This Excel workbook cannot be read ({reason}); it may be damaged or encrypted — open it in Excel or WPS, save it as .xlsx and try again'
	},
	E_SHEET_UNKNOWN: {
		severity: 'error',
		zh: '工作簿中没有名为“{sheet}”的工作表；现有工作表：{sheets}',
		en: 'The workbook has no sheet named "{sheet}"; its sheets are: {sheets}'
	},
	E_MERGED_CELL: {
		severity: 'error',
		zh: '合并单元格 {range}（第 {rows} 行，列 {columns}）：合并后只有左上角单元格有值，其余行会被读成空值；请取消合并并在每一行填写完整后重试',
		en: 'Merged cells {range} (rows {rows}, column {columns}): only the top-left cell of a merge holds a value, so the other rows would read as empty; unmerge them, fill in every row and try again'
	},
	E_FORMULA_NO_VALUE: {
		severity: 'error',
		zh: '此单元格是公式（={formula}），但文件中没有保存计算结果（由程序生成、未经 Excel 计算）；请在 Excel 或 WPS 中打开并保存后重试，或直接填写数值',
		en: 'This cell holds a formula (={formula}) but the file keeps no calculated value for it (written by a program, never calculated); open and save it in Excel or WPS, or type the value'
	},
	E_PERIOD_DATE: {
		severity: 'error',
		zh: '报告期单元格是日期（{date}），不是季度；请写作季度，如 {quarter}（日期可能是季度末或报送日，不作猜测）',
		en: 'The period cell is a date ({date}), not a quarter; write the quarter, e.g. {quarter} (a date may be the quarter’s end or the day of reporting: it is not guessed)'
	},
	E_VALUE_DATE: {
		severity: 'error',
		zh: '数值单元格设成了日期格式（显示为 {date}）；请将单元格格式改为“常规”或“数值”后重试',
		en: 'The value cell is formatted as a date (shown as {date}); format it as General or Number and try again'
	},
	E_QUOTE: { severity: 'error', zh: '第 {row} 行的引号没有闭合', en: 'Row {row} has a quote that is never closed' },
	E_FIELD_COUNT: {
		severity: 'error',
		zh: '第 {row} 行有 {found} 个字段，表头有 {expected} 列（未加引号的逗号？含逗号的备注请用英文双引号括起）',
		en: 'Row {row} has {found} fields where the header has {expected} (an unquoted comma? put a note holding commas in double quotes)'
	},
	E_CONTROL_CHAR: {
		severity: 'error',
		zh: '含有不可见的控制字符 U+{hex}（{nameZh}），在第 {position} 个字符处，请删除后重试',
		en: 'Holds the invisible control character U+{hex} ({nameEn}) at character {position}; remove it and try again'
	},
	E_FIELD_TOO_LONG: {
		severity: 'error',
		zh: '内容长 {length} 个字符，超过 {limit} 个字符的上限',
		en: 'The text is {length} characters long, over the limit of {limit}'
	},
	E_COLUMN_MISSING: { severity: 'error', zh: '缺少必需的列“{name}”', en: 'Missing required column "{name}"' },
	E_COLUMN_DUPLICATE: { severity: 'error', zh: '列“{name}”重复出现', en: 'Column "{name}" appears twice' },
	W_COLUMN_UNKNOWN: { severity: 'warning', zh: '未知的列“{name}”，已忽略', en: 'Unknown column "{name}" ignored' },
	E_CODE_CHARS: {
		severity: 'error',
		zh: '编号只能由字母、数字、点、下划线和连字符组成；第 {position} 个字符 U+{hex}（{nameZh}）不允许',
		en: 'A code may hold only letters, digits, dots, underscores and hyphens; character {position}, U+{hex} ({nameEn}), is not allowed'
	},
	E_REQUIRED: { severity: 'error', zh: '必填项为空', en: 'Required value is empty' },
	E_PILOT_UNKNOWN: { severity: 'error', zh: '登记册中没有此试点', en: 'No such pilot in the registry' },
	E_PILOT_FORBIDDEN: {
		severity: 'error',
		zh: '您无权为此试点报送数据',
		en: 'You may not report for this pilot'
	},
	E_PILOT_NO_TERM: {
		severity: 'error',
		zh: '此试点的实施期未知，无法确定报告期',
		en: 'This pilot has no known term, so no period can be reported'
	},
	E_ENTERPRISE_UNKNOWN: {
		severity: 'error',
		zh: '企业编号不属于试点 {pilot}',
		en: 'This enterprise code does not belong to pilot {pilot}'
	},
	E_INDICATOR_UNKNOWN: { severity: 'error', zh: '指标目录中没有此指标', en: 'No such indicator in the catalogue' },
	E_PERIOD_FORMAT: {
		severity: 'error',
		zh: '报告期格式应为 2024Q1、2024-Q1 或 2024年第一季度',
		en: 'A period is written 2024Q1, 2024-Q1 or 2024年第一季度'
	},
	E_PERIOD_OUTSIDE_TERM: {
		severity: 'error',
		zh: '报告期不在试点实施期内；允许的报告期：{allowed}',
		en: 'The period is outside the pilot’s term; allowed periods: {allowed}'
	},
	E_PERIOD_LOCKED: {
		severity: 'error',
		zh: '报告期 {period} 已由 {by} 于 {date} 审核通过并锁定；如需修改，请联系管理员重新开放',
		en: 'Period {period} was approved and locked by {by} on {date}; ask an administrator to reopen it'
	},
	E_PERIOD_NOT_ENDED: {
		severity: 'error',
		zh: '报告期 {period} 尚未结束（最后一天为 {end}），结束后才能报送；如需报送临时数据，请管理员开放该季度',
		en: 'Period {period} has not ended yet (its last day is {end}); report it after that, or ask an administrator to open it for provisional data'
	},
	E_PERIOD_NOT_BEGUN: {
		severity: 'error',
		zh: '报告期尚未开始（{start} 开始）',
		en: 'The period has not begun yet (it starts {start})'
	},
	E_VALUE_EMPTY: { severity: 'error', zh: '数值为空', en: 'The value is empty' },
	E_VALUE_NOT_NUMBER: {
		severity: 'error',
		zh: '不是数字（数值和单位请分列填写，如“12”与“吨”）',
		en: 'Not a number (put the unit in its own column, e.g. "12" and "t")'
	},
	E_VALUE_PERCENT: {
		severity: 'error',
		zh: '此指标不以百分比计量，不能填写百分数',
		en: 'This indicator is not measured in %, so a percentage is not accepted'
	},
	E_VALUE_NEGATIVE: { severity: 'error', zh: '此指标的数值不能为负', en: 'This indicator cannot be negative' },
	E_VALUE_NOT_INTEGER: {
		severity: 'error',
		zh: '此指标是计数（{unit}），只能填写整数',
		en: 'This indicator is a count ({unit}): only whole numbers are accepted'
	},
	E_RATE_RANGE: {
		severity: 'error',
		zh: '比率应在 {min}–{max}（%）之间',
		en: 'A rate must lie between {min} and {max} (%)'
	},
	E_UNIT: {
		severity: 'error',
		zh: '单位“{unit}”不适用于该指标（可用：{allowed}）',
		en: 'Unit "{unit}" is not accepted for this indicator (use: {allowed})'
	},
	E_DUPLICATE: {
		severity: 'error',
		zh: '同一试点、企业、报告期和指标在第 {rows} 行重复出现',
		en: 'The same pilot, enterprise, period and indicator appear on rows {rows}'
	},
	W_UNIT_SLIP: {
		severity: 'warning',
		zh: '数值约为以往或基准的 {ratio} 倍，可能是单位错误（如千克与吨）',
		en: 'The value is about {ratio} times its history or baseline: a probable unit slip (e.g. kg for t)'
	}
} as const satisfies Record<string, Template>;

export type ProblemCode = keyof typeof PROBLEMS;

function fill(text: string, params: Record<string, string | number>): string {
	return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** A problem of the catalogue at a place in the file. */
export function problem(
	code: ProblemCode,
	where: { row: number | null; column?: string | null; value?: string | null },
	params: Record<string, string | number> = {}
): Problem {
	const t: Template = PROBLEMS[code];
	return {
		row: where.row,
		column: where.column ?? null,
		value: where.value ?? null,
		zh: fill(t.zh, { row: where.row ?? '', ...params }),
		en: fill(t.en, { row: where.row ?? '', ...params }),
		severity: t.severity,
		code
	};
}
