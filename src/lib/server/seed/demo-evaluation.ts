/**
 * The demo programme's term-end evaluation, so that the end of the lifecycle shows after `npm start`: demo batch 901's
 * summaries in every state, experts' scores and decisions (some passed, some not), its published list with the
 * deemed-audit credits, and typical cases published for the best passed pilots. Everything goes through the same
 * server functions as the pages; all text is marked 示例. Written once (nothing when a summary already exists).
 */
import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { batches, pilots, termSummaries, userPilots, users } from '../db/schema';
import { systemActor, type Actor } from '../audit/audit';
import * as pilotQueries from '../registry/pilots';
import * as summaries from '../evaluation/summaries';
import * as decisions from '../evaluation/decisions';
import * as lists from '../evaluation/pass-lists';
import * as cases from '../cases/cases';
import * as deliverables from '../evaluation/deliverables';
import { PLAN_PARTS } from '../../domain/recommendation';
import { DEFAULT_CRITERIA } from '../../domain/evaluation/scoring';
import type { SummaryContent } from '../../domain/evaluation/summary';
import { makeRng, seedOf } from './random';
import { addDays } from '../../domain/periods';

export const DEMO_LIST = { batch: 901, refNo: '示例〔2026〕1号', publishedOn: '2026-11-20' } as const;
/** Pilots whose term ended by this day are decided before the list; the others still wait for the ministry. */
const DECIDED_BY = '2026-11-12';

function content(name: string, rng: ReturnType<typeof makeRng>): SummaryContent {
	return {
		parts: Object.fromEntries(
			PLAN_PARTS.map((p) => [String(p.part), `${name}：按实施方案“${p.zh}”部分完成了预定工作。（示例）`])
		),
		innovations: '推行分类分级的简易审核和批量审核，审核周期由约 6 个月缩短到约 2 个月。（示例）',
		problems: '部分中小企业计量器具不全，数据核算依赖估算；建议配套在线监测补助。（示例）',
		economicBenefit: `实施方案累计节约成本约 ${rng.int(120, 900)} 万元/年。（示例）`,
		environmentalBenefit: '主要污染物和二氧化碳排放量较基准年明显下降，详见目标完成情况。（示例）',
		fundsAmount: rng.int(80, 1200),
		fundsSource: '地方财政专项资金与企业自筹（示例）'
	};
}

function sheet(expert: string, base: number, rng: ReturnType<typeof makeRng>) {
	return {
		expert,
		comment: '',
		scores: Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.key, Math.max(0, Math.min(100, base + rng.int(-8, 8)))]))
	};
}

