/**
 * Socket.IO clients as a wallboard holds them: each keeps the `seq` it holds and the hall's
 * `calls.all.offeredToday`, and records when every patch arrived. Used by the client worker
 * (hundreds of clients in a child process) and in-process for the wire-size measurements.
 */
import { io, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	MergePatch,
	PatchMessage,
	ServerToClientEvents,
	Snapshot
} from '../src/lib/contract';
import { clock, summarize, type Summary } from './stats';

type Wire = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ClientRecord = {
	seq: number;
	offered: number;
	resyncs: number;
	/** Arrival time (ms, {@link clock}) and offeredToday after each patch since `record()`. */
	times: number[];
	values: number[];
	/** The server's push time of each patch: its `at` (the time the snapshot describes). */
	pushes: number[];
};

export type LatencyReport = {
	clients: number;
	events: number;
	/** Every (event, client) pair. */
	all: Summary;
	/**
	 * Latency net of the wait the 10-patches-a-second cap imposes: minus max(0, previous push +
	 * 100 ms − POST start), the previous push time being that patch's `at`.
	 */
	net: Summary;
	/** Pairs whose event arrived ≥ 100 ms after the client's previous patch: pushed at once. */
	openers: Summary;
	/** (event, client) pairs never seen before the report. */
	missing: number;
	resyncs: number;
	/** Patches per client per second over the run, and the most in any 1 s sliding window. */
	patchesPerClientPerSecond: number;
	maxPatchesInOneSecond: number;
	/** The same by the server's push times (each patch's `at`): jitter in delivery left out. */
	maxPushesInOneSecond: number;
	/** Shortest gap between two pushes by the server's `at` (the cap asks for ≥ 100 ms). */
	minPushGapMs: number;
	patchesPerClient: number;
};

export type WireSizes = { snapshot: number[]; patch: number[] };

const offeredOf = (s: Snapshot) => s.calls.all.offeredToday;

function patchOffered(patch: MergePatch): number | undefined {
	const calls = (patch as { calls?: { all?: { offeredToday?: unknown } } }).calls;
	const v = calls?.all?.offeredToday;
	return typeof v === 'number' ? v : undefined;
}

export class ClientPool {
	readonly sockets: Wire[] = [];
	readonly records: ClientRecord[] = [];
	/** Frame sizes in bytes as received on the wire by the first client. */
	readonly wire: WireSizes = { snapshot: [], patch: [] };
	recordFrom = Infinity;

	constructor(readonly url: string) {}

	/** Connects `count` clients, `parallel` at a time; resolves once each holds a snapshot. */
	async connect(count: number, parallel = 50): Promise<void> {
		for (let i = 0; i < count; i += parallel) {
			const wave = [];
			for (let j = i; j < Math.min(count, i + parallel); j++) wave.push(this.connectOne(j));
			await Promise.all(wave);
		}
	}

	private connectOne(index: number): Promise<void> {
		const socket: Wire = io(this.url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			timeout: 20_000
		});
		const record: ClientRecord = {
			seq: -1,
			offered: -1,
			resyncs: 0,
			times: [],
			values: [],
			pushes: []
		};
		this.sockets.push(socket);
		this.records.push(record);
		if (index === 0) {
			socket.io.on('open', () => {
				socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
					if (packet.type !== 'message' || typeof packet.data !== 'string') return;
					// The WebSocket frame is the engine.io type character plus this text.
					const bytes = Buffer.byteLength(packet.data) + 1;
					if (packet.data.startsWith('2["snapshot"')) this.wire.snapshot.push(bytes);
					else if (packet.data.startsWith('2["patch"')) this.wire.patch.push(bytes);
				});
			});
		}
		socket.on('snapshot', (s) => {
			record.seq = s.seq;
			record.offered = offeredOf(s);
		});
		socket.on('patch', (m: PatchMessage) => {
			const at = clock();
			if (record.seq !== m.base) {
				record.resyncs++;
				record.seq = -1;
				socket.emit('resync');
				return;
			}
			record.seq = m.seq;
			const offered = patchOffered(m.patch);
			if (offered !== undefined) record.offered = offered;
			if (at >= this.recordFrom) {
				record.times.push(at);
				record.values.push(record.offered);
				const pushedAt = (m.patch as { at?: unknown }).at;
				record.pushes.push(typeof pushedAt === 'string' ? Date.parse(pushedAt) : NaN);
			}
		});
		return new Promise((resolve, reject) => {
			socket.once('snapshot', () => resolve());
			socket.once('connect_error', (err) => reject(err));
		});
	}

	/** Forgets earlier arrivals and starts recording; returns the offeredToday every client holds. */
	record(): number {
		for (const r of this.records) {
			r.times = [];
			r.values = [];
			r.pushes = [];
			r.resyncs = 0;
		}
		this.recordFrom = clock();
		const bases = new Set(this.records.map((r) => r.offered));
		if (bases.size !== 1) throw new Error(`clients disagree on offeredToday: ${[...bases]}`);
		return this.records[0]?.offered ?? 0;
	}

	/**
	 * Latency of event k (1-based, POST started at starts[k-1]) at one client: the arrival of the
	 * first patch after which the client holds offeredToday ≥ base + k.
	 */
	latencies(base: number, starts: readonly number[], until: number): LatencyReport {
		const all: number[] = [];
		const openers: number[] = [];
		const net: number[] = [];
		let missing = 0;
		let resyncs = 0;
		let patches = 0;
		let maxInOneSecond = 0;
		for (const r of this.records) {
			resyncs += r.resyncs;
			patches += r.times.length;
			for (let i = 0, j = 0; i < r.times.length; i++) {
				while ((r.times[j] as number) < (r.times[i] as number) - 1000) j++;
				maxInOneSecond = Math.max(maxInOneSecond, i - j + 1);
			}
			let p = 0;
			for (let k = 1; k <= starts.length; k++) {
				while (p < r.values.length && (r.values[p] as number) < base + k) p++;
				if (p >= r.values.length) {
					missing += starts.length - k + 1;
					break;
				}
				const start = starts[k - 1] as number;
				const latency = (r.times[p] as number) - start;
				all.push(latency);
				const previous = p > 0 ? (r.times[p - 1] as number) : -Infinity;
				if (start >= previous + 100) openers.push(latency);
				const previousPush = p > 0 ? (r.pushes[p - 1] as number) : NaN;
				const capWait = Number.isNaN(previousPush) ? 0 : Math.max(0, previousPush + 100 - start);
				net.push(latency - capWait);
			}
		}
		let maxPushes = 0;
		let minGap = Infinity;
		const pushes = (this.records[0]?.pushes ?? []).filter((t) => !Number.isNaN(t));
		for (let i = 0, j = 0; i < pushes.length; i++) {
			while ((pushes[j] as number) <= (pushes[i] as number) - 1000) j++;
			maxPushes = Math.max(maxPushes, i - j + 1);
			if (i > 0) minGap = Math.min(minGap, (pushes[i] as number) - (pushes[i - 1] as number));
		}
		const span = (until - this.recordFrom) / 1000;
		return {
			clients: this.records.length,
			events: starts.length,
			all: summarize(all),
			net: summarize(net),
			openers: summarize(openers),
			missing,
			resyncs,
			patchesPerClient: patches / Math.max(1, this.records.length),
			patchesPerClientPerSecond: patches / Math.max(1, this.records.length) / span,
			maxPatchesInOneSecond: maxInOneSecond,
			maxPushesInOneSecond: maxPushes,
			minPushGapMs: minGap
		};
	}

	close(): void {
		for (const s of this.sockets) s.close();
	}
}
