/**
 * The live feature: the metrics engine restored from the store, the publisher that turns it into
 * snapshots and patches, and the ticker that decides when a patch goes out.
 *
 * Push scheduling: a change goes out as soon as the push gate allows (≤ 10 patches in any second,
 * a burst paced 100 ms apart: push-gate.ts), so one event alone reaches screens in about a millisecond and a
 * burst is coalesced; otherwise the publisher is consulted at every whole second, for changes
 * driven by time alone and the 5 s heartbeat (docs/contract.md §4).
 */
import type { LiveSnapshot, PatchMessage, Snapshot, WallboardEvent } from '../../contract';
import {
	LIVE_WINDOW_MS,
	SURVEY_WINDOW_MS,
	createMetrics,
	type Metrics,
	type MetricsConfig
} from '../../metrics';
import { createAgentDay, type AgentDay } from '../../metrics/agent-day';
import type { EventStore } from '../db/store';
import type { Telemetry } from '../telemetry';
import { createPublisher } from './publisher';
import { createPushGate } from './push-gate';

const PRUNE_INTERVAL_MS = 60_000;

export type LiveDeps = {
	rules: MetricsConfig;
	now: () => number;
	telemetry: Telemetry;
};

export interface Live {
	readonly metrics: Metrics;
	/** Per-agent figures for today (handled, handle time, break), fed the same events. */
	readonly agentDay: AgentDay;
	/**
	 * Restores what the live figures can still need from the store; returns the event count. The
	 * first call starts the publisher on the restored state; a later one (a resynchronisation
	 * after the shared log lost events) applies on top — applying an event twice changes
	 * nothing — and schedules a push.
	 */
	restore(store: EventStore): Promise<number>;
	/** Starts the ticker; `healthy()` false holds pushes back (the shared log is behind). */
	start(options: { healthy: () => boolean }): void;
	/** Applies events (already durable) and schedules a push. */
	apply(events: readonly WallboardEvent[]): void;
	/** Where patches go (the realtime feature) and what else runs on every tick (supervision). */
	onPatch(send: (message: PatchMessage) => void): void;
	onTick(run: (now: number) => void): void;
	/**
	 * Adds server-computed fields to every snapshot (the surge watch's `tickets.surges`); call
	 * `changed()` when what it adds changes, so that a patch goes out.
	 */
	extend(add: (snapshot: LiveSnapshot) => LiveSnapshot): void;
	changed(): void;
	/** The snapshot including every event applied before the call. */
	snapshot(): Promise<Snapshot>;
	/** The snapshot last pushed. */
	current(): Snapshot;
	close(): void;
}

export function createLive(deps: LiveDeps): Live {
	const { now, telemetry } = deps;
	const metrics = createMetrics(deps.rules);
	const agentDay = createAgentDay(deps.rules.timezone);
	const extensions: Array<(snapshot: LiveSnapshot) => LiveSnapshot> = [];
	const compute = (t: number) => extensions.reduce((snap, add) => add(snap), metrics.snapshot(t));
	let publisher = createPublisher(compute, now());
	const gate = createPushGate();
	const patchSinks: Array<(message: PatchMessage) => void> = [];
	const tickHooks: Array<(now: number) => void> = [];
	let healthy = () => false;
	let settleWaiters: Array<() => void> = [];
	let timer: NodeJS.Timeout | undefined;
	let timerDue = Infinity;
	let pruner: NodeJS.Timeout | undefined;
	let closed = false;
	let restored = false;

	function runTick(): void {
		timer = undefined;
		timerDue = Infinity;
		const t = now();
		if (gate.wait(t) > 0) {
			scheduleTick(); // the timer fired early (Node's loop clock): wait for the gate
			return;
		}
		const message = healthy() ? publisher.tick(t) : null;
		if (message) {
			gate.record(t);
			telemetry.patches.inc();
			telemetry.liveSeq.set(message.seq);
			if (patchSinks.length > 0) {
				telemetry.patchBytes.observe(Buffer.byteLength(JSON.stringify(message)));
				for (const send of patchSinks) send(message);
			}
		}
		for (const run of tickHooks) run(t);
		const waiters = settleWaiters;
		settleWaiters = [];
		for (const w of waiters) w();
		scheduleTick();
	}

	function scheduleTick(): void {
		if (closed) return;
		const t = now();
		const wanted = publisher.dirty ? 0 : 1000 - (t % 1000) + 1;
		const delay = Math.ceil(Math.max(wanted, gate.wait(t)));
		if (timer && timerDue <= t + delay) return;
		clearTimeout(timer);
		timerDue = t + delay;
		timer = setTimeout(runTick, delay);
	}

	return {
		metrics,
		agentDay,
		async restore(store) {
			const at = now();
			const events = await store.loadLive(at, {
				liveWindowMs: LIVE_WINDOW_MS,
				surveyWindowMs: SURVEY_WINDOW_MS
			});
			metrics.applyAll(events);
			metrics.prune(at);
			for (const e of events) agentDay.apply(e);
			agentDay.prune(at);
			if (restored) {
				publisher.markDirty();
				scheduleTick();
			} else {
				// The first snapshot is of the restored state (no screen has seen an earlier one).
				publisher = createPublisher(compute, now());
				restored = true;
			}
			return events.length;
		},
		start(options) {
			healthy = options.healthy;
			pruner = setInterval(() => {
				metrics.prune(now());
				agentDay.prune(now());
			}, PRUNE_INTERVAL_MS);
			scheduleTick();
		},
		apply(events) {
			for (const e of events) {
				metrics.apply(e);
				agentDay.apply(e);
			}
			publisher.markDirty();
			scheduleTick();
		},
		onPatch: (send) => void patchSinks.push(send),
		onTick: (run) => void tickHooks.push(run),
		extend: (add) => void extensions.push(add),
		changed() {
			publisher.markDirty();
			scheduleTick();
		},
		async snapshot() {
			if (publisher.dirty && healthy() && !closed) {
				await new Promise<void>((resolve) => settleWaiters.push(resolve));
			}
			return publisher.current();
		},
		current: () => publisher.current(),
		close() {
			closed = true;
			clearTimeout(timer);
			clearInterval(pruner);
			for (const w of settleWaiters) w();
			settleWaiters = [];
		}
	};
}
