/** The Socket.IO push protocol (contract §4), typed for both ends, and its version. */
import type { Snapshot } from './snapshot';
import type { MergePatch } from './merge-patch';
import type { Thresholds } from './thresholds';
import type { BoardsChanged, ScreenAssignment, ScreenShowing } from './boards';
import type {
	AlertAckRequest,
	AlertList,
	DetailMessage,
	SupervisionError,
	UnwatchRequest,
	WatchRequest
} from './supervision';

/**
 * The shape of the socket messages below and of the snapshot they carry. Bump it whenever either
 * changes in a way an older page could misread (a renamed or retyped field, a new message a page
 * must handle). The browser states it in the handshake (`auth.protocol`); a server speaking
 * another version refuses the connection with `connect_error` `data: {code: 'protocol', expected,
 * got}`, and the page reloads itself onto the new bundle (live.svelte.ts). A client that states
 * no version (contract §4 machine readers: `auth: {token}` only) is served as before: they read
 * the contract, not this bundle, and adding fields never breaks them.
 * 1: contract v1/v1.1 up to the restructuring; 2: the version check itself (same messages).
 */
export const PROTOCOL_VERSION = 2;

/** What `connect_error`'s `data` carries when the handshake states another protocol version. */
export type ProtocolRefusal = { code: 'protocol'; expected: number; got: number | string };

/** Applying `patch` (RFC 7386) to the snapshot whose seq is `base` gives the one whose seq is `seq`. */
export type PatchMessage = { seq: number; base: number; patch: MergePatch };

/** The kinds of data source (source health, src/lib/server/ingest/source-health.ts). */
export type SourceKind = 'queue-log-file' | 'freeswitch-esl' | 'http';
/** A source that was sending and has gone quiet or failed; no personal data. */
export type StaleSource = { name: string; kind: SourceKind; since: string };
export type SourcesMessage = { stale: StaleSource[] };

export interface ServerToClientEvents {
	snapshot: (snapshot: Snapshot) => void;
	patch: (message: PatchMessage) => void;
	/** The threshold bands: right after connecting and whenever they change. */
	thresholds: (thresholds: Thresholds) => void;
	/** Supervision detail, only to the sockets watching it (supervision.ts). */
	detail: (message: DetailMessage) => void;
	/** Active and recently cleared alerts: on connect and whenever they change. */
	alerts: (list: AlertList) => void;
	/** Data sources gone quiet or failing (数据源中断): on connect and whenever the list changes. */
	sources: (message: SourcesMessage) => void;
	/** A `watch`, `unwatch` or `alert.ack` the server refused. */
	'supervision.error': (error: SupervisionError) => void;
	/** To an enrolled screen: what it shows; on connect and whenever an admin changes it. */
	screen: (assignment: ScreenAssignment) => void;
	/** A board or playlist was stored or deleted (contract §9). */
	'boards.changed': (change: BoardsChanged) => void;
}

export interface ClientToServerEvents {
	resync: () => void;
	watch: (request: WatchRequest) => void;
	unwatch: (request: UnwatchRequest) => void;
	'alert.ack': (request: AlertAckRequest) => void;
	/** An enrolled screen says what it shows (on connect and whenever it changes). */
	'screen.showing': (showing: ScreenShowing) => void;
}

/** Patches come at most 10 a second per client: on average one per this many ms. */
export const PATCH_MIN_INTERVAL_MS = 100;
/** With nothing changing, a patch carrying at least a new `at` goes out this often. */
export const HEARTBEAT_INTERVAL_MS = 5000;
