import { expect, test } from '@playwright/test';

test('GET /healthz answers 200 without sign-in: database up, migrations current, never cached', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(response.headers()['cache-control']).toBe('no-store');
	const body = (await response.json()) as {
		ok: boolean;
		db: string;
		migrations: { applied: number; known: number; isCurrent: boolean };
		uptimeSeconds: number;
	};
	expect(body).toMatchObject({ ok: true, db: 'ok', migrations: { isCurrent: true } });
	expect(body.migrations.applied).toBe(body.migrations.known);
	expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
});
