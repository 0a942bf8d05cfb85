/**
 * The environment (docs/contract.md §1), parsed and validated once. A bad value stops the start with a
 * message that names the variable.
 */
import { z } from 'zod';
import type { Category } from '../contract/events';
import { ALERT_CLEAR_HOLD_MS, ALERT_ESCALATE_MS, ALERT_RAISE_HOLD_MS } from '../metrics/alerts';
import type { MetricsConfig } from '../metrics/config';

const MINUTE_MS = 60_000;

const bool01 = z.enum(['0', '1'], { message: 'must be 0 or 1' });
const positiveNumber = z.coerce
	.number({ message: 'must be a number' })
	.finite('must be a finite number')
	.positive('must be greater than 0');
const nonNegativeNumber = z.coerce
	.number({ message: 'must be a number' })
	.finite('must be a finite number')
	.min(0, 'must be 0 or more');

function validTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}

/** `general=15,elderly=10` → { general: 15000, elderly: 10000 } */
const queueTargets = z.string().transform((s, ctx) => {
	const out: Record<string, number> = {};
	for (const part of s
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean)) {
		const m = /^([^=\s]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
		if (!m || Number(m[2]) <= 0) {
			ctx.addIssue({
				code: 'custom',
				message: `"${part}" is not queue=seconds (e.g. "elderly=10,foreign=20")`
			});
			return z.NEVER;
		}
		out[m[1] as string] = Number(m[2]) * 1000;
	}
	return out;
});

const envSchema = z.object({
	PORT: z.coerce
		.number({ message: 'must be a port number' })
		.int('must be an integer')
		.min(0, 'must be 0–65535')
		.max(65535, 'must be 0–65535')
		.default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
		.optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
		.optional(),
	REDIS_KEY_PREFIX: z
		.string()
		.regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1–64 letters, digits or :_.-')
		.default('hw:'),
	INGEST_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
	READ_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
	WALLBOARD_TIMEZONE: z
		.string()
		.default('Asia/Shanghai')
		.refine(validTimeZone, { message: 'is not an IANA time zone (e.g. Asia/Shanghai)' }),
	SIMULATE: bool01.default('0'),
	SIMULATE_SEED: z.coerce.number().int('must be an integer').default(12345),
	SIMULATE_SCALE: positiveNumber.max(50, 'must be at most 50').default(1),
	SIMULATE_SPEED: z
		.union([z.literal('max'), positiveNumber])
		.default('max')
		.describe('how fast the day so far is replayed before the simulator follows the clock'),
	SIMULATE_BACKFILL: bool01.default('1'),
	SIMULATE_FORMAT: z
		.enum(['events', 'queue-log'], { message: 'must be events or queue-log' })
		.default('events'),
	ASTERISK_QUEUE_LOG: z.string().min(1).optional(),
	SERVICE_LEVEL_TARGET_SECONDS: positiveNumber.default(15),
	QUEUE_TARGETS: queueTargets.default({}),
	SERVICE_LEVEL_GOAL: z.coerce
		.number()
		.gt(0, 'must be greater than 0')
		.lt(1, 'must be less than 1')
		.default(0.9),
	DISPATCH_DEADLINE_EMERGENCY_MINUTES: positiveNumber.default(60),
	DISPATCH_DEADLINE_LIVELIHOOD_MINUTES: positiveNumber.default(120),
	DISPATCH_DEADLINE_GENERAL_MINUTES: positiveNumber.default(24 * 60),
	INGEST_BODY_LIMIT_BYTES: z.coerce
		.number()
		.int('must be an integer')
		.min(1024, 'must be at least 1024')
		.default(10 * 1024 * 1024),
	ADMIN_USERNAME: z
		.string()
		.regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'must be 2–32 lower-case letters, digits or ._-')
		.default('admin'),
	ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(256).optional(),
	ALLOWED_ORIGINS: z
		.string()
		.transform((s, ctx) => {
			const out: string[] = [];
			for (const part of s
				.split(',')
				.map((p) => p.trim())
				.filter(Boolean)) {
				let origin: string | null = null;
				try {
					const u = new URL(part);
					if (u.protocol === 'http:' || u.protocol === 'https:') origin = u.origin;
				} catch {
					// reported below
				}
				if (!origin || origin !== part.replace(/\/$/, '')) {
					ctx.addIssue({
						code: 'custom',
						message: `"${part}" is not an origin like https://wall.example.gov.cn`
					});
					return z.NEVER;
				}
				out.push(origin);
			}
			return out;
		})
		.default([]),
	SESSION_IDLE_MINUTES: positiveNumber
		.max(7 * 24 * 60, 'must be at most 10080 (7 days)')
		.default(12 * 60),
	LOGIN_RATE_LIMIT: z.coerce.number().int('must be an integer').min(1).default(20),
	INGEST_RATE_LIMIT: z.coerce.number().int('must be an integer').min(1).default(1000),
	FREESWITCH_ESL: z
		.string()
		.transform((s, ctx) => {
			const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(s.trim());
			const port = m ? Number(m[3]) : 0;
			if (!m || port < 1 || port > 65535) {
				ctx.addIssue({
					code: 'custom',
					message: 'must be host:port of the event socket (e.g. 10.0.0.5:8021, [::1]:8021)'
				});
				return z.NEVER;
			}
			return { host: (m[1] ?? m[2]) as string, port };
		})
		.optional(),
	FREESWITCH_ESL_PASSWORD: z.string().min(1).max(256).default('ClueCon'),
	SOURCE_STALE_SECONDS: positiveNumber.default(120),
	/** Raw events older than this leave the events table (the history rollups stay). */
	EVENTS_RETENTION_DAYS: z.coerce
		.number({ message: 'must be a number of days' })
		.int('must be a whole number of days')
		.min(32, 'must be at least 32 (the live figures read 30 days of surveys)')
		.max(36_500, 'must be at most 36500')
		.default(400),
	DISTRICTS_GEOJSON: z.string().min(1).optional(),
	SURGE_SCAN_SECONDS: positiveNumber.max(3600, 'must be at most 3600').default(60),
	ALERT_RAISE_HOLD_SECONDS: nonNegativeNumber.max(3600).default(ALERT_RAISE_HOLD_MS / 1000),
	ALERT_CLEAR_HOLD_SECONDS: nonNegativeNumber.max(3600).default(ALERT_CLEAR_HOLD_MS / 1000),
	ALERT_ESCALATE_MINUTES: positiveNumber.max(24 * 60).default(ALERT_ESCALATE_MS / MINUTE_MS),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
});

