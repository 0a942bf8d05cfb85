/**
 * What the running server offers its routes and entry points (the composition root, app.ts,
 * builds it). Routes reach it through `withApp` (http/route.ts) or `appOr503`, never through
 * anything else.
 */
import type { Server as HttpServer } from 'node:http';
import type { Snapshot } from '../contract';
import type { Accounts } from './accounts';
import type { Assessment } from './assessment';
import type { Audit } from './audit';
import type { Authenticator } from './auth/authenticate';
import type { Limiter } from './auth/rate-limit';
import type { AlertService } from './alerts';
import type { Boards } from './boards';
import type { Config } from './config';
import type { History } from './history';
import type { IngestResult } from './ingest/service';
import type { SourceHealth } from './ingest/source-health';
import type { Logger } from './logger';
import type { Telemetry } from './telemetry';
import type { SurgeWatch } from './surge';
import type { ThresholdsService } from './thresholds';
import type { TicketTimelines } from './tickets';

export interface App {
	readonly config: Config;
	readonly logger: Logger;
	readonly telemetry: Telemetry;
	/** Validates, de-duplicates, stores durably, applies (the simulator, benchmarks). */
	ingest(items: readonly unknown[]): Promise<IngestResult>;
	/** `POST /api/v1/events`: credential, body, limits, ingest. */
	ingestRequest(request: Request): Promise<Response>;
	/** `POST /api/v1/adapters/asterisk/queue-log`: the same checks, queue_log lines. */
	queueLogRequest(request: Request): Promise<Response>;
	/** The live snapshot including every event accepted before the call. */
	snapshot(): Promise<Snapshot>;
	/** True when the database answers and the live state is restored. */
	ready(): Promise<boolean>;
	readonly thresholds: ThresholdsService;
	readonly accounts: Accounts;
	/** The audit log: `record()` every change an admin or manager makes (audit/README.md). */
	readonly audit: Audit;
	readonly authenticate: Authenticator;
	/** True while no account exists: the PII-free live figures are open (docs/contract.md §1). */
	openReads(): Promise<boolean>;
	/** lockout: failed sign-ins per (username, client address), see accounts/sessions.ts. */
	readonly limits: { login: Limiter; enrol: Limiter; lockout: Limiter };
	readonly alerts: AlertService;
	readonly history: History;
	/** The 接诉即办 assessment: ranking, topic trend, weights (assessment/). */
	readonly assessment: Assessment;
	readonly tickets: TicketTimelines;
	/** Early warning of ticket clusters (surge.ts); `scan()` runs one now. */
	readonly surges: SurgeWatch;
	/** Boards, playlists and each screen's assignment (contract §9, boards/). */
	readonly boards: Boards;
	/** Each data source's state, last event, rate and last error (/admin, /metrics, the wall). */
	readonly sourceHealth: SourceHealth;
	/** Cuts a display's or a session's sockets on every instance (revocation, logout). */
	disconnect(target: { displayId: string } | { sessionId: string }): void;
	/** Serves Socket.IO on the HTTP server that also serves the pages. */
	attach(httpServer: HttpServer): void;
	/**
	 * Starts background work that should only run once the server listens (the simulator);
	 * resolves once its first phase is done (the simulator has replayed the day so far).
	 */
	startBackground(): Promise<void>;
	/** Stops accepting, lets in-flight batches finish, closes sockets, clients and the database. */
	close(): Promise<void>;
}

export type AppOptions = { logger?: Logger; now?: () => number; migrationsFolder?: string };
