/**
 * The command line: the same server modules as the app, on the database named by DATABASE_URL.
 *
 *   npm run cli -- setup                      migrate and seed (demo data unless SEED_DEMO=0)
 *   npm run cli -- import FILE [--sheet NAME] [--dry-run] [--json] [--as USERNAME]   quarterly file, CSV or .xlsx (as admin by default)
 *   npm run cli -- remind [--today YYYY-MM-DD]                      queue due-date reminders (idempotent; the server also runs them daily)
 *   npm run cli -- schedule run reminders|digest|mail                one scheduled job now, as the server would (its own slot)
 *   npm run cli -- registry import FILE [--dry-run] [--json]
 *   npm run cli -- registry export [pilots|enterprises|indicators] [--lang en] [--out FILE]
 *   npm run cli -- user add NAME --role ROLE [--province P] [--pilots A,B] [--display-name N]
 *   npm run cli -- user passwd NAME
 *   npm run cli -- user disable NAME | user enable NAME
 *   npm run cli -- export pack PILOT [--pdf] [--out FILE] [--lang en]   term-end evaluation pack as HTML or PDF
 *   npm run cli -- export gallery [--out DIR|FILE.zip] [--zip] [--lang en]   the public gallery as a static site
 *   npm run cli -- evaluation publish BATCH --ref REF --date YYYY-MM-DD   freeze a batch's list of passed pilots, grant credits
 *   npm run cli -- credits export [--province CODE] [--out FILE]   deemed-audit credits as CSV (all provinces by default)
 *   npm run cli -- backup [--out FILE]        online backup: database snapshot + raw uploads in one ZIP
 *   npm run cli -- restore FILE [--force]     into a stopped instance, after checking the archive
 *   npm run cli -- check [--json]             integrity, foreign keys and every raw file's sha256 (exit 1 if not ok)
 *
 * Passwords come from the environment variable CLI_PASSWORD or, failing that, one line of stdin.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATABASE_URL, openDb } from '../src/lib/server/db';
import { systemActor } from '../src/lib/server/audit/audit';
import { seedAll } from '../src/lib/server/seed';
import * as registry from '../src/lib/server/registry';
import * as users from '../src/lib/server/auth/users';
import { isRole } from '../src/lib/server/auth';
import { resolveProvince } from '../src/lib/domain/provinces';
import { formatProblems } from './cli-format';
import { importCommand } from './cli-intake';
import { exportCreditsCommand, publishCommand } from './cli-evaluation';
import { chinaToday } from '../src/lib/server/ops/clock';
import { queueReminders } from '../src/lib/server/review/reminders';
import { assertConfig } from '../src/lib/server/ops/config';
import { backup, OpsRefusal, restore } from '../src/lib/server/ops/backup';
import { check, formatCheck } from '../src/lib/server/ops/check';
import { dataDir } from '../src/lib/server/intake/store';
import { scheduleCommand } from './cli-schedule';

type Args = { positional: string[]; flags: Map<string, string | true> };

function parseArgs(argv: string[]): Args {
	const positional: string[] = [];
	const flags = new Map<string, string | true>();
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a.startsWith('--')) {
			const [key, inline] = a.slice(2).split('=', 2);
			const next = argv[i + 1];
			if (inline !== undefined) flags.set(key, inline);
			else if (next !== undefined && !next.startsWith('--') && !['dry-run', 'json', 'force'].includes(key))
				flags.set(key, argv[++i]);
			else flags.set(key, true);
		} else positional.push(a);
	}
	return { positional, flags };
}

function flag(args: Args, name: string): string | undefined {
	const v = args.flags.get(name);
	return typeof v === 'string' ? v : undefined;
}

async function readPassword(): Promise<string> {
	if (process.env.CLI_PASSWORD) return process.env.CLI_PASSWORD;
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
	assertConfig(); // the same checked environment as the server: a wrong value stops every command too
	const args = parseArgs(argv);
	const [command, sub, target] = args.positional;
	const actor = systemActor('cli');
	if (command === 'setup') {
		const { db, sqlite } = openDb();
		const { accounts, intake, evaluation } = await seedAll(db, process.env.SEED_DEMO !== '0');
		sqlite.close();
		if (intake)
			console.log(
				`示例季度数据 / Demo quarterly files: ${intake.imported} imported through the intake (${intake.warned.length} with warnings), ` +
					`${intake.refused.length} refused on purpose (${intake.refused.join(', ')}); ${intake.approved} quarters approved; all in ${intake.folder}`
			);
		if (evaluation)
			console.log(
				`示例终期评估 / Demo evaluation: ${evaluation.summaries} summaries, ${evaluation.decided} decided (${evaluation.passed} passed), ` +
					`list published with ${evaluation.credits} credits, ${evaluation.cases} cases and ${evaluation.deliverables} deliverables published`
			);
		if (accounts.length) {
			console.log('示例账户 / Demo accounts (fictional data):');
			for (const a of accounts) console.log(`  ${a.role.padEnd(12)} ${a.username.padEnd(12)} ${a.password}`);
		}
		return 0;
	}
	if (command === 'remind') {
		const { db, sqlite } = openDb();
		const added = queueReminders(db, flag(args, 'today'));
		sqlite.close();
		console.log(`queued ${added} reminders`);
		return 0;
	}
	if (command === 'schedule') {
		if (sub !== 'run' || !target) throw new UsageError('schedule run reminders|digest|mail');
		return scheduleCommand(target);
	}
	if (command === 'import') {
		if (!sub) throw new UsageError('import FILE [--sheet NAME] [--dry-run] [--json] [--as USERNAME]');
		const { db, sqlite } = openDb();
		try {
			return await importCommand(db, sub, {
				dryRun: args.flags.has('dry-run'),
				json: args.flags.has('json'),
				as: flag(args, 'as') ?? 'admin',
				sheet: flag(args, 'sheet') ?? null
			});
		} finally {
			sqlite.close();
		}
	}
	if (command === 'registry' && sub === 'import') {
		if (!target) throw new UsageError('registry import FILE [--dry-run] [--json]');
		const { db, sqlite } = openDb();
		const outcome = registry.importFile(db, readFileSync(target), {
			dryRun: args.flags.has('dry-run'),
			actor,
			fileName: target
		});
		sqlite.close();
		if (args.flags.has('json')) console.log(JSON.stringify(outcome, null, 2));
		else console.log(formatProblems(outcome));
		return outcome.problems.some((p) => p.severity === 'error') ? 1 : 0;
	}
	if (command === 'registry' && sub === 'export') {
		const kind = (target ?? 'pilots') as registry.RegistryKind;
		if (!['pilots', 'enterprises', 'indicators'].includes(kind))
			throw new UsageError('registry export [pilots|enterprises|indicators]');
		const { db, sqlite } = openDb();
		const csv = registry.exportCsv(db, kind, flag(args, 'lang') === 'en' ? 'en' : 'zh');
		sqlite.close();
		const out = flag(args, 'out');
		if (out) writeFileSync(out, csv);
		else process.stdout.write(csv);
		return 0;
	}
	if (command === 'user' && sub && target) {
		const { db, sqlite } = openDb();
		try {
			if (sub === 'add') {
				const role = flag(args, 'role') ?? '';
				if (!isRole(role)) throw new UsageError('--role implementer|province|ministry|admin');
				const province = flag(args, 'province');
				const provinceCode = province ? resolveProvince(province) : null;
				if (province && !provinceCode) throw new UsageError(`unknown province: ${province}`);
				const pilotCodes = (flag(args, 'pilots') ?? '')
					.split(',')
					.map((s) => s.trim())
					.filter(Boolean);
				const password = await readPassword();
				await users.create(
					db,
					{
						username: target,
						displayName: flag(args, 'display-name') ?? target,
						password,
						role,
						provinceCode,
						pilotCodes
					},
					actor
				);
				console.log(`created ${target}`);
			} else if (sub === 'passwd') {
				await users.setPassword(db, target, await readPassword(), actor);
				console.log(`password changed for ${target}`);
			} else if (sub === 'disable' || sub === 'enable') {
				users.setDisabled(db, target, sub === 'disable', actor);
				console.log(`${sub}d ${target}`);
			} else throw new UsageError('user add|passwd|disable|enable NAME');
		} catch (e) {
			if (e instanceof users.UserError) {
				console.error(`${e.problem.zh} / ${e.problem.en}`);
				return 1;
			}
			throw e;
		} finally {
			sqlite.close();
		}
		return 0;
	}
	if (command === 'evaluation' && sub === 'publish') {
		const [refNo, publishedOn] = [flag(args, 'ref'), flag(args, 'date')];
		if (!target || !/^[1-9]\d*$/.test(target) || refNo === undefined || publishedOn === undefined)
			throw new UsageError('evaluation publish BATCH --ref REF --date YYYY-MM-DD');
		const { db, sqlite } = openDb();
		try {
			return publishCommand(db, Number(target), { refNo, publishedOn }, actor, chinaToday());
		} finally {
			sqlite.close();
		}
	}
	if (command === 'credits' && sub === 'export') {
		const { db, sqlite } = openDb();
		try {
			return exportCreditsCommand(db, { province: flag(args, 'province'), out: flag(args, 'out') });
		} finally {
			sqlite.close();
		}
	}
	if (command === 'backup' || command === 'restore' || command === 'check') {
		const where = { databaseUrl: process.env.DATABASE_URL || DEFAULT_DATABASE_URL, dataDir: dataDir() };
		try {
			if (command === 'backup') console.log((await backup({ ...where, out: flag(args, 'out') })).summary);
			else if (command === 'restore') {
				if (!sub) throw new UsageError('restore FILE [--force]');
				console.log((await restore({ ...where, file: sub, force: args.flags.has('force') })).summary);
			} else {
				const report = check(where);
				console.log(args.flags.has('json') ? JSON.stringify(report, null, 2) : formatCheck(report));
				return report.ok ? 0 : 1;
			}
			return 0;
		} catch (e) {
			if (!(e instanceof OpsRefusal)) throw e;
			console.error(e.message);
			return 1;
		}
	}
	if (command === 'export') {
		// the exports render Svelte components, which tsx cannot import: they run from the bundle `npm run build` makes
		const bundle = fileURLToPath(new URL('../build/export.mjs', import.meta.url));
		if (!existsSync(bundle)) {
			console.error(`${bundle} 不存在，请先运行 npm run build / is missing: run npm run build first`);
			return 1;
		}
		const run = spawnSync(process.execPath, [bundle, ...argv.slice(argv.indexOf('export') + 1)], { stdio: 'inherit' });
		if (run.error) throw run.error;
		return run.status ?? 1;
	}
	throw new UsageError(
		'setup | import FILE | remind | registry import|export | user add|passwd|disable|enable | evaluation publish BATCH --ref REF --date YYYY-MM-DD | credits export [--province CODE] [--out FILE] | export pack PILOT [--pdf] [--out FILE] [--lang en] | export gallery [--out DIR] [--zip] | backup [--out FILE] | restore FILE [--force] | check [--json]'
	);
}

main(process.argv.slice(2)).then(
	(code) => process.exit(code),
	(e: unknown) => {
		if (e instanceof UsageError) console.error(`usage: npm run cli -- ${e.message}`);
		else console.error(e);
		process.exit(2);
	}
);
