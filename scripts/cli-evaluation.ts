/**
 * `npm run cli -- evaluation publish BATCH --ref REF --date YYYY-MM-DD` and
 * `npm run cli -- credits export [--province CODE] [--out FILE]`: the published lists and deemed-audit credits from
 * the command line, on the same server modules as the app.
 */
import { writeFileSync } from 'node:fs';
import type { Db } from '../src/lib/server/db';
import type { Actor } from '../src/lib/server/audit/audit';
import { publish } from '../src/lib/server/evaluation/pass-lists';
import { CREDIT_COLUMNS, creditCsvRow, forProvince } from '../src/lib/server/evaluation/credits';
import { resolveProvince } from '../src/lib/domain/provinces';
import { toCsv } from '../src/lib/csv/write';

/**
 * Publishes the batch's list (frozen, with a credit for each enterprise of each passed pilot) and prints the counts;
 * on refusal prints each problem in Chinese and English to stderr and writes nothing. Returns the exit code (0 or 1).
 */
export function publishCommand(
	db: Db,
	batch: number,
	input: { refNo: string; publishedOn: string },
	actor: Actor,
	today: string
): number {
	const outcome = publish(db, batch, input, actor, today);
	if (!outcome.ok) {
		console.error(`未发布 / Not published (batch ${batch}):`);
		for (const p of outcome.problems) console.error(`  [${p.field}] ${p.zh} / ${p.en}`);
		return 1;
	}
	const notPassed = outcome.evaluated - outcome.passed;
	console.log(
		`已发布第 ${batch} 批名单 ${input.refNo.trim()}（${input.publishedOn}）：参加评估 ${outcome.evaluated}，通过 ${outcome.passed}，未通过 ${notPassed}；` +
			`${outcome.credits} 家企业视同开展一次清洁生产审核\n` +
			`Published the list of batch ${batch}, ${input.refNo.trim()} (${input.publishedOn}): evaluated ${outcome.evaluated}, ` +
			`passed ${outcome.passed}, not passed ${notPassed}; ${outcome.credits} enterprise credits granted`
	);
	return 0;
}

/**
 * Writes the credits of one province (a code or a name; all provinces when omitted) as CSV to `out` or stdout.
 * An unknown province is refused with exit code 1.
 */
export function exportCreditsCommand(db: Db, options: { province?: string; out?: string }): number {
	const province = options.province ? resolveProvince(options.province) : null;
	if (options.province && !province) {
		console.error(`没有此省份：${options.province} / No such province: ${options.province}`);
		return 1;
	}
	const rows = forProvince(db, province);
	const csv = toCsv([...CREDIT_COLUMNS], rows.map(creditCsvRow));
	if (options.out) {
		writeFileSync(options.out, csv);
		console.error(`${rows.length} credits → ${options.out}`);
	} else process.stdout.write(csv);
	return 0;
}
