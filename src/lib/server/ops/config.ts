/**
 * The configuration in one place: every environment variable the app, the CLI and adapter-node read, with its
 * default, checked at start so that a wrong value stops the server with a message naming it rather than
 * failing later on some request. `.env.example` at the repository root lists the same variables.
 *
 * Only `readConfig`/`assertConfig` validate; modules that already read their variable (the database,
 * the data folder, the rate limiter, adapter-node itself) keep doing so with the same defaults.
 */

/** What the checked environment amounts to. Holds the SMTP password: never log or show this object whole. */
export type Config = {
	databaseUrl: string;
	dataDir: string;
	/** The public origin (`https://host`), or null when the proxy headers or the local default decide it. */
	origin: string | null;
	protocolHeader: string | null;
	hostHeader: string | null;
	addressHeader: string | null;
	xffDepth: number;
	port: number;
	/** Request body limit in bytes (Infinity for none). */
	bodySizeLimit: number;
	dueOffsetDays: number;
	/** The mail server for the reminder outbox; null when SMTP_HOST is not set. */
	smtp: {
		host: string;
		port: number;
		user: string | null;
		password: string | null;
		from: string;
		secure: boolean;
	} | null;
	apiRatePerMinute: number;
	uploadsPerHour: number;
	/** Intakes run at once, and uploads that may wait for a turn (src/lib/server/intake/queue.ts). */
	intakeConcurrency: number;
	intakeQueueMax: number;
	shutdownTimeoutSeconds: number;
	quietLogs: boolean;
	seedDemo: boolean;
	/** Scheduled work inside the server (src/lib/server/schedule/): reminders, digests, mail retries. */
	scheduler: boolean;
	/** China time (HH:MM) of the daily reminders and of the daily digests. */
	remindersAt: string;
	digestAt: string;
	/** Tries of one mail before it is dead (shown to admins). */
	mailMaxAttempts: number;
};

/** One wrong value: the variable, its value as shown to the operator, and why it is wrong in both languages. */
export type ConfigProblem = { variable: string; value: string; zh: string; en: string };

/** The defaults, also written in `.env.example` and the README. */
export const CONFIG_DEFAULTS = {
	DATABASE_URL: 'file:data/tracker.db',
	DATA_DIR: 'data',
	XFF_DEPTH: 1,
	PORT: 3000,
	BODY_SIZE_LIMIT: '54M',
	DUE_OFFSET_DAYS: 15,
	SMTP_PORT: 587,
	API_RATE_PER_MINUTE: 60,
	UPLOADS_PER_HOUR: 30,
	INTAKE_CONCURRENCY: 2,
	INTAKE_QUEUE_MAX: 8,
	SHUTDOWN_TIMEOUT: 30,
	SCHEDULER: 'on',
	REMINDERS_AT: '08:00',
	MAIL_DIGEST_AT: '08:30',
	MAIL_MAX_ATTEMPTS: 10
} as const;

type Env = Record<string, string | undefined>;

// Variables whose readers treat an empty value as "use the default" (`||` in this code base). For the
// others adapter-node reads an empty value literally — an empty BODY_SIZE_LIMIT becomes a 0-byte limit,
// an empty ORIGIN a crash — so an empty line left in a .env file is reported instead of ignored.
const EMPTY_MEANS_DEFAULT = new Set([
	'DATABASE_URL',
	'DATA_DIR',
	'PROTOCOL_HEADER',
	'HOST_HEADER',
	'ADDRESS_HEADER',
	'SMTP_HOST',
	'SMTP_PORT',
	'SMTP_USER',
	'SMTP_PASSWORD',
	'SMTP_FROM',
	'SMTP_SECURE',
	'QUIET_LOGS',
	'SEED_DEMO',
	'SCHEDULER',
	'REMINDERS_AT',
	'MAIL_DIGEST_AT',
	'MAIL_MAX_ATTEMPTS'
]);

// Header names as HTTP defines tokens; lower case because that is how Node hands headers to adapter-node.
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
// A plain address, or `Name <address>` as mail headers allow.
const EMAIL = /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;
// adapter-node's syntax: bytes, or a K/M/G suffix (powers of 1024), or Infinity.
const BYTES = /^([0-9]+)([kmg]?)$/i;

