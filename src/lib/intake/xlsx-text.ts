/**
 * The words of the .xlsx intake and template on the upload and pilot pages, both languages side by side (kept beside
 * the feature rather than in the app-wide catalogue); `{name}` placeholders are filled by say().
 */
// Repeated blocks here are data of one shape (bilingual pairs), not logic to share.
import type { Bilingual } from '../domain/taxonomy';

export const XLSX_TEXT = {
	accepted: {
		zh: '也可以直接上传 Excel 工作簿（.xlsx，Excel 或 WPS 保存）：读取第一张可见的工作表，或按名称指定的工作表。',
		en: 'An Excel workbook (.xlsx, saved by Excel or WPS) can be uploaded as it is: its first visible sheet is read, or a sheet named below.'
	},
	workbook: {
		zh: 'Excel 工作簿：在服务器上读取和检查，不在浏览器中预览。',
		en: 'Excel workbook: read and checked on the server, not previewed in the browser.'
	},
	sheet: { zh: '工作表名称', en: 'Sheet name' },
	sheetHint: { zh: '留空则读取第一张可见的工作表', en: 'Empty: the first visible sheet' },
	rules: {
		zh: '行号与工作表中看到的一致（第 1 行为表头）。公式按文件中保存的计算结果读取并注明；没有计算结果的公式、合并单元格会被拒绝；数字按 Excel 显示的有效数字（15 位）读取，日期读作 YYYY-MM-DD。',
		en: 'Row numbers are those the sheet shows (row 1 is the header). Formulas are read as the calculated values the file keeps, and said; a formula without one and merged cells are refused; numbers are read to the 15 significant digits Excel shows, dates as YYYY-MM-DD.'
	},
	facts: { zh: '{rows} 行 · Excel 工作表“{sheet}”', en: '{rows} rows · Excel sheet "{sheet}"' },
	templateCsv: { zh: 'CSV', en: 'CSV' },
	templateXlsx: { zh: 'Excel', en: 'Excel' }
} as const satisfies Record<string, Bilingual>;
