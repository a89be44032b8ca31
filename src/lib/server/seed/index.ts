/**
 * First-start seed: batches, the indicator catalogue, the real pilots known from public sources
 * and — unless turned off — the fictional demo programme with one demo account per role.
 * Each part is written only when absent, so running it on every start changes nothing twice.
 */
import { count, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { batches, indicators, pilots, users } from '../db/schema';
import { INDICATORS } from '../../domain/indicators';
import { systemActor } from '../audit/audit';
import * as userAccounts from '../auth/users';
import { writeDataset } from '../registry/write';
import { realPilots } from './real-pilots';
import { demoProgramme } from './demo';
import type { Role } from '../auth';
import { uploads } from '../db/schema';
import { importIndicators } from '../intake';
import { demoQuarterFiles } from './demo-quarters';
import { approveDemoQuarters } from './demo-reviews';
import { seedDemoRecommendations } from './demo-recommendations';
import { seedDemoEvaluation } from './demo-evaluation';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../intake/store';
import { dueDate, parsePeriod } from '../../domain/periods';
import { addDays } from './random';
import { queueReminders } from '../review/reminders';
import { chinaToday } from '../ops/clock';
import { defaultDueOffsetDays } from '../ops/config';

const BATCHES = [
	{
		number: 1,
		nameZh: '第一批',
		nameEn: 'Batch 1',
		year: 2022,
		noticeRef: '环办科财函〔2022〕476号',
		pilotsApproved: 56,
		pilotsPassed: 44,
		pilotsParks: 40,
		isDemo: false
	},
	{
		number: 2,
		nameZh: '第二批',
		nameEn: 'Batch 2',
		year: 2023,
		noticeRef: '环办科财函〔2023〕261号',
		pilotsApproved: 38,
		recommendationDeadline: '2023-04-07',
		isDemo: false
	},
	{ number: 901, nameZh: '示例第一批', nameEn: 'Demo batch 1', year: 2025, noticeRef: null, isDemo: true },
	{ number: 902, nameZh: '示例第二批', nameEn: 'Demo batch 2', year: 2026, noticeRef: null, isDemo: true }
];

export const DEMO_ACCOUNTS: { username: string; password: string; role: Role; displayName: string }[] = [
	{ username: 'admin', password: 'admin-demo-2026', role: 'admin', displayName: '系统管理员（示例）' },
	{ username: 'ministry', password: 'ministry-demo-2026', role: 'ministry', displayName: '部级分析员（示例）' },
	{ username: 'province', password: 'province-demo-2026', role: 'province', displayName: '省级用户（示例）' },
	{
		username: 'implementer',
		password: 'implementer-demo-2026',
		role: 'implementer',
		displayName: '试点实施单位（示例）'
	}
];

/** Batches and the indicator catalogue (kept in step with the code's catalogue on every start). */
export function seedReference(db: Db): void {
	db.transaction((tx) => {
		for (const b of BATCHES) {
			// new batches report DUE_OFFSET_DAYS after each quarter; existing ones keep the offset they were created with
			if (!b.isDemo && !tx.select().from(batches).where(eq(batches.number, b.number)).get())
				tx.insert(batches)
					.values({ ...b, dueOffsetDays: defaultDueOffsetDays() })
					.run();
		}
		for (const i of INDICATORS) {
			const values = {
				code: i.code,
				nameZh: i.name.zh,
				nameEn: i.name.en,
				group: i.group,
				unit: i.unit,
				units: JSON.stringify(i.units),
				direction: i.direction,
				kind: i.kind
			};
			tx.insert(indicators).values(values).onConflictDoUpdate({ target: indicators.code, set: values }).run();
		}
	});
}

/** The real pilots, once. */
export function seedRealPilots(db: Db): void {
	const data = realPilots();
	const isThere = db.select().from(pilots).where(eq(pilots.code, data.pilots[0].code)).get();
	if (isThere) return;
	db.transaction((tx) => writeDataset(tx, data, systemActor('seed')));
}

/** The demo programme and its accounts, once; returns the accounts to print (empty if already there). */
export async function seedDemo(db: Db): Promise<typeof DEMO_ACCOUNTS> {
	const isThere = db.select({ n: count() }).from(pilots).where(eq(pilots.isDemo, true)).get()!.n > 0;
	if (!isThere) {
		const data = demoProgramme();
		db.transaction((tx) => {
			for (const b of BATCHES.filter((x) => x.isDemo))
				tx.insert(batches)
					.values({ ...b, dueOffsetDays: defaultDueOffsetDays() })
					.onConflictDoNothing()
					.run();
			writeDataset(tx, data, systemActor('seed'));
		});
	}
	const hasDemoUsers = db.select({ n: count() }).from(users).where(eq(users.isDemo, true)).get()!.n > 0;
	if (hasDemoUsers) return DEMO_ACCOUNTS;
	const { province, pilotCodes } = demoScope(db);
	for (const a of DEMO_ACCOUNTS) {
		await userAccounts.create(
			db,
			{
				...a,
				provinceCode: a.role === 'province' ? province : null,
				pilotCodes: a.role === 'implementer' ? pilotCodes : [],
				isDemo: true
			},
			systemActor('seed')
		);
	}
	return DEMO_ACCOUNTS;
}

/** The province with the most demo pilots, and two of its pilots for the demo implementer. */
function demoScope(db: Db): { province: string; pilotCodes: string[] } {
	const demo = db
		.select({ code: pilots.code, province: pilots.provinceCode })
		.from(pilots)
		.where(eq(pilots.isDemo, true))
		.all();
	const tally = new Map<string, number>();
	for (const p of demo) if (p.province) tally.set(p.province, (tally.get(p.province) ?? 0) + 1);
	const province = [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
	const pilotCodes = demo
		.filter((p) => p.province === province)
		.map((p) => p.code)
		.sort()
		.slice(0, 2);
	return { province, pilotCodes };
}

export type DemoIntake = { imported: number; refused: string[]; warned: string[]; approved: number; folder: string };

/**
 * The demo programme's quarterly files, generated for the quarters already due and imported through
 * the intake pipeline (as the demo admin, backdated to when each was "sent"), once. Refused files
 * (the demo's deliberate mistakes) are left for a person to try; every file is also written to
 * DATA_DIR/demo-files so that it can be uploaded by hand.
 */
export async function seedDemoQuarters(db: Db, today: string): Promise<DemoIntake | null> {
	if (db.select({ n: count() }).from(uploads).get()!.n > 0) return null;
	const admin = userAccounts.findByUsername(db, 'admin');
	if (!admin) return null;
	const user = {
		id: admin.id,
		username: admin.username,
		displayName: admin.displayName,
		role: 'admin' as const,
		provinceCode: null
	};
	const folder = join(dataDir(), 'demo-files');
	mkdirSync(folder, { recursive: true });
	const result: DemoIntake = { imported: 0, refused: [], warned: [], approved: 0, folder };
	const accepted = new Set<string>();
	const files = demoQuarterFiles(demoProgramme(), today);
	showLateQuarter(db, files, today);
	for (const file of files) {
		writeFileSync(join(folder, file.fileName), file.bytes);
		const summary = await importIndicators(db, file.bytes, {
			user,
			dryRun: false,
			fileName: file.fileName,
			channel: 'cli',
			today,
			at: Date.parse(`${file.submittedOn}T10:00:00+08:00`)
		});
		if (summary.errorCount > 0) result.refused.push(file.fileName);
		else {
			result.imported++;
			accepted.add(file.fileName);
			if (summary.warningCount > 0) result.warned.push(file.fileName);
		}
	}
	result.approved = approveDemoQuarters(db, files, accepted);
	return result;
}

/**
 * So that the demo implementer sees the calendar at work, their first pilot's latest quarter is sent
 * late (twelve days after its due date, never after today) unless one of its quarters already is.
 */
function showLateQuarter(db: Db, files: ReturnType<typeof demoQuarterFiles>, today: string): void {
	const implementer = userAccounts.list(db).find((u) => u.username === 'implementer');
	const code = implementer?.pilotCodes[0];
	const mine = files.filter((f) => f.pilotCode === code && f.mistake === null);
	const latest = mine.at(-1);
	if (!latest || files.some((f) => f.pilotCode === code && f.mistake === 'late')) return;
	const p = parsePeriod(latest.period)!;
	const late = addDays(dueDate(p, 15), 12);
	latest.submittedOn = late < today ? late : today;
}

/**
 * A demo batch open for recommendations (deadline 60 days after set-up), so that the demo province can try the
 * recommendation intake; the real batches' deadlines have long passed.
 */
function seedOpenDemoBatch(db: Db, today: string): void {
	db.insert(batches)
		.values({
			number: 903,
			nameZh: '示例第三批（推荐中）',
			nameEn: 'Demo batch 3 (recommending)',
			year: Number(today.slice(0, 4)),
			isDemo: true,
			recommendationDeadline: addDays(today, 60),
			dueOffsetDays: defaultDueOffsetDays()
		})
		.onConflictDoNothing()
		.run();
}

/** Everything the first start needs; `withDemo` false leaves out the demo programme and accounts. */
export async function seedAll(db: Db, withDemo: boolean, today = chinaToday()) {
	seedReference(db);
	seedRealPilots(db);
	if (!withDemo) return { accounts: [], intake: null };
	const accounts = await seedDemo(db);
	seedOpenDemoBatch(db, today);
	seedDemoRecommendations(db);
	const intake = await seedDemoQuarters(db, today);
	const evaluation = seedDemoEvaluation(db, today);
	queueReminders(db, today); // the demo's notices, as the daily `remind` would have left them
	return { accounts, intake, evaluation };
}
