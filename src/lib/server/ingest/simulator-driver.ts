/**
 * Runs the hall simulation against the clock and feeds its events through the ingest path.
 *
 * The simulated clock starts at 00:00 of today's business day (or at "now" without backfill),
 * replays the day so far at `speed` times real time ('max': as fast as ingest accepts), then
 * follows the real clock. Each business day is its own seeded simulation, so a restart replays
 * the same events with the same ids and the store drops them as duplicates: nothing counts twice.
 */
import type { WallboardEvent } from '../../contract/events';
import { startOfBusinessDay } from '../../metrics/timezone';
import type { Logger } from '../logger';
import { createHallSimulation, type HallSimulation } from './simulator';

const TICK_MS = 200;
const BATCH_MAX = 2000;
const DAY_MS = 86_400_000;
const CATCH_UP_STEP_MS = 15 * 60_000;

export type DriverOptions = {
	seed: number;
	scale: number;
	speed: number | 'max';
	backfill: boolean;
	timezone: string;
	now: () => number;
	send: (events: WallboardEvent[]) => Promise<unknown>;
	logger: Logger;
};

export interface SimulatorDriver {
	/** Resolves once the simulated clock has caught up with the real one. */
	readonly caughtUp: Promise<void>;
	/** True while the day so far is being replayed (until `caughtUp` resolves). */
	replaying(): boolean;
	stop(): Promise<void>;
}

export function startSimulator(o: DriverOptions): SimulatorDriver {
	const sims = new Map<number, HallSimulation>();
	const realStart = o.now();
	const simStart = o.backfill ? startOfBusinessDay(realStart, o.timezone) : realStart;
	let simClock = simStart;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let markCaughtUp!: () => void;
	const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
	let isCaughtUp = false;
	let sent = 0;

	const simFor = (dayStart: number) => {
		let sim = sims.get(dayStart);
		if (!sim) {
			sim = createHallSimulation({ seed: o.seed, dayStart, scale: o.scale });
			sims.set(dayStart, sim);
		}
		return sim;
	};

	const target = () => {
		const now = o.now();
		if (o.speed === 'max') return now;
		return Math.min(now, simStart + (now - realStart) * o.speed);
	};

	let lastProgressLog = realStart;

	async function step(): Promise<void> {
		// While catching up, go 15 simulated minutes at a time so the server stays responsive.
		const until = isCaughtUp ? target() : Math.min(target(), simClock + CATCH_UP_STEP_MS);
		// Open every business day the clock enters; the previous day keeps running until its
		// last ticket has been surveyed.
		for (let d = startOfBusinessDay(simClock, o.timezone); d <= until;) {
			simFor(d);
			d = startOfBusinessDay(d + DAY_MS + 3_600_000, o.timezone);
		}
		const batch: WallboardEvent[] = [];
		for (const [day, sim] of sims) {
			batch.push(...sim.advance(until));
			if (sim.done) sims.delete(day);
		}
		simClock = until;
		for (let i = 0; i < batch.length && !stopped; i += BATCH_MAX) {
			await o.send(batch.slice(i, i + BATCH_MAX));
		}
		sent += batch.length;
		if (!isCaughtUp && o.now() - lastProgressLog > 5000) {
			lastProgressLog = o.now();
			o.logger.info(
				{ events: sent, simulatedTo: new Date(until).toISOString() },
				'simulator replaying the day so far'
			);
		}
		if (!isCaughtUp && until >= o.now() - TICK_MS * 2) {
			isCaughtUp = true;
			o.logger.info(
				{ events: sent, ms: o.now() - realStart },
				'simulator caught up with the clock; following live'
			);
			markCaughtUp();
		}
	}

	let running: Promise<void> = Promise.resolve();
	const loop = () => {
		if (stopped) return;
		running = step()
			.catch((err: unknown) => o.logger.error({ err }, 'simulator step failed; retrying'))
			.finally(() => {
				if (!stopped) timer = setTimeout(loop, isCaughtUp ? TICK_MS : 0);
			});
	};
	o.logger.info(
		{ seed: o.seed, scale: o.scale, speed: o.speed, from: new Date(simStart).toISOString() },
		'simulator started'
	);
	loop();

	return {
		caughtUp,
		replaying: () => !isCaughtUp && !stopped,
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
