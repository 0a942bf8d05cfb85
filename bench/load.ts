/**
 * Load generation over keep-alive HTTP: an open-model generator (requests leave on a fixed
 * schedule whatever the answers do) and a closed loop of concurrent posters for throughput.
 */
import http from 'node:http';
import { clock, summarize, type Summary } from './stats';

export const INGEST_PATH = '/api/v1/events';

export type PostResult = { status: number; accepted: number; ms: number };

export function createPoster(baseUrl: string, token: string, maxSockets = 64) {
	const url = new URL(INGEST_PATH, baseUrl);
	const agent = new http.Agent({ keepAlive: true, maxSockets });
	const post = (body: string): Promise<PostResult> =>
		new Promise((resolve) => {
			const started = clock();
			const req = http.request(
				url,
				{
					method: 'POST',
					agent,
					headers: {
						authorization: `Bearer ${token}`,
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(body)
					}
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => {
						let accepted = 0;
						try {
							accepted = Number(
								(JSON.parse(Buffer.concat(chunks).toString()) as { accepted?: number }).accepted ??
									0
							);
						} catch {
							// a non-JSON answer counts as nothing accepted
						}
						resolve({ status: res.statusCode ?? 0, accepted, ms: clock() - started });
					});
				}
			);
			req.on('error', () => resolve({ status: 0, accepted: 0, ms: clock() - started }));
			req.end(body);
		});
	return { post, close: () => agent.destroy() };
}

export type OpenLoadResult = {
	/** POST start time of every event (1 per event; events of one batch share it). */
	starts: number[];
	accepted: number;
	failed: number;
	/** How late the generator started requests against its schedule (ms). */
	lag: Summary;
	response: Summary;
	until: number;
};

/**
 * Posts `rate` events a second for `seconds`, `batch` events per POST, on a fixed schedule.
 * `makeEvent(k)` builds event k (0-based).
 */
export async function openLoad(
	poster: ReturnType<typeof createPoster>,
	o: { rate: number; seconds: number; batch: number; makeEvent: (k: number) => unknown }
): Promise<OpenLoadResult> {
	const requests = Math.round((o.rate * o.seconds) / o.batch);
	const intervalMs = (1000 * o.batch) / o.rate;
	const starts: number[] = [];
	const lags: number[] = [];
	const pending: Array<Promise<PostResult>> = [];
	const t0 = clock() + 20;
	for (let i = 0; i < requests; i++) {
		const due = t0 + i * intervalMs;
		const wait = due - clock();
		// No spinning: the lateness is recorded and latency counts from the real start.
		if (wait > 0) await new Promise((r) => setTimeout(r, Math.ceil(wait)));
		const events = [];
		for (let j = 0; j < o.batch; j++) events.push(o.makeEvent(i * o.batch + j));
		const body = JSON.stringify(events);
		const started = clock();
		lags.push(started - due);
		for (let j = 0; j < o.batch; j++) starts.push(started);
		pending.push(poster.post(body));
	}
	const results = await Promise.race([
		Promise.all(pending),
		new Promise<never>((_, reject) =>
			setTimeout(
				() => reject(new Error('ingest answers did not arrive within 60 s')),
				60_000
			).unref()
		)
	]);
	return {
		starts,
		accepted: results.reduce((s, r) => s + r.accepted, 0),
		failed: results.filter((r) => r.status !== 200).length,
		lag: summarize(lags),
		response: summarize(results.map((r) => r.ms)),
		until: clock()
	};
}

/**
 * `concurrency` posters send the bodies in turn as fast as answers come back (closed loop);
 * stops at the end of `bodies` or after `maxSeconds`.
 */
export async function closedLoad(
	poster: ReturnType<typeof createPoster>,
	bodies: () => string | undefined,
	concurrency: number,
	maxSeconds: number
): Promise<{
	accepted: number;
	failed: number;
	/** Failed POSTs by HTTP status (0: no answer). */
	failures: Record<number, number>;
	seconds: number;
	response: Summary;
}> {
	const started = clock();
	const deadline = started + maxSeconds * 1000;
	let accepted = 0;
	let failed = 0;
	const failures: Record<number, number> = {};
	const times: number[] = [];
	const lane = async () => {
		for (;;) {
			if (clock() > deadline) return;
			const body = bodies();
			if (body === undefined) return;
			const r = await poster.post(body);
			times.push(r.ms);
			if (r.status === 200) accepted += r.accepted;
			else {
				failed++;
				failures[r.status] = (failures[r.status] ?? 0) + 1;
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, lane));
	return {
		accepted,
		failed,
		failures,
		seconds: (clock() - started) / 1000,
		response: summarize(times)
	};
}
