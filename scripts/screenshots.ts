/**
 * Takes a full-page screenshot of each main page of a running app, for a person to look at:
 *   BASE_URL=http://localhost:3000 npx tsx scripts/screenshots.ts OUT_DIR [path ...]
 * Signs in as the demo ministry account first (override with SHOT_USER / SHOT_PASSWORD);
 * SHOT_LANG=en switches to English; SHOT_SELECTOR shoots one element instead of the whole page.
 */
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { chromiumLaunchOptions } from '../src/lib/server/ops/chromium';

const base = process.env.BASE_URL ?? 'http://localhost:3000';
const [out = 'screenshots', ...paths] = process.argv.slice(2);
const pages = paths.length
	? paths
	: ['/', '/pilots', '/pilots?basin=yangtze&industry=dyeing', '/pilots/D-001', '/pilots/B2-09'];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
if (process.env.SHOT_LANG) await page.goto(`${base}/lang/${process.env.SHOT_LANG}`);
await page.goto(`${base}/login`);
await page.fill('input[name=username]', process.env.SHOT_USER ?? 'ministry');
await page.fill('input[name=password]', process.env.SHOT_PASSWORD ?? 'ministry-demo-2026');
await page.click('button[type=submit]');
await page.waitForURL((u) => !u.pathname.startsWith('/login'));
for (const path of pages) {
	await page.goto(base + path);
	const name = path.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '') || 'home';
	// SHOT_SELECTOR: only that part of the page (e.g. one section of a long page)
	const selector = process.env.SHOT_SELECTOR;
	if (selector)
		await page
			.locator(selector)
			.first()
			.screenshot({ path: `${out}/${name}.png` });
	else await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
	console.log(`${out}/${name}.png`);
}
await browser.close();