/** The demo evaluation; returns what it wrote, or null when it was already there (or there is no demo batch 901). */
export function seedDemoEvaluation(db: Db, today: string) {
	if (db.select({ n: count() }).from(termSummaries).get()!.n > 0) return null;
	const batch = db.select().from(batches).where(eq(batches.number, DEMO_LIST.batch)).get();
	if (!batch) return null;
	const rng = makeRng(seedOf('demo-evaluation'));
	const actor: Actor = systemActor('seed');
	const province = db.select().from(users).where(eq(users.username, 'province')).get();
	const own = new Set(
		db
			.select({ id: userPilots.pilotId })
			.from(userPilots)
			.innerJoin(users, eq(users.id, userPilots.userId))
			.where(eq(users.username, 'implementer'))
			.all()
			.map((r) => r.id)
	);
	const codes = db
		.select({ id: pilots.id, code: pilots.code, provinceCode: pilots.provinceCode, termEnd: pilots.termEnd })
		.from(pilots)
		.where(and(eq(pilots.batchId, batch.id), ne(pilots.status, 'withdrawn')))
		.orderBy(asc(pilots.code))
		.all();
	const get = (code: string) => pilotQueries.get(db, { kind: 'all' }, code)!;
	const write = (code: string) => summaries.save(db, get(code), content(get(code).nameZh, rng), 'admin', actor, today);
	const submit = (code: string) => summaries.submit(db, get(code), 'admin', actor, today);
	const forward = (code: string) => summaries.review(db, get(code), 'forward', 'admin', '', actor);

	// the demo implementer's pilots: the first has written nothing (overdue), the second keeps a draft
	const ownCodes = codes.filter((p) => own.has(p.id)).map((p) => p.code);
	if (ownCodes[1]) write(ownCodes[1]);
	// the others, the demo province's first: one waiting for the province, one returned with a comment; then those
	// whose term ended by mid-November are decided, those ending later are forwarded and await the ministry
	const others = codes.filter((p) => !own.has(p.id));
	const [waiting, returned, ...rest] = [
		...others.filter((p) => p.provinceCode === province?.provinceCode),
		...others.filter((p) => p.provinceCode !== province?.provinceCode)
	];
	for (const p of [waiting, returned].filter(Boolean)) {
		write(p.code);
		submit(p.code);
	}
	if (returned)
		summaries.review(
			db,
			get(returned.code),
			'return',
			'admin',
			'请补充资金使用明细和第 6 部分的进度说明。（示例）',
			actor
		);
	const isDecided = (p: { termEnd: string | null }) => p.termEnd !== null && p.termEnd <= DECIDED_BY;
	const decidable = rest.filter(isDecided);
	const [pendingA] = rest.filter((p) => !isDecided(p)).map((p) => p.code);
	for (const p of rest) {
		write(p.code);
		submit(p.code);
		forward(p.code);
	}
	if (pendingA) decisions.recordSheet(db, get(pendingA), sheet('专家甲（示例）', 82, rng), 'ministry', actor);
	const decided: { code: string; mean: number; decision: 'passed' | 'not_passed' }[] = [];
	/** Three experts score around what the figures show (overall attainment), and the mean decides: 70 passes. */
	const evaluate = (code: string, decidedOn: string) => {
		const attainment = summaries.get(db, get(code).id)?.figures?.overall.attainment ?? null;
		const base = attainment === null ? 70 : Math.round(40 + 45 * Math.min(attainment, 1.2));
		for (const expert of ['专家甲（示例）', '专家乙（示例）', '专家丙（示例）'])
			decisions.recordSheet(db, get(code), sheet(expert, base, rng), 'ministry', actor);
		const mean = decisions.sheetsOf(db, get(code).id).reduce((n, s) => n + s.total, 0) / 3;
		const decision = mean >= 70 ? 'passed' : 'not_passed';
		const rate = attainment === null ? '未知' : `${Math.round(attainment * 100)}%`;
		decisions.decide(
			db,
			get(code),
			{
				decision,
				reason:
					decision === 'passed'
						? `总体完成率 ${rate}，形成了可复制推广的审核模式和管理规范。（示例）`
						: `总体完成率 ${rate}，主要减排目标未完成。（示例）`,
				decidedOn: decidedOn <= today ? decidedOn : today
			},
			'ministry',
			actor,
			today
		);
		decided.push({ code, mean, decision });
	};
	// a week or so after the term's end, before the list's publication
	decidable.forEach((p, i) => {
		const after = addDays(p.termEnd!, 5 + (i % 7));
		evaluate(p.code, after < DEMO_LIST.publishedOn ? after : addDays(DEMO_LIST.publishedOn, -1));
	});
	const published = lists.publish(db, DEMO_LIST.batch, DEMO_LIST, actor, today);
	// one decided after the publication: it shows under the list as a dated correction, its credits granted then
	const late = rest.find((p) => p.code !== pendingA && p.termEnd !== null && addDays(p.termEnd, 3) <= today);
	if (late) evaluate(late.code, addDays(late.termEnd!, 3));
	const best = decided.filter((d) => d.decision === 'passed').sort((a, b) => b.mean - a.mean);
	const recorded = seedDeliverables(
		db,
		best.map((d) => d.code),
		actor,
		today
	);
	return {
		deliverables: recorded,
		summaries: db.select({ n: count() }).from(termSummaries).get()!.n,
		decided: decided.length,
		passed: best.length,
		credits: published.ok ? published.credits : 0,
		cases: publishDemoCases(
			db,
			best.map((d) => d.code),
			actor
		)
	};
}

