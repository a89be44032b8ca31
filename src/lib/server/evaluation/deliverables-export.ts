/**
 * The public deliverables in the static gallery export: the same list the live gallery shows, each file copied into
 * the export under its public name (deliverables/deliverable-<id>.<ext>), links left as links.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { DbOrTx } from '../db';
import { dataDir as defaultDataDir, rawFilePath } from '../intake/store';
import { publicFile, publicOfPassed, type PublicDeliverable } from './deliverables-catalogue';

/** The folder of the export that holds the deliverables' files. */
export const DELIVERABLES_FOLDER = 'deliverables';

/** The path of a deliverable's file inside the export (null when it has none). */
export function exportPath(d: { file: string | null }): string | null {
	return d.file ? `${DELIVERABLES_FOLDER}/${d.file}` : null;
}

/**
 * The public deliverables of passed pilots and their files' bytes by export path. Throws, naming the deliverable,
 * when a file is missing from the data folder: a published copy must not silently lose a file.
 */
export function exportDeliverables(
	db: DbOrTx,
	dataDir = defaultDataDir()
): { items: PublicDeliverable[]; files: Map<string, Uint8Array> } {
	const items = publicOfPassed(db);
	const files = new Map<string, Uint8Array>();
	for (const d of items) {
		const path = exportPath(d);
		const kept = path ? publicFile(db, d.id) : null;
		if (!path || !kept) continue;
		const source = rawFilePath(kept.sha256, dataDir);
		if (!existsSync(source))
			throw new Error(`deliverable ${d.id} (${d.pilotCode}): its file ${kept.sha256} is missing from ${dataDir}`);
		files.set(path, readFileSync(source));
	}
	return { items, files };
}
