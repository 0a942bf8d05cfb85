/**
 * Socket.IO joined to the rest of the server: what a new socket is sent and may ask for
 * (attach.ts, supervision.ts, boards/socket.ts), and which feature's change reaches which sockets
 * (live patches, thresholds, stale sources, boards and screens). The composition root calls it
 * once the HTTP server exists.
 */
import type { Server as HttpServer } from 'node:http';
import type { Accounts } from '../accounts';
import type { Authenticator } from '../auth/authenticate';
import type { Boards } from '../boards';
import { connectScreen } from '../boards/socket';
import type { Config } from '../config';
import type { SourceHealth } from '../ingest/source-health';
import type { Live } from '../live';
import type { Logger } from '../logger';
import type { RedisClients } from '../redis-clients';
import type { Telemetry } from '../telemetry';
import type { ThresholdsService } from '../thresholds';
import { attachRealtime, type Realtime } from './attach';
import type { Supervision } from './supervision';

export function wireRealtime(
	httpServer: HttpServer,
	f: {
		config: Pick<Config, 'allowedOrigins'>;
		logger: Logger;
		telemetry: Telemetry;
		redis: RedisClients | undefined;
		live: Live;
		thresholds: ThresholdsService;
		accounts: Accounts;
		authenticate: Authenticator;
		openReads(): Promise<boolean>;
		sourceHealth: SourceHealth;
		supervision: Supervision;
		boards: Boards;
	}
): Realtime {
	const { accounts, boards, live, logger, thresholds, sourceHealth } = f;
	const realtime = attachRealtime(httpServer, {
		adapter: f.redis?.socketAdapter(),
		onRemoteThresholds: (next) => thresholds.adopt(next),
		current: () => live.current(),
		thresholds: () => thresholds.current(),
		authenticate: f.authenticate,
		openReads: f.openReads,
		allowedOrigins: f.config.allowedOrigins,
		validSessions: (ids) => accounts.validSessionIds(ids),
		validDisplays: (ids) => accounts.validDisplayIds(ids),
		touchDisplays: (ids) => accounts.touchDisplays(ids),
		logger,
		sources: () => ({ stale: sourceHealth.stale() }),
		onClientCount: (n) => f.telemetry.socketClients.set(n),
		onConnection: (socket, io) => {
			f.supervision.connect(socket, io);
			connectScreen(socket, boards, logger);
		}
	});
	boards.onChange((change) => realtime.broadcastBoards(change));
	boards.onScreen((displayId, assignment) => realtime.sendScreen(displayId, assignment));
	live.onPatch((message) => realtime.broadcast(message));
	thresholds.onChange((next) => realtime.broadcastThresholds(next));
	sourceHealth.onStaleChange((stale) => realtime.broadcastSources({ stale }));
	return realtime;
}
