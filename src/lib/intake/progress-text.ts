/** Words of an import's progress (zh first, en beside it): the upload page's phases and the CLI's progress line. */
// Repeated blocks here are data of one shape (bilingual pairs, catalogue or column entries), not logic to share.
import { say, speaker } from '../i18n/bilingual';
import { fractionOf, type IntakePhase, type IntakeProgress } from './progress';

export const PROGRESS_TEXT = {
	title: { zh: '处理进度', en: 'Progress' },
	receive: { zh: '上传', en: 'Uploading' },
	queue: { zh: '排队', en: 'Waiting in line' },
	parse: { zh: '读取并逐行检查', en: 'Reading and checking rows' },
	check: { zh: '查重并与已存数据比对', en: 'Duplicates and comparison with stored values' },
	write: { zh: '写入', en: 'Writing' },
	done: { zh: '完成', en: 'Done' },
	waiting: { zh: '未开始', en: 'Not started' },
	finished: { zh: '已完成', en: 'Finished' },
	place: { zh: '前面还有 {n} 个文件', en: '{n} files ahead' },
	rows: { zh: '{n} 行', en: '{n} rows' },
	left: { zh: '约剩 {t}', en: '~{t} left' },
	seconds: { zh: '{n} 秒', en: '{n} s' },
	minutes: { zh: '{n} 分钟', en: '{n} min' },
	cancel: { zh: '取消导入', en: 'Cancel the import' },
	cancelling: { zh: '正在取消…', en: 'Cancelling…' },
	tooLate: { zh: '已开始写入，无法取消', en: 'Writing has begun: it can no longer be cancelled' }
} as const;

export type ProgressKey = keyof typeof PROGRESS_TEXT;

/** A duration to come, rounded: seconds under two minutes, else minutes. */
export function durationText(locale: 'zh' | 'en', ms: number): string {
	const m = speaker(PROGRESS_TEXT, locale);
	const s = Math.max(1, Math.round(ms / 1000));
	return s < 120 ? m('seconds', { n: s }) : m('minutes', { n: Math.round(s / 60) });
}

/** The name of a phase. */
export function phaseName(locale: 'zh' | 'en', phase: IntakePhase): string {
	return say(locale, PROGRESS_TEXT[phase]);
}

/** One line for a terminal, both languages: `读取并逐行检查 / Reading and checking rows  45% · 450,000 rows · ~3 s left`. */
export function progressLine(
	p: Pick<IntakeProgress, 'phase' | 'done' | 'total' | 'rows' | 'etaMs'> & { elapsedMs: number }
): string {
	const pct = Math.floor(fractionOf(p) * 100);
	const parts = [
		`${phaseName('zh', p.phase)} / ${phaseName('en', p.phase)}`.padEnd(44),
		`${String(pct).padStart(3)}%`,
		`${p.rows.toLocaleString('en-US')} rows`
	];
	if (p.etaMs !== null) parts.push(say('en', PROGRESS_TEXT.left, { t: durationText('en', p.etaMs) }));
	return parts.join(' · ');
}