/**
 * Reads and checks the environment. Always returns a complete config (a wrong value falls back to its
 * default there) together with every problem found, so that callers can list all of them at once.
 */
export function readConfig(env: Env = process.env): { config: Config; problems: ConfigProblem[] } {
	const problems: ConfigProblem[] = [];
	const problem = (variable: string, zh: string, en: string) =>
		problems.push({ variable, value: shown(variable, env[variable]), zh, en });

	const raw = (name: string): string | undefined => {
		const value = env[name];
		if (value === undefined) return undefined;
		if (value === '') {
			if (!EMPTY_MEANS_DEFAULT.has(name))
				problem(name, '为空：请删除该行或填写值', 'is empty: remove the line or give a value');
			return undefined;
		}
		return value;
	};

	const integer = (name: string, fallback: number, min: number, max: number): number => {
		const value = raw(name);
		if (value === undefined) return fallback;
		const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
		if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
		const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `${min}–${max}`;
		problem(name, `须为整数（${range}）`, `must be a whole number (${range})`);
		return fallback;
	};

	const oneOf = <T>(name: string, choices: Record<string, T>, fallback: T): T => {
		const value = raw(name);
		if (value === undefined) return fallback;
		if (Object.hasOwn(choices, value)) return choices[value];
		const list = Object.keys(choices).join(' | ');
		problem(name, `须为 ${list}`, `must be ${list}`);
		return fallback;
	};

	const header = (name: string, example: string): string | null => {
		const value = raw(name);
		if (value === undefined) return null;
		if (HEADER_NAME.test(value)) return value;
		problem(
			name,
			`须为小写的请求头名称，例如 ${example}`,
			`must be a request header name in lower case, e.g. ${example}`
		);
		return null;
	};

	const databaseUrl = raw('DATABASE_URL') ?? CONFIG_DEFAULTS.DATABASE_URL;
	const isMemory = databaseUrl === ':memory:' || databaseUrl === 'file::memory:';
	if (!isMemory && !(databaseUrl.startsWith('file:') && databaseUrl.length > 'file:'.length)) {
		problem(
			'DATABASE_URL',
			'须为 file:路径（例如 file:/var/lib/tracker/tracker.db）或 :memory:',
			'must be file:PATH (e.g. file:/var/lib/tracker/tracker.db) or :memory:'
		);
	} else if (!isMemory && databaseUrl.includes('?')) {
		// better-sqlite3 opens a plain path: `?mode=…` would silently become part of the file name.
		problem('DATABASE_URL', '不支持 ? 参数，只写文件路径', 'takes no ?parameters, only the file path');
	}

	const dataDir = raw('DATA_DIR') ?? CONFIG_DEFAULTS.DATA_DIR;

	let origin: string | null = null;
	const originValue = raw('ORIGIN');
	if (originValue !== undefined) {
		let url: URL | null = null;
		try {
			url = new URL(originValue);
		} catch {
			url = null;
		}
		// A path or query would never match the browser's Origin header, so every form post would fail CSRF.
		if (
			url &&
			(url.protocol === 'http:' || url.protocol === 'https:') &&
			url.pathname === '/' &&
			!url.search &&
			!url.hash &&
			!url.username &&
			!url.password
		) {
			origin = url.origin;
		} else {
			problem(
				'ORIGIN',
				'须为不含路径的 http(s) 完整地址，例如 https://tracker.example.gov.cn',
				'must be an absolute http(s) URL without a path, e.g. https://tracker.example.gov.cn'
			);
		}
	}

	const protocolHeader = header('PROTOCOL_HEADER', 'x-forwarded-proto');
	const hostHeader = header('HOST_HEADER', 'x-forwarded-host');
	const addressHeader = header('ADDRESS_HEADER', 'x-forwarded-for');
	if (origin !== null) {
		// adapter-node takes ORIGIN over these headers: set together, the headers are silently ignored, and a
		// forgotten local ORIGIN behind the proxy makes every form post fail its CSRF check.
		for (const [name, value] of [
			['PROTOCOL_HEADER', protocolHeader],
			['HOST_HEADER', hostHeader]
		] as const)
			if (value !== null)
				problem(
					name,
					'设置了 ORIGIN 时不生效：二者只留其一',
					'has no effect while ORIGIN is set: keep one or the other'
				);
	}
	const xffDepth = integer('XFF_DEPTH', CONFIG_DEFAULTS.XFF_DEPTH, 1, Number.MAX_SAFE_INTEGER);
	if (env.XFF_DEPTH && addressHeader !== 'x-forwarded-for' && !problems.some((p) => p.variable === 'XFF_DEPTH')) {
		// adapter-node ignores it otherwise: a set XFF_DEPTH without that header is a half-done proxy set-up.
		problem(
			'XFF_DEPTH',
			'仅在 ADDRESS_HEADER=x-forwarded-for 时有效，请同时设置或删除',
			'only applies with ADDRESS_HEADER=x-forwarded-for: set that too, or remove it'
		);
	}

	const port = integer('PORT', CONFIG_DEFAULTS.PORT, 1, 65535);

	let bodySizeLimit = parseBytes(CONFIG_DEFAULTS.BODY_SIZE_LIMIT);
	const bodyValue = raw('BODY_SIZE_LIMIT');
	if (bodyValue !== undefined) {
		const bytes = bodyValue === 'Infinity' ? Infinity : parseBytes(bodyValue);
		if (bytes > 0) bodySizeLimit = bytes;
		else
			problem(
				'BODY_SIZE_LIMIT',
				'须为正的字节数，可带 K/M/G 后缀（例如 54M），或 Infinity',
				'must be a positive number of bytes, optionally with a K/M/G suffix (e.g. 54M), or Infinity'
			);
	}

	const dueOffsetDays = integer('DUE_OFFSET_DAYS', CONFIG_DEFAULTS.DUE_OFFSET_DAYS, 0, 90);

	const smtpHost = raw('SMTP_HOST');
	const smtpPort = integer('SMTP_PORT', CONFIG_DEFAULTS.SMTP_PORT, 1, 65535);
	const smtpUser = raw('SMTP_USER') ?? null;
	const smtpPassword = raw('SMTP_PASSWORD') ?? null;
	const smtpFrom = raw('SMTP_FROM');
	const smtpSecure = oneOf('SMTP_SECURE', { true: true, false: false }, false);
	if (smtpFrom !== undefined && !EMAIL.test(smtpFrom))
		problem('SMTP_FROM', '须为电子邮件地址', 'must be an e-mail address, e.g. tracker@example.gov.cn');
	if (smtpHost !== undefined && smtpFrom === undefined)
		problem(
			'SMTP_FROM',
			'设置了 SMTP_HOST 时必填（发件地址）',
			'is required when SMTP_HOST is set (the sender address)'
		);
	if (smtpHost === undefined) {
		// Credentials or a sender without a host mean the operator meant to send mail and forgot where.
		for (const name of ['SMTP_USER', 'SMTP_PASSWORD', 'SMTP_FROM'].filter((n) => env[n]))
			problem(name, '不会生效：SMTP_HOST 未设置', 'has no effect: SMTP_HOST is not set');
	}
	if ((smtpUser === null) !== (smtpPassword === null)) {
		if (smtpUser === null) problem('SMTP_USER', '设置了 SMTP_PASSWORD 时必填', 'is required when SMTP_PASSWORD is set');
		else problem('SMTP_PASSWORD', '设置了 SMTP_USER 时必填', 'is required when SMTP_USER is set');
	}
	const smtp =
		smtpHost === undefined
			? null
			: {
					host: smtpHost,
					port: smtpPort,
					user: smtpUser,
					password: smtpPassword,
					from: smtpFrom ?? '',
					secure: smtpSecure
				};

	const apiRatePerMinute = integer(
		'API_RATE_PER_MINUTE',
		CONFIG_DEFAULTS.API_RATE_PER_MINUTE,
		1,
		Number.MAX_SAFE_INTEGER
	);
	const uploadsPerHour = integer('UPLOADS_PER_HOUR', CONFIG_DEFAULTS.UPLOADS_PER_HOUR, 1, Number.MAX_SAFE_INTEGER);
	const intakeConcurrency = integer('INTAKE_CONCURRENCY', CONFIG_DEFAULTS.INTAKE_CONCURRENCY, 1, 16);
	const intakeQueueMax = integer('INTAKE_QUEUE_MAX', CONFIG_DEFAULTS.INTAKE_QUEUE_MAX, 0, 1000);
	// 0 is adapter-node's "close open connections at once"; an hour is far beyond any request this app serves.
	const shutdownTimeoutSeconds = integer('SHUTDOWN_TIMEOUT', CONFIG_DEFAULTS.SHUTDOWN_TIMEOUT, 0, 3600);
	const quietLogs = oneOf('QUIET_LOGS', { '0': false, '1': true }, false);
	const seedDemo = oneOf('SEED_DEMO', { '0': false, '1': true }, true);
	const scheduler = oneOf('SCHEDULER', { on: true, off: false }, true);
	const clockTime = (name: 'REMINDERS_AT' | 'MAIL_DIGEST_AT'): string => {
		const value = raw(name);
		if (value === undefined) return CONFIG_DEFAULTS[name];
		if (/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(value)) return value;
		problem(name, '须为北京时间 HH:MM，例如 08:00', 'must be a China time HH:MM, e.g. 08:00');
		return CONFIG_DEFAULTS[name];
	};
	const remindersAt = clockTime('REMINDERS_AT');
	const digestAt = clockTime('MAIL_DIGEST_AT');
	const mailMaxAttempts = integer('MAIL_MAX_ATTEMPTS', CONFIG_DEFAULTS.MAIL_MAX_ATTEMPTS, 1, 50);

	return {
		config: {
			databaseUrl,
			dataDir,
			origin,
			protocolHeader,
			hostHeader,
			addressHeader,
			xffDepth,
			port,
			bodySizeLimit,
			dueOffsetDays,
			smtp,
			apiRatePerMinute,
			uploadsPerHour,
			intakeConcurrency,
			intakeQueueMax,
			shutdownTimeoutSeconds,
			quietLogs,
			seedDemo,
			scheduler,
			remindersAt,
			digestAt,
			mailMaxAttempts
		},
		problems
	};
}

