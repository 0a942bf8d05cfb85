/** The Socket.IO push protocol (contract §4), typed for both ends. */
import type { Snapshot } from './snapshot';
import type { MergePatch } from './merge-patch';
import type { Thresholds } from './thresholds';
import type {
	AlertAckRequest,
	AlertList,
	DetailMessage,
	SupervisionError,
	UnwatchRequest,
	WatchRequest
} from './supervision';

/** Applying `patch` (RFC 7386) to the snapshot whose seq is `base` gives the one whose seq is `seq`. */
export type PatchMessage = { seq: number; base: number; patch: MergePatch };

export interface ServerToClientEvents {
	snapshot: (snapshot: Snapshot) => void;
	patch: (message: PatchMessage) => void;
	/** The threshold bands: right after connecting and whenever they change. */
	thresholds: (thresholds: Thresholds) => void;
	/** Supervision detail, only to the sockets watching it (supervision.ts). */
	detail: (message: DetailMessage) => void;
	/** Active and recently cleared alerts: on connect and whenever they change. */
	alerts: (list: AlertList) => void;
	/** A `watch`, `unwatch` or `alert.ack` the server refused. */
	'supervision.error': (error: SupervisionError) => void;
}

export interface ClientToServerEvents {
	resync: () => void;
	watch: (request: WatchRequest) => void;
	unwatch: (request: UnwatchRequest) => void;
	'alert.ack': (request: AlertAckRequest) => void;
}

/** Patches come at most 10 a second per client: on average one per this many ms. */
export const PATCH_MIN_INTERVAL_MS = 100;
/** With nothing changing, a patch carrying at least a new `at` goes out this often. */
export const HEARTBEAT_INTERVAL_MS = 5000;
