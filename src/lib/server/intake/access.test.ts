import { describe, expect, it } from 'vitest';
import { importIndicators } from './index';
import { intakeTestDb, TEST_TODAY } from '../testing/registry';
import { templateCsv } from './template';
import * as tokens from '../auth/tokens';
import * as values from '../progress/values';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';

const csv = (rows: string[][]) =>
	new TextEncoder().encode(
		['pilot_code,enterprise_code,period,indicator_code,value,unit,note', ...rows.map((r) => r.join(','))].join('\n')
	);

describe('templates, tokens, values and downloads', () => {
	it('a template has one row per enterprise × periodic pollutant or consumption indicator and one pilot-level row for the others', () => {
		const text = templateCsv('Q-1', '2025Q4', ['E01', 'E02'], ['voc', 'energy', 'enterprises_covered'], 'en');
		expect(text.startsWith('\uFEFF')).toBe(true);
		const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
		expect(rows[0]).toEqual(['pilot_code', 'enterprise_code', 'period', 'indicator_code', 'value', 'unit', 'note']);
		expect(rows.slice(1)).toEqual([
			['Q-1', 'E01', '2025Q4', 'voc', '', 't', ''],
			['Q-1', 'E02', '2025Q4', 'voc', '', 't', ''],
			['Q-1', 'E01', '2025Q4', 'energy', '', 'tce', ''],
			['Q-1', 'E02', '2025Q4', 'energy', '', 'tce', ''],
			['Q-1', '', '2025Q4', 'enterprises_covered', '', '家', '']
		]);
	});

	it('a token authenticates its owner until revoked, and only its owner can revoke it', () => {
		const { db, users } = intakeTestDb();
		const actor = { userId: users.imp1.id, name: users.imp1.username, ip: null };
		const token = tokens.create(db, users.imp1, 'ci', actor);
		expect(tokens.authenticate(db, token)?.username).toBe(users.imp1.username);
		expect(tokens.authenticate(db, token + 'x')).toBeNull();
		const [listed] = tokens.list(db, users.imp1.id);
		expect(listed.lastUsedAt).not.toBeNull();
		expect(tokens.revoke(db, users.imp2.id, listed.id, actor)).toBe(false);
		expect(tokens.revoke(db, users.imp1.id, listed.id, actor)).toBe(true);
		expect(tokens.authenticate(db, token)).toBeNull();
		expect(tokens.canImport('province')).toBe(false);
		expect(tokens.canImport('implementer')).toBe(true);
	});

	it('an upload is downloadable only by users who may see every pilot it covers', async () => {
		const { db, users } = intakeTestDb();
		const dataDir = mkdtempSync(join(tmpdir(), 'intake-access-'));
		const summary = await importIndicators(db, csv([['Q-1', 'E01', '2025Q4', 'voc', '10', 't', '']]), {
			user: users.imp1,
			dryRun: false,
			fileName: 'q1.csv',
			channel: 'web',
			today: TEST_TODAY,
			dataDir
		});
		expect(summary.isWritten).toBe(true);
		const id = summary.uploadId!;
		expect(values.downloadableUpload(db, { kind: 'pilots', userId: users.imp1.id }, id)?.fileName).toBe('q1.csv');
		expect(values.downloadableUpload(db, { kind: 'pilots', userId: users.imp2.id }, id)).toBeNull();
		expect(values.downloadableUpload(db, { kind: 'all' }, id)).not.toBeNull();
		expect(values.downloadableUpload(db, { kind: 'all' }, id + 1)).toBeNull();
		const pilotId = (db.$client.prepare("SELECT id FROM pilots WHERE code = 'Q-1'").get() as { id: number }).id;
		expect(values.history(db, pilotId)).toMatchObject([{ period: '2025Q4', number: 1, fileName: 'q1.csv', added: 1 }]);
		expect(values.quarterFigures(db, pilotId)).toEqual([
			{ period: '2025Q4', indicatorCode: 'voc', value: 10, enterprises: 1 }
		]);
	});
});