export type Config = {
	port: number;
	host: string;
	databaseUrl: string | undefined;
	dataDir: string;
	redisUrl: string | undefined;
	redisKeyPrefix: string;
	ingestToken: string | undefined;
	readToken: string | undefined;
	timezone: string;
	/** A GeoJSON FeatureCollection of districts (`properties.name`); the bundled Beijing file if unset. */
	districtsGeojson: string | undefined;
	surgeScanMs: number;
	/** A figure must stay red this long before its alert is raised, green before it clears. */
	alertHolds: { raiseHoldMs: number; clearHoldMs: number };
	/** An unacknowledged red alert escalates (to managers, louder on the wall) after this long. */
	alertEscalateMs: number;
	simulate: {
		enabled: boolean;
		seed: number;
		scale: number;
		speed: number | 'max';
		backfill: boolean;
		/** `queue-log`: the traffic goes out as Asterisk queue_log lines through the adapter. */
		format: 'events' | 'queue-log';
	};
	/** An Asterisk queue_log file the server follows (docs/contract.md §8), or undefined. */
	asteriskQueueLog: string | undefined;
	serviceLevelTargetMs: number;
	serviceLevelTargetByQueueMs: Record<string, number>;
	/** The service-level goal G of Erlang C staffing (contract §7), 0 < G < 1. */
	serviceLevelGoal: number;
	dispatchDeadlineMs: Record<Category, number>;
	ingestBodyLimitBytes: number;
	/** The first admin's name and password (created at the first start with no account). */
	admin: { username: string; password: string | undefined };
	/** Browser origins allowed besides the server's own (sockets, state-changing requests). */
	allowedOrigins: string[];
	sessionIdleMs: number;
	/** Sign-in attempts per client address per 10 minutes. */
	loginRateLimit: number;
	/** Ingest requests per source per second. */
	ingestRateLimit: number;
	/** FreeSWITCH's event socket (mod_callcenter events), when configured. */
	freeswitch: { host: string; port: number; password: string } | undefined;
	/** A source silent (or failing) this long is shown as interrupted on every screen. */
	sourceStaleMs: number;
	/** Raw events older than this many days are removed (PGlite: exported first). */
	eventsRetentionDays: number;
	logLevel: string;
};

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

