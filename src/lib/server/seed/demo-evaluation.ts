/**
 * The demo programme's term-end evaluation, so that the end of the lifecycle shows after `npm start`: demo batch 901's
 * summaries in every state, experts' scores and decisions (some passed, some not), its published list with the
 * deemed-audit credits, and typical cases published for the best passed pilots. Everything goes through the same
 * server functions as the pages; all text is marked 示例. Written once (nothing when a summary already exists).
 */
import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { batches, pilots, termSummaries, userPilots, users } from '../db/schema';
import { systemActor, type Actor } from '../audit';
import * as pilotQueries from '../pilots';
import * as summaries from '../evaluation/summaries';
import * as decisions from '../evaluation/decisions';
import * as lists from '../evaluation/pass-lists';
import * as cases from '../cases';
import { PLAN_PARTS } from '../../domain/recommendation';
import { DEFAULT_CRITERIA } from '../../domain/evaluation/scoring';
import type { SummaryContent } from '../../domain/evaluation/summary';
import { makeRng, seedOf } from './random';

export const DEMO_LIST = { batch: 901, refNo: '示例〔2026〕1号', publishedOn: '2026-11-20' } as const;

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
		.select({ id: pilots.id, code: pilots.code, provinceCode: pilots.provinceCode })
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
	// the others, the demo province's first: one waiting for the province, one returned with a comment, two forwarded
	// and awaiting the ministry (one already scored by an expert), the rest decided
	const others = codes.filter((p) => !own.has(p.id));
	const pool = [
		...others.filter((p) => p.provinceCode === province?.provinceCode),
		...others.filter((p) => p.provinceCode !== province?.provinceCode)
	].map((p) => p.code);
	const [waiting, returned, pendingA, pendingB, ...decidedCodes] = pool;
	for (const code of [waiting, returned].filter(Boolean)) {
		write(code);
		submit(code);
	}
	if (returned)
		summaries.review(db, get(returned), 'return', 'admin', '请补充资金使用明细和第 6 部分的进度说明。（示例）', actor);
	for (const code of [pendingA, pendingB, ...decidedCodes].filter(Boolean)) {
		write(code);
		submit(code);
		forward(code);
	}
	if (pendingA) decisions.recordSheet(db, get(pendingA), sheet('专家甲（示例）', 82, rng), 'ministry', actor);
	const decided: { code: string; mean: number; decision: 'passed' | 'not_passed' }[] = [];
	decidedCodes.forEach((code, i) => {
		const base = rng.chance(0.2) ? rng.int(52, 66) : rng.int(72, 92);
		for (const expert of ['专家甲（示例）', '专家乙（示例）', '专家丙（示例）'])
			decisions.recordSheet(db, get(code), sheet(expert, base, rng), 'ministry', actor);
		const mean = decisions.sheetsOf(db, get(code).id).reduce((n, s) => n + s.total, 0) / 3;
		const decision = mean >= 70 ? 'passed' : 'not_passed';
		const decidedOn = `2026-11-${String(2 + (i % 14)).padStart(2, '0')}`;
		decisions.decide(
			db,
			get(code),
			{
				decision,
				reason:
					decision === 'passed'
						? '主要目标总体完成，形成了可复制推广的审核模式和管理规范。（示例）'
						: '主要减排目标未完成，季度数据报送不完整。（示例）',
				decidedOn: decidedOn <= today ? decidedOn : today
			},
			'ministry',
			actor,
			today
		);
		decided.push({ code, mean, decision });
	});
	const published = lists.publish(db, DEMO_LIST.batch, DEMO_LIST, actor, today);
	const best = decided.filter((d) => d.decision === 'passed').sort((a, b) => b.mean - a.mean);
	return {
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
