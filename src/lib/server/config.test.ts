import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
	it('applies the contract defaults', () => {
		const c = loadConfig({});
		expect(c.port).toBe(3000);
		expect(c.host).toBe('0.0.0.0');
		expect(c.databaseUrl).toBeUndefined();
		expect(c.dataDir).toBe('./data');
		expect(c.redisUrl).toBeUndefined();
		expect(c.ingestToken).toBeUndefined();
		expect(c.readToken).toBeUndefined();
		expect(c.timezone).toBe('Asia/Shanghai');
		expect(c.simulate.enabled).toBe(false);
		expect(c.serviceLevelTargetMs).toBe(15_000);
		expect(c.dispatchDeadlineMs).toEqual({
			emergency: 3_600_000,
			livelihood: 7_200_000,
			general: 86_400_000
		});
		expect(c.ingestBodyLimitBytes).toBe(10 * 1024 * 1024);
	});

	it('reads every variable', () => {
		const c = loadConfig({
			PORT: '8080',
			HOST: '127.0.0.1',
			DATABASE_URL: 'postgres://u@h:5432/db',
			REDIS_KEY_PREFIX: 'tenant1:',
			DATA_DIR: '/tmp/x',
			REDIS_URL: 'redis://127.0.0.1:6379',
			INGEST_TOKEN: 'abcdefghijklmnop',
			READ_TOKEN: 'qrstuvwxyz012345',
			WALLBOARD_TIMEZONE: 'Europe/Berlin',
			SIMULATE: '1',
			SIMULATE_SPEED: '60',
			QUEUE_TARGETS: 'elderly=10, foreign=20.5',
			DISPATCH_DEADLINE_EMERGENCY_MINUTES: '30'
		});
		expect(c).toMatchObject({
			port: 8080,
			host: '127.0.0.1',
			databaseUrl: 'postgres://u@h:5432/db',
			dataDir: '/tmp/x',
			redisUrl: 'redis://127.0.0.1:6379',
			redisKeyPrefix: 'tenant1:',
			ingestToken: 'abcdefghijklmnop',
			readToken: 'qrstuvwxyz012345',
			timezone: 'Europe/Berlin',
			simulate: { enabled: true, speed: 60 },
			serviceLevelTargetByQueueMs: { elderly: 10_000, foreign: 20_500 }
		});
		expect(c.dispatchDeadlineMs.emergency).toBe(1_800_000);
	});

	it('reads the FreeSWITCH event socket and the source stale threshold', () => {
		expect(loadConfig({})).toMatchObject({ freeswitch: undefined, sourceStaleMs: 120_000 });
		expect(
			loadConfig({ FREESWITCH_ESL: '10.0.0.5:8021', SOURCE_STALE_SECONDS: '3' })
		).toMatchObject({
			freeswitch: { host: '10.0.0.5', port: 8021, password: 'ClueCon' },
			sourceStaleMs: 3000
		});
		expect(
			loadConfig({ FREESWITCH_ESL: '[::1]:8021', FREESWITCH_ESL_PASSWORD: 's3cret' }).freeswitch
		).toEqual({ host: '::1', port: 8021, password: 's3cret' });
	});

	it('treats empty variables as unset', () => {
		expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
	});

	it.each([
		['PORT', 'abc', /PORT="abc": must be a port number/],
		['PORT', '70000', /PORT="70000": must be 0–65535/],
		[
			'WALLBOARD_TIMEZONE',
			'Mars/Base',
			/WALLBOARD_TIMEZONE="Mars\/Base": is not an IANA time zone/
		],
		['DATABASE_URL', 'mysql://x', /DATABASE_URL="mysql:\/\/x": must be a postgres/],
		['REDIS_URL', 'http://x', /REDIS_URL="http:\/\/x": must be a redis/],
		['SIMULATE', 'yes', /SIMULATE="yes": must be 0 or 1/],
		['INGEST_TOKEN', 'short', /INGEST_TOKEN="short": must be at least 16/],
		[
			'QUEUE_TARGETS',
			'elderly:10',
			/QUEUE_TARGETS="elderly:10": "elderly:10" is not queue=seconds/
		],
		['FREESWITCH_ESL', '10.0.0.5', /FREESWITCH_ESL="10.0.0.5": must be host:port/],
		['FREESWITCH_ESL', 'fs:0', /FREESWITCH_ESL="fs:0": must be host:port/],
		['SOURCE_STALE_SECONDS', '0', /SOURCE_STALE_SECONDS="0": must be greater than 0/]
	])('rejects %s=%s naming the variable', (name, value, message) => {
		expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
		expect(() => loadConfig({ [name]: value })).toThrow(message);
	});

	it('refuses REDIS_URL without DATABASE_URL', () => {
		expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
			/REDIS_URL is set without DATABASE_URL/
		);
	});

	it('lists every bad variable at once', () => {
		try {
			loadConfig({ PORT: 'x', SIMULATE: '2' });
			expect.unreachable();
		} catch (e) {
			expect((e as ConfigError).problems).toHaveLength(2);
		}
	});
});
