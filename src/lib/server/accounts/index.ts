/**
 * Accounts on the database: the one gateway for every credential. People (`users.ts`), their
 * sessions (`sessions.ts`), wall displays (`displays.ts`) and ingest sources (`sources.ts`), each
 * a small `createX(db, now)`, composed here into the one `Accounts` object the server, the
 * routes and scripts/admin.ts use. Inputs are checked by the zod schemas in `inputs.ts`;
 * passwords are stored as argon2id, tokens, codes and credentials as sha-256.
 */
import type { StoreDatabase } from '../db/drizzle-store';
import { createDisplays } from './displays';
import { createSessions } from './sessions';
import { createSources } from './sources';
import { createUsers } from './users';

export {
	AccountError,
	BOARDS,
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH,
	USERNAME_PATTERN,
	validatePassword,
	validateUsername,
	type Board
} from './inputs';
export { hashPassword, type UserView } from './users';
export { LOCKOUT_MS, LOCKOUT_THRESHOLD, SESSION_MAX_AGE_MS, type SignInResult } from './sessions';
export { ENROL_CODE_TTL_MS, type DisplayView } from './displays';
export type { SourceCredential, SourceView } from './sources';

export type Accounts = ReturnType<typeof createAccounts>;

export function createAccounts(db: StoreDatabase, now: () => number = Date.now) {
	return {
		...createUsers(db, now),
		...createSessions(db, now),
		...createDisplays(db, now),
		...createSources(db, now)
	};
}