/** The refusal text: a heading, then one line per problem (variable, value, why in Chinese and English). */
export function formatConfigProblems(problems: ConfigProblem[]): string {
	return [
		'配置有误，拒绝启动 / Configuration is wrong; refusing to start:',
		...problems.map((p) => `  ${p.variable}=${p.value}: ${p.zh} / ${p.en}`),
		'参见 .env.example 与 README「Configuration」/ See .env.example and the README section "Configuration".'
	].join('\n');
}

/** The checked config; throws an Error listing every problem (see `formatConfigProblems`) when any value is wrong. */
export function assertConfig(env: Env = process.env): Config {
	const { config, problems } = readConfig(env);
	if (problems.length) throw new Error(formatConfigProblems(problems));
	return config;
}

/**
 * The reporting due-date offset (days after a quarter ends) given to newly created batches: DUE_OFFSET_DAYS,
 * or 15. A wrong value gives 15 here because start-up has already refused it.
 */
export function defaultDueOffsetDays(env: Env = process.env): number {
	return readConfig(env).config.dueOffsetDays;
}

// Values are shown quoted so that stray spaces are visible. A secret's value never is: the message goes to
// the terminal and the service journal, where anyone reading the logs would see it.
const SECRETS = new Set(['SMTP_PASSWORD']);

function shown(variable: string, value: string | undefined): string {
	if (value === undefined) return '(unset)';
	if (SECRETS.has(variable)) return value === '' ? '(empty)' : '(set)';
	return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

function parseBytes(value: string): number {
	const match = BYTES.exec(value);
	if (!match) return NaN;
	const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
	return Number(match[1]) * unit;
}
