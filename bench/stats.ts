/** Small numeric helpers shared by the benchmark steps: one clock, percentiles, formatting. */
import { readFileSync } from 'node:fs';

/** Wall-clock milliseconds with sub-ms resolution, comparable across processes on one machine. */
export const clock = (): number => performance.timeOrigin + performance.now();

export type Summary = {
	n: number;
	p50: number;
	p90: number;
	p95: number;
	p99: number;
	p999: number;
	max: number;
	mean: number;
};

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank] as number;
}

export function summarize(values: ArrayLike<number>): Summary {
	const sorted = Float64Array.from(values).sort();
	let sum = 0;
	for (const v of sorted) sum += v;
	return {
		n: sorted.length,
		p50: percentile(sorted, 50),
		p90: percentile(sorted, 90),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		p999: percentile(sorted, 99.9),
		max: sorted.length ? (sorted[sorted.length - 1] as number) : NaN,
		mean: sorted.length ? sum / sorted.length : NaN
	};
}

export const median = (values: ArrayLike<number>) =>
	percentile(Float64Array.from(values).sort(), 50);

/** A number rounded for a table: 3 significant digits below 100, integers above. */
export function fmt(v: number | null | undefined, digits = 3): string {
	if (v === null || v === undefined || Number.isNaN(v)) return '–';
	if (!Number.isFinite(v)) return String(v);
	if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
	return Number(v.toPrecision(digits)).toString();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `everyMs` until it returns true; throws after `timeoutMs`. */
export async function waitUntil(
	what: string,
	check: () => boolean | Promise<boolean>,
	timeoutMs: number,
	everyMs = 50
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(everyMs);
	}
}

/** Reads one unlabelled sample from a Prometheus text exposition. */
export function promValue(text: string, name: string): number {
	const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([^ \\n]+)`, 'm').exec(text);
	if (!m) throw new Error(`metric ${name} not found in /metrics`);
	return Number(m[1]);
}

/** A zone from Etc/GMT±N whose local time is about `hour` now: keeps a run clear of midnight. */
export function zoneWithLocalHour(hour: number, now = Date.now()): string {
	const utcHour = new Date(now).getUTCHours() + new Date(now).getUTCMinutes() / 60;
	let offset = Math.round(hour - utcHour);
	if (offset > 14) offset -= 24;
	if (offset < -12) offset += 24;
	if (offset === 0) return 'Etc/GMT';
	// Etc/GMT signs are inverted: Etc/GMT-8 is UTC+8.
	return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** Share (0–1) of all CPUs busy over `ms`, from /proc/stat: taken between steps, it is load from others. */
export async function machineBusy(ms = 1000): Promise<number> {
	const read = () => {
		const fields = readFileSync('/proc/stat', 'utf8')
			.split('\n')[0]!
			.trim()
			.split(/\s+/)
			.slice(1)
			.map(Number);
		const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
		return { idle, total: fields.reduce((s, v) => s + v, 0) };
	};
	const a = read();
	await sleep(ms);
	const b = read();
	return b.total === a.total ? 0 : 1 - (b.idle - a.idle) / (b.total - a.total);
}