/** Parses the environment; throws a {@link ConfigError} that names every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
	// An empty variable means "unset", as in most shells' `VAR= cmd`.
	const present = Object.fromEntries(
		Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== '')
	);
	const parsed = envSchema.safeParse(present);
	if (!parsed.success) {
		throw new ConfigError(
			parsed.error.issues.map((i) => {
				const name = String(i.path[0] ?? '(environment)');
				return `${name}=${JSON.stringify(present[name] ?? '')}: ${i.message}`;
			})
		);
	}
	const e = parsed.data;
	if (e.REDIS_URL && !e.DATABASE_URL) {
		throw new ConfigError([
			'REDIS_URL is set without DATABASE_URL: several instances need PostgreSQL (the embedded PGlite serves one process)'
		]);
	}
	return {
		port: e.PORT,
		host: e.HOST,
		databaseUrl: e.DATABASE_URL,
		dataDir: e.DATA_DIR,
		redisUrl: e.REDIS_URL,
		redisKeyPrefix: e.REDIS_KEY_PREFIX,
		ingestToken: e.INGEST_TOKEN,
		readToken: e.READ_TOKEN,
		timezone: e.WALLBOARD_TIMEZONE,
		districtsGeojson: e.DISTRICTS_GEOJSON,
		surgeScanMs: e.SURGE_SCAN_SECONDS * 1000,
		alertHolds: {
			raiseHoldMs: e.ALERT_RAISE_HOLD_SECONDS * 1000,
			clearHoldMs: e.ALERT_CLEAR_HOLD_SECONDS * 1000
		},
		alertEscalateMs: e.ALERT_ESCALATE_MINUTES * MINUTE_MS,
		simulate: {
			enabled: e.SIMULATE === '1',
			seed: e.SIMULATE_SEED,
			scale: e.SIMULATE_SCALE,
			speed: e.SIMULATE_SPEED,
			backfill: e.SIMULATE_BACKFILL === '1',
			format: e.SIMULATE_FORMAT
		},
		asteriskQueueLog: e.ASTERISK_QUEUE_LOG,
		serviceLevelTargetMs: e.SERVICE_LEVEL_TARGET_SECONDS * 1000,
		serviceLevelTargetByQueueMs: e.QUEUE_TARGETS,
		serviceLevelGoal: e.SERVICE_LEVEL_GOAL,
		dispatchDeadlineMs: {
			emergency: e.DISPATCH_DEADLINE_EMERGENCY_MINUTES * MINUTE_MS,
			livelihood: e.DISPATCH_DEADLINE_LIVELIHOOD_MINUTES * MINUTE_MS,
			general: e.DISPATCH_DEADLINE_GENERAL_MINUTES * MINUTE_MS
		},
		ingestBodyLimitBytes: e.INGEST_BODY_LIMIT_BYTES,
		admin: { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD },
		allowedOrigins: e.ALLOWED_ORIGINS,
		sessionIdleMs: e.SESSION_IDLE_MINUTES * MINUTE_MS,
		loginRateLimit: e.LOGIN_RATE_LIMIT,
		ingestRateLimit: e.INGEST_RATE_LIMIT,
		freeswitch: e.FREESWITCH_ESL && { ...e.FREESWITCH_ESL, password: e.FREESWITCH_ESL_PASSWORD },
		sourceStaleMs: e.SOURCE_STALE_SECONDS * 1000,
		eventsRetentionDays: e.EVENTS_RETENTION_DAYS,
		logLevel: e.LOG_LEVEL
	};
}

/** The metrics rules of the configuration: the live engine's and the history rollups'. */
export function metricsConfigOf(config: Config): MetricsConfig {
	return {
		timezone: config.timezone,
		serviceLevelTargetMs: config.serviceLevelTargetMs,
		serviceLevelTargetByQueueMs: config.serviceLevelTargetByQueueMs,
		dispatchDeadlineMs: config.dispatchDeadlineMs,
		serviceLevelGoal: config.serviceLevelGoal
	};
}
