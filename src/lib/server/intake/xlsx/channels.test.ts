/**
 * The workbook through the channels that receive it: the API (a sheet chosen by `?sheet=`, an unknown one refused
 * naming those there are) and the upload page's multipart form (the `sheet` field, before or after the file).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshAppDb } from '../../testing';
import * as tokens from '../../auth/tokens';
import { systemActor } from '../../audit/audit';
import { receiveFormFile } from '../form';
import { POST } from '../../../../routes/api/v1/imports/+server';
import { HEADER_ZH, workbookBytes } from './sheets';

const dir = mkdtempSync(join(tmpdir(), 'xlsx-channels-'));
beforeAll(() => {
	vi.stubEnv('DATA_DIR', dir);
	// in this process, on the in-memory database (a built worker would open a database of its own)
	vi.stubEnv('INTAKE_WORKER', join(dir, 'no-worker.mjs'));
});
afterAll(() => {
	vi.unstubAllEnvs();
	rmSync(dir, { recursive: true, force: true });
});

const book = () =>
	workbookBytes([
		{ name: '说明', rows: [['请在 Q3 表中填写']] },
		{ name: 'Q3', rows: [HEADER_ZH, ['Q-1', 'E01', '2025Q3', 'voc', 1.2750000000000001, 't']] }
	]);

describe('the API', () => {
	it('reads the sheet named by ?sheet=, and refuses an unknown one naming the sheets', async () => {
		const t = freshAppDb();
		const token = tokens.create(t.db, t.users.imp1, 'xlsx', systemActor('test'));
		const post = async (query: string) => {
			const request = new Request(`http://localhost/api/v1/imports?${query}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}` },
				body: (await book()) as Uint8Array<ArrayBuffer>
			});
			const event = { request, url: new URL(request.url), getClientAddress: () => '127.0.0.1' };
			const response = await POST(event as unknown as Parameters<typeof POST>[0]);
			return { status: response.status, body: JSON.parse(await response.text()) };
		};
		const chosen = await post('dryRun=1&fileName=q.xlsx&sheet=Q3');
		expect(chosen).toMatchObject({ status: 200, body: { encoding: 'xlsx', sheet: 'Q3', rows: 1, errorCount: 0 } });
		const unknown = await post('dryRun=1&sheet=Q4');
		expect(unknown.status).toBe(422);
		expect(unknown.body.problems[0]).toMatchObject({
			code: 'E_SHEET_UNKNOWN',
			en: 'The workbook has no sheet named "Q4"; its sheets are: 说明, Q3'
		});
	});
});

describe('the upload form', () => {
	it('hands on the sheet field with the file, whichever comes first', async () => {
		const bytes = await book();
		for (const isSheetFirst of [true, false]) {
			const form = new FormData();
			if (isSheetFirst) form.append('sheet', ' Q3 ');
			form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), '季度.xlsx');
			if (!isSheetFirst) form.append('sheet', 'Q3');
			const received = await receiveFormFile(new Request('http://localhost/', { method: 'POST', body: form }), {
				maxBytes: 1 << 20,
				dir
			});
			if (!('upload' in received)) throw new Error(`not received: ${JSON.stringify(received)}`);
			expect(received).toMatchObject({ fileName: '季度.xlsx', sheet: 'Q3' });
			expect(new Uint8Array(readFileSync(received.upload.path))).toEqual(bytes);
		}
	});
});