/** Publishes a typical case for the first passed pilots whose chosen indicators have approved quarters (at least three). */
function publishDemoCases(db: Db, codes: readonly string[], actor: Actor): number {
	let done = 0;
	for (const code of codes) {
		if (done >= 4) break;
		const pilot = pilotQueries.get(db, { kind: 'all' }, code)!;
		const indicators = cases
			.frozenFigures(
				db,
				pilot.id,
				pilot.indicators.map((i) => i.indicatorCode)
			)
			.filter((i) => i.points.length > 0)
			.slice(0, 3)
			.map((i) => i.code);
		if (indicators.length === 0) continue;
		const record = cases.open(db, pilot, actor);
		const text = (zh: string, en: string) => ({ zh: `${zh}（示例）`, en: `${en} (demo)` });
		const content = {
			...record.content,
			sections: {
				background: text(
					`${pilot.nameZh}覆盖${pilot.enterprises.length}家企业，基础薄弱、同质化程度高。`,
					'Many small, similar firms with a weak base.'
				),
				measures: text(
					'按行业分类制定简易审核清单，批量开展审核，统一组织方案实施和效果评估。',
					'Sector checklists, batch audits, joint implementation and assessment.'
				),
				results: text(
					'主要污染物和二氧化碳排放较基准年下降，审核成本和周期明显降低。',
					'Lower pollutant and CO2 emissions; audits cheaper and faster.'
				),
				experience: text(
					'以园区或行业为单元组织审核，可在同类地区推广。',
					'Organising audits by park or sector transfers to similar regions.'
				),
				transfer: text('已形成工作指南，可供同类园区参考。', 'A guide is available for similar parks.'),
				contacts: text('示例联系人', 'Demo contact')
			},
			criteria: Object.fromEntries(
				Object.entries(record.content.criteria).map(([k, v]) => [k, { ...v, isMet: true }])
			) as typeof record.content.criteria,
			indicators
		};
		cases.save(db, record, content, actor);
		const outcome = cases.publish(db, cases.ofPilot(db, pilot.id)!, actor);
		if (outcome.ok) done++;
	}
	return done;
}

/** A one-page PDF naming the deliverable (a stand-in for the real document, marked as demo). */
function demoPdf(title: string): Uint8Array {
	const text = `BT /F1 16 Tf 72 760 Td (${title.replace(/[()\\]/g, '')}) Tj ET`;
	return new TextEncoder().encode(
		[
			'%PDF-1.4',
			'1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj',
			'2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj',
			'3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>> endobj',
			`4 0 obj <</Length ${text.length}>> stream`,
			text,
			'endstream endobj',
			'5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> endobj',
			'trailer <</Root 1 0 R>>',
			'%%EOF',
			''
		].join('\n')
	);
}

const KINDS = [
	{ kind: 'norm', zh: '清洁生产简易审核工作指南', en: 'Guide to simplified cleaner-production audits' },
	{ kind: 'model', zh: '清洁生产审核新模式', en: 'A new audit model' },
	{ kind: 'tech_list', zh: '清洁生产适用技术清单', en: 'List of applicable cleaner-production techniques' },
	{ kind: 'case', zh: '典型案例汇编', en: 'Collected typical cases' },
	{ kind: 'standard', zh: '清洁生产评价团体标准（草案）', en: 'Cleaner-production assessment standard (draft)' }
] as const;

/** One or two deliverables for each passed pilot (the first few), most of them public, each with its PDF. */
function seedDeliverables(db: Db, codes: readonly string[], actor: Actor, today: string): number {
	let recorded = 0;
	codes.slice(0, 8).forEach((code, i) => {
		const pilot = pilotQueries.get(db, { kind: 'all' }, code)!;
		for (const [j, k] of [KINDS[i % KINDS.length], KINDS[(i + 2) % KINDS.length]].entries()) {
			if (j === 1 && i % 2 === 1) continue;
			const outcome = deliverables.create(
				db,
				pilot,
				{
					kind: k.kind,
					titleZh: `${pilot.nameZh}${k.zh}（示例）`,
					titleEn: `${pilot.nameEn ?? pilot.code}: ${k.en} (demo)`,
					date: '2026-10-15' <= today ? '2026-10-15' : today,
					url: '',
					abstract: `${k.zh}，总结试点做法，供同类地区参考。（示例）`,
					isPublic: !(i === 0 && j === 1)
				},
				{ fileName: `${code}-${k.kind}.pdf`, bytes: demoPdf(`Demo deliverable ${code} ${k.kind}`) },
				actor,
				today
			);
			if (outcome.ok) recorded++;
		}
	});
	return recorded;
}
