import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './src/lib/server/ops/chromium';

const PORT = 4173;
const DB = 'test-results/e2e/tracker.db';

/** E2E runs against the built app (`node build`) on a throwaway database, in Debian's Chromium. */
export default defineConfig({
	testDir: 'test/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 30_000,
	reporter: [['list']],
	outputDir: 'test-results/artifacts',
	use: {
		baseURL: `http://localhost:${PORT}`,
		browserName: 'chromium',
		launchOptions: chromiumLaunchOptions(),
		trace: 'retain-on-failure'
	},
	webServer: {
		command: `rm -rf test-results/e2e && mkdir -p test-results/e2e && tsx scripts/cli.ts setup && node scripts/serve.mjs`,
		env: { DATABASE_URL: `file:${DB}`, PORT: String(PORT), ORIGIN: `http://localhost:${PORT}`, QUIET_LOGS: '1' },
		url: `http://localhost:${PORT}/`,
		timeout: 120_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
