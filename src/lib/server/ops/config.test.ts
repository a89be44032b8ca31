import { describe, expect, it } from 'vitest';
import { assertConfig, defaultDueOffsetDays, readConfig } from './config';

/** The one problem a single wrong variable gives, or a failure listing what came instead. */
function onlyProblem(env: Record<string, string>) {
	const { problems } = readConfig(env);
	expect(problems).toHaveLength(1);
	return problems[0];
}

describe('readConfig', () => {
	it('gives the documented defaults for an empty environment', () => {
		const { config, problems } = readConfig({});
		expect(problems).toEqual([]);
		expect(config).toEqual({
			databaseUrl: 'file:data/tracker.db',
			dataDir: 'data',
			origin: null,
			protocolHeader: null,
			hostHeader: null,
			addressHeader: null,
			xffDepth: 1,
			port: 3000,
			bodySizeLimit: 54 * 1024 * 1024,
			dueOffsetDays: 15,
			smtp: null,
			apiRatePerMinute: 60,
			uploadsPerHour: 30,
			intakeConcurrency: 2,
			intakeQueueMax: 8,
			shutdownTimeoutSeconds: 30,
			quietLogs: false,
			seedDemo: true,
			scheduler: true,
			remindersAt: '08:00',
			digestAt: '08:30',
			mailMaxAttempts: 10
		});
	});

	it('refuses an intake concurrency outside 1–16, naming the variable', () => {
		const { problems } = readConfig({ INTAKE_CONCURRENCY: '0', INTAKE_QUEUE_MAX: 'many' });
		expect(problems.map((p) => p.variable)).toEqual(['INTAKE_CONCURRENCY', 'INTAKE_QUEUE_MAX']);
		expect(readConfig({ INTAKE_CONCURRENCY: '4' }).config.intakeConcurrency).toBe(4);
	});

	it('reads a complete production set-up behind nginx', () => {
		const { config, problems } = readConfig({
			DATABASE_URL: 'file:/var/lib/tracker/tracker.db',
			DATA_DIR: '/var/lib/tracker/data',
			ORIGIN: 'https://tracker.example.gov.cn/',
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '2',
			PORT: '8080',
			BODY_SIZE_LIMIT: '1g',
			DUE_OFFSET_DAYS: '0',
			SMTP_HOST: 'smtp.example.gov.cn',
			SMTP_PORT: '465',
			SMTP_USER: 'tracker',
			SMTP_PASSWORD: 'pw',
			SMTP_FROM: '试点跟踪 <tracker@example.gov.cn>',
			SMTP_SECURE: 'true',
			API_RATE_PER_MINUTE: '120',
			UPLOADS_PER_HOUR: '10',
			SHUTDOWN_TIMEOUT: '0',
			QUIET_LOGS: '1',
			SEED_DEMO: '0'
		});
		expect(problems).toEqual([]);
		expect(config).toMatchObject({
			databaseUrl: 'file:/var/lib/tracker/tracker.db',
			origin: 'https://tracker.example.gov.cn',
			addressHeader: 'x-forwarded-for',
			xffDepth: 2,
			port: 8080,
			bodySizeLimit: 1024 ** 3,
			dueOffsetDays: 0,
			smtp: { host: 'smtp.example.gov.cn', port: 465, user: 'tracker', secure: true },
			shutdownTimeoutSeconds: 0,
			quietLogs: true,
			seedDemo: false
		});
	});

	it('accepts the other documented forms: :memory:, proxy headers instead of ORIGIN, bytes and Infinity', () => {
		expect(readConfig({ DATABASE_URL: ':memory:' }).problems).toEqual([]);
		expect(readConfig({ PROTOCOL_HEADER: 'x-forwarded-proto', HOST_HEADER: 'x-forwarded-host' }).config).toMatchObject({
			protocolHeader: 'x-forwarded-proto',
			hostHeader: 'x-forwarded-host'
		});
		expect(readConfig({ BODY_SIZE_LIMIT: '1048576' }).config.bodySizeLimit).toBe(1048576);
		expect(readConfig({ BODY_SIZE_LIMIT: 'Infinity' }).config.bodySizeLimit).toBe(Infinity);
	});

	it('treats an empty value as unset where the code does, and reports it where adapter-node would misread it', () => {
		expect(readConfig({ DATABASE_URL: '', DATA_DIR: '', SMTP_HOST: '' }).problems).toEqual([]);
		const problem = onlyProblem({ BODY_SIZE_LIMIT: '' });
		expect(problem).toMatchObject({ variable: 'BODY_SIZE_LIMIT', value: '""' });
		expect(problem.en).toMatch(/empty/);
	});

	const wrong: [string, Record<string, string>, RegExp][] = [
		['DATABASE_URL', { DATABASE_URL: 'postgres://db/tracker' }, /file:PATH/],
		['DATABASE_URL', { DATABASE_URL: 'file:' }, /file:PATH/],
		['DATABASE_URL', { DATABASE_URL: 'file:data/tracker.db?mode=ro' }, /\?parameters/],
		['ORIGIN', { ORIGIN: 'tracker.example.gov.cn' }, /absolute http\(s\) URL/],
		['ORIGIN', { ORIGIN: 'https://tracker.example.gov.cn/app' }, /without a path/],
		['ORIGIN', { ORIGIN: 'ftp://tracker.example.gov.cn' }, /http\(s\)/],
		['PROTOCOL_HEADER', { PROTOCOL_HEADER: 'X-Forwarded-Proto' }, /lower case/],
		['HOST_HEADER', { HOST_HEADER: 'x forwarded host' }, /header name/],
		['ADDRESS_HEADER', { ADDRESS_HEADER: 'x-forwarded-for:' }, /header name/],
		['HOST_HEADER', { ORIGIN: 'http://localhost:3000', HOST_HEADER: 'x-forwarded-host' }, /while ORIGIN is set/],
		['XFF_DEPTH', { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '0' }, /whole number/],
		['XFF_DEPTH', { XFF_DEPTH: '1' }, /ADDRESS_HEADER=x-forwarded-for/],
		['PORT', { PORT: '99999' }, /1–65535/],
		['PORT', { PORT: '0' }, /1–65535/],
		['PORT', { PORT: '3000 ' }, /whole number/],
		['BODY_SIZE_LIMIT', { BODY_SIZE_LIMIT: '54MB' }, /K\/M\/G/],
		['BODY_SIZE_LIMIT', { BODY_SIZE_LIMIT: '0' }, /positive/],
		['DUE_OFFSET_DAYS', { DUE_OFFSET_DAYS: 'abc' }, /0–90/],
		['DUE_OFFSET_DAYS', { DUE_OFFSET_DAYS: '91' }, /0–90/],
		['DUE_OFFSET_DAYS', { DUE_OFFSET_DAYS: '-1' }, /0–90/],
		['DUE_OFFSET_DAYS', { DUE_OFFSET_DAYS: '1.5' }, /whole number/],
		['SMTP_PORT', { SMTP_PORT: 'smtp' }, /1–65535/],
		['SMTP_SECURE', { SMTP_SECURE: 'yes' }, /true \| false/],
		['SMTP_FROM', { SMTP_HOST: 'smtp.example.gov.cn', SMTP_FROM: 'tracker' }, /e-mail address/],
		['SMTP_FROM', { SMTP_HOST: 'smtp.example.gov.cn' }, /required when SMTP_HOST/],
		['SMTP_FROM', { SMTP_FROM: 'tracker@example.gov.cn' }, /SMTP_HOST is not set/],
		['API_RATE_PER_MINUTE', { API_RATE_PER_MINUTE: '0' }, /≥ 1/],
		['UPLOADS_PER_HOUR', { UPLOADS_PER_HOUR: 'many' }, /≥ 1/],
		['SHUTDOWN_TIMEOUT', { SHUTDOWN_TIMEOUT: '30s' }, /0–3600/],
		['QUIET_LOGS', { QUIET_LOGS: 'true' }, /0 \| 1/],
		['SEED_DEMO', { SEED_DEMO: 'no' }, /0 \| 1/]
	];

	it.each(wrong)('names %s with its value and why for %o', (variable, env, why) => {
		const problem = onlyProblem(env);
		expect(problem.variable).toBe(variable);
		expect(problem.en).toMatch(why);
		expect(problem.zh).toMatch(/\p{Script=Han}/u);
		if (variable in env) expect(problem.value).toBe(JSON.stringify(env[variable]));
	});

	it('keeps the default in the config for a wrong value, so that helpers still get a usable number', () => {
		expect(readConfig({ DUE_OFFSET_DAYS: 'abc' }).config.dueOffsetDays).toBe(15);
	});
});

