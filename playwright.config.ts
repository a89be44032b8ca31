import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './src/lib/server/ops/chromium';

const PORT = 4173;
const DB = 'test-results/e2e/tracker.db';
/** The SMTP port the mail spec's own SMTP server listens on (test/e2e/mail.spec.ts). */
export const E2E_SMTP_PORT = 4176;

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
		// the schedule is off, so that no job runs at a time of its own: the mail spec runs the mail job by its button
		env: {
			DATABASE_URL: `file:${DB}`,
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			QUIET_LOGS: '1',
			SCHEDULER: 'off',
			SMTP_HOST: '127.0.0.1',
			SMTP_PORT: String(E2E_SMTP_PORT),
			SMTP_FROM: 'tracker@example.gov.cn'
		},
		url: `http://localhost:${PORT}/`,
		timeout: 120_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
