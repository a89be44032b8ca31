/**
 * Reading an archive back, through fflate (ZIP64 included), to check a backup before anything is restored from it.
 * Strict where it can be: a damaged or truncated archive, an entry compressed in a way fflate cannot read, and a
 * name that appears twice are refused with a ZipError naming what is wrong. fflate does not check CRC-32s: a backup's
 * manifest holds the sha256 of every other entry, which restore checks (a stronger test than the CRC).
 */
import { unzipSync } from 'fflate';

/** An archive that is damaged, truncated or not one we can read. */
export class ZipError extends Error {}

/** The entries of the archive (path → bytes, in the archive's order). */
export function unzip(archive: Uint8Array): Map<string, Uint8Array> {
	const names: string[] = [];
	const seen = new Set<string>();
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(archive, {
			filter: (file) => {
				if (seen.has(file.name)) throw new ZipError(`${file.name}: duplicate entry`);
				seen.add(file.name);
				names.push(file.name);
				return true;
			}
		});
	} catch (e) {
		if (e instanceof ZipError) throw e;
		const why = e instanceof Error ? e.message : String(e);
		throw new ZipError(
			/invalid zip data|end of central directory/i.test(why)
				? `not a ZIP archive, or a damaged one (${why})`
				: `the archive cannot be read (${why})`
		);
	}
	return new Map(names.map((name) => [name, entries[name]]));
}
