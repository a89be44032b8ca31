/**
 * The demo province's recommendations for the open demo batch: four already submitted (so the quota of five is one
 * away), each with a small fictional letter and plan, all marked 示例. Nothing here touches a real batch.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { batches, users } from '../db/schema';
import * as recommendations from '../recommendations/recommendations';
import { PLAN_OUTLINE } from '../../domain/recommendation';
import type { StoredDraft } from '../../recommendations/form';

const NAMES = ['滨江印染园区', '北岸造纸产业集群', '南湖化工园区', '西山包装印刷集群'];

/** A fictional PDF of a few hundred bytes (enough for a person to open). */
function demoPdf(title: string): Uint8Array {
	return new TextEncoder().encode(
		`%PDF-1.4\n% ${title}（示例，虚构）\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`
	);
}

/** Seeds the demo province's four submitted recommendations once; returns how many it made. */
export function seedDemoRecommendations(db: Db, dataDir?: string): number {
	const province = db.select().from(users).where(eq(users.username, 'province')).get();
	const batch = db.select().from(batches).where(eq(batches.number, 903)).get();
	if (!province?.provinceCode || !batch) return 0;
	if (recommendations.list(db, { kind: 'province', provinceCode: province.provinceCode }).length > 0) return 0;
	const actor = { userId: province.id, name: province.username, ip: null };
	NAMES.forEach((name, i) => {
		const id = recommendations.create(db, batch.id, province.provinceCode!, actor);
		const draft: StoredDraft = {
			projectName: `${name}清洁生产整体审核创新试点（示例）`,
			applicantName: `${name}管理委员会（示例）`,
			applicantType: 'park',
			category: 2,
			industries: [['dyeing', 'paper', 'petrochemical', 'printing'][i]],
			provinceCode: province.provinceCode,
			airRegion: null,
			basin: null,
			enterprises: 20 + 5 * i,
			attestations: {
				noInspectionIssue: true,
				noMediaExposure: true,
				hasBasis: true,
				hasFunding: true,
				fundingSource: '园区专项资金（示例）',
				fundingAmount: 300 + 100 * i
			},
			plan: Object.fromEntries(PLAN_OUTLINE.map((p) => [p.key, `${p.zh}：示例内容。`])),
			targets: [
				{
					indicatorCode: 'energy',
					baseYear: 2025,
					baseline: 50_000 + 10_000 * i,
					targetKind: 'percent',
					targetValue: 5
				}
			]
		};
		let r = recommendations.get(db, { kind: 'all' }, id)!;
		recommendations.save(db, r, draft, actor);
		for (const kind of ['letter', 'plan'] as const) {
			r = recommendations.get(db, { kind: 'all' }, id)!;
			recommendations.attach(
				db,
				r,
				{ kind, fileName: `${kind}-${i + 1}（示例）.pdf`, bytes: demoPdf(name) },
				actor,
				dataDir
			);
		}
		recommendations.submit(db, recommendations.get(db, { kind: 'all' }, id)!, actor);
	});
	return NAMES.length;
}
