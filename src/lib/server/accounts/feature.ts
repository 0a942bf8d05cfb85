/**
 * The accounts feature as the server runs it: the accounts on the database, the first admin from
 * ADMIN_PASSWORD, the hourly sweep of expired sessions, the credential → principal authenticator
 * and the rate limits (shared through Redis when there is one). `close()` stops the sweep.
 */
import type { Config } from '../config';
import type { Database } from '../db/connect';
import type { Logger } from '../logger';
import type { RedisClient } from '../redis-clients';
import { createAuthenticator, type Authenticator } from '../auth/authenticate';
import { createLimiter, type Limiter } from '../auth/rate-limit';
import { createAccounts, LOCKOUT_MS, LOCKOUT_THRESHOLD, type Accounts } from '.';

const SESSION_SWEEP_MS = 3600_000;
const SIGN_IN_WINDOW_S = 600;

export type AccountsFeature = {
	accounts: Accounts;
	authenticate: Authenticator;
	/** lockout: failed sign-ins per (username, client address), see accounts/sessions.ts. */
	limits: { login: Limiter; enrol: Limiter; lockout: Limiter; ingest: Limiter };
	close(): void;
};

export async function openAccountsFeature(deps: {
	database: Database;
	config: Config;
	/** Counts the rate limits across instances; memory only without it. */
	redis: RedisClient | undefined;
	logger: Logger;
	now: () => number;
}): Promise<AccountsFeature> {
	const { config, logger } = deps;
	const accounts = createAccounts(deps.database.db, deps.now);
	if (config.admin.password) {
		const outcome = await accounts.ensureFirstAdmin(config.admin.username, config.admin.password);
		if (outcome === 'created') {
			logger.info(
				{ username: config.admin.username },
				'first admin account created from ADMIN_PASSWORD'
			);
		}
	}
	const limiter = (name: string, points: number, durationSeconds: number) =>
		createLimiter({
			name,
			points,
			durationSeconds,
			redis: deps.redis,
			redisKeyPrefix: config.redisKeyPrefix
		});
	const sweeper = setInterval(() => {
		accounts
			.deleteExpiredSessions()
			.catch((err: unknown) => logger.warn({ err }, 'deleting expired sessions failed'));
	}, SESSION_SWEEP_MS);
	return {
		accounts,
		authenticate: createAuthenticator({
			accounts,
			readToken: config.readToken,
			sessionIdleMs: config.sessionIdleMs
		}),
		limits: {
			login: limiter('login', config.loginRateLimit, SIGN_IN_WINDOW_S),
			enrol: limiter('enrol', config.loginRateLimit, SIGN_IN_WINDOW_S),
			lockout: limiter('lockout', LOCKOUT_THRESHOLD - 1, LOCKOUT_MS / 1000),
			ingest: limiter('ingest', config.ingestRateLimit, 1)
		},
		close: () => clearInterval(sweeper)
	};
}
