/**
 * The registry as plain data: what the CSV import reads, the seed generates and the export writes.
 * Every field that no source states is null.
 */
import type { AirRegion, Basin, BodyType, Category, PilotStatus } from '../../domain/taxonomy';

export type RegistryPilot = {
	code: string;
	batchNumber: number;
	nameZh: string;
	nameEn: string | null;
	category: Category | null;
	provinceCode: string | null;
	/** 'none' when the pilot lies in no key air region; null when nobody has said. */
	airRegion: AirRegion | 'none' | null;
	/** 'none' when the pilot lies in no key basin; null when nobody has said. */
	basin: Basin | 'none' | null;
	/** Key industry codes, or `other:<name>` for a free "other" industry (e.g. `other:轴承`). */
	industries: string[];
	bodyName: string | null;
	bodyType: BodyType | null;
	termStart: string | null;
	termEnd: string | null;
	status: PilotStatus;
	/** The dated steps of the lifecycle so far, oldest first; `on` is null when the date is unknown. */
	statusEvents: { status: PilotStatus; on: string | null }[];
	sourceUrl: string | null;
	/** Names of the fields above whose value we inferred rather than read in a source. */
	inferredFields: string[];
	note: string | null;
	isDemo: boolean;
};

export type RegistryEnterprise = {
	pilotCode: string;
	code: string;
	nameZh: string;
	/** A key industry code, `other:<name>`, or null. */
	industry: string | null;
	creditCode: string | null;
};

export type RegistryPilotIndicator = {
	pilotCode: string;
	indicatorCode: string;
	baseYear: number | null;
	/** Annual baseline in the indicator's canonical unit. */
	baseline: number | null;
	targetKind: 'absolute' | 'percent' | null;
	/** Annual improvement: canonical unit when absolute, % of baseline when percent. */
	targetValue: number | null;
};

export type RegistryDataset = {
	pilots: RegistryPilot[];
	enterprises: RegistryEnterprise[];
	indicators: RegistryPilotIndicator[];
};