describe('assertConfig', () => {
	it('returns the config when every value is right', () => {
		expect(assertConfig({ PORT: '4000' }).port).toBe(4000);
	});

	it('lists several problems together, one line each with variable, value and why in both languages', () => {
		let message = '';
		try {
			assertConfig({ PORT: '99999', DUE_OFFSET_DAYS: 'abc', ORIGIN: 'tracker.example.gov.cn' });
		} catch (e) {
			message = (e as Error).message;
		}
		const lines = message.split('\n');
		expect(lines[0]).toMatch(/拒绝启动.*refusing to start/);
		expect(lines).toContainEqual(expect.stringMatching(/^ {2}PORT="99999": 须为.* \/ must be .*1–65535/));
		expect(lines).toContainEqual(expect.stringMatching(/^ {2}DUE_OFFSET_DAYS="abc": .* \/ .*0–90/));
		expect(lines).toContainEqual(expect.stringMatching(/^ {2}ORIGIN="tracker.example.gov.cn": .* \/ .*http\(s\)/));
		expect(lines.at(-1)).toMatch(/\.env\.example/);
	});

	it('never prints the SMTP password, only that it is set', () => {
		const secret = 'hunter2-very-secret';
		let message = '';
		try {
			assertConfig({ SMTP_PASSWORD: secret, SMTP_PORT: secret });
		} catch (e) {
			message = (e as Error).message;
		}
		expect(message).toMatch(/SMTP_PASSWORD=\(set\): .*SMTP_HOST is not set/);
		expect(message).toMatch(/SMTP_USER=\(unset\): .*SMTP_PASSWORD is set/);
		// the same text in a variable that is not a secret is shown, so the check above is not vacuous
		expect(message.split(secret)).toHaveLength(2);
		expect(message).toMatch(/SMTP_PORT="hunter2/);
	});
});

describe('defaultDueOffsetDays', () => {
	it('takes DUE_OFFSET_DAYS, else 15', () => {
		expect(defaultDueOffsetDays({ DUE_OFFSET_DAYS: '30' })).toBe(30);
		expect(defaultDueOffsetDays({})).toBe(15);
	});
});

describe('the schedule and mail settings', () => {
	it('takes SCHEDULER on/off, China times HH:MM and a number of tries; refuses anything else by name', () => {
		const ok = readConfig({ SCHEDULER: 'off', REMINDERS_AT: '07:45', MAIL_DIGEST_AT: '18:00', MAIL_MAX_ATTEMPTS: '3' });
		expect(ok.problems).toEqual([]);
		expect(ok.config).toMatchObject({ scheduler: false, remindersAt: '07:45', digestAt: '18:00', mailMaxAttempts: 3 });
		const bad = readConfig({ SCHEDULER: 'yes', REMINDERS_AT: '8:00', MAIL_DIGEST_AT: '24:00', MAIL_MAX_ATTEMPTS: '0' });
		expect(bad.problems.map((p) => p.variable)).toEqual([
			'SCHEDULER',
			'REMINDERS_AT',
			'MAIL_DIGEST_AT',
			'MAIL_MAX_ATTEMPTS'
		]);
		expect(bad.problems[1]).toMatchObject({
			zh: expect.stringContaining('HH:MM'),
			en: expect.stringContaining('HH:MM')
		});
		expect(bad.config).toMatchObject({ scheduler: true, remindersAt: '08:00', digestAt: '08:30', mailMaxAttempts: 10 });
	});
});
