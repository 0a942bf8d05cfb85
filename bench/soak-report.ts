/** The soak's samples (bench/soak.ts), their slopes, and the curves drawn as an SVG with d3. */
import { extent, line, scaleLinear } from 'd3';

export type SoakSample = {
	/** Minutes since the soak started. */
	minute: number;
	/** The server's figures; null while it was being restarted. */
	rssMb: number | null;
	heapMb: number | null;
	lagP99Ms: number | null;
	wallHeapMb: number;
	wallDomNodes: number;
	wallListeners: number;
	wallFreshness: string;
	clientsConnected: number;
	patchesPerClientPerSecond: number;
	snapshots: number;
};

type Numeric = 'rssMb' | 'heapMb' | 'lagP99Ms' | 'wallHeapMb' | 'wallDomNodes' | 'wallListeners';

/** Least-squares slope of `key` against time, per hour; NaN with fewer than two samples. */
export function trendPerHour(samples: readonly SoakSample[], key: Numeric): number {
	const points = samples.flatMap((s) => (s[key] === null ? [] : [[s.minute, s[key]] as const]));
	if (points.length < 2) return NaN;
	const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
	const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
	let num = 0;
	let den = 0;
	for (const [x, y] of points) {
		num += (x - mx) * (y - my);
		den += (x - mx) ** 2;
	}
	return den === 0 ? NaN : (num / den) * 60;
}

const PANELS: Array<{ key: Numeric; title: string }> = [
	{ key: 'rssMb', title: 'server RSS (MB)' },
	{ key: 'heapMb', title: 'server JS heap (MB)' },
	{ key: 'lagP99Ms', title: 'server event-loop p99 (ms)' },
	{ key: 'wallHeapMb', title: 'wall JS heap after GC (MB)' },
	{ key: 'wallDomNodes', title: 'wall DOM nodes' },
	{ key: 'wallListeners', title: 'wall JS listeners' }
];

/** Six small panels, one curve each, restarts as dashed verticals; from zero, so growth shows. */
export function curvesSvg(
	samples: readonly SoakSample[],
	restartMinutes: readonly number[]
): string {
	const W = 480;
	const H = 200;
	const pad = { l: 56, r: 12, t: 28, b: 28 };
	const [x0 = 0, x1 = 1] = extent(samples, (s) => s.minute);
	const panels = PANELS.map(({ key, title }, i) => {
		const ox = (i % 2) * W;
		const oy = Math.floor(i / 2) * H;
		const values = samples.flatMap((s) => (s[key] === null ? [] : [s[key]]));
		const top = Math.max(1, ...values) * 1.1;
		const x = scaleLinear()
			.domain([x0, Math.max(x1, x0 + 1)])
			.range([ox + pad.l, ox + W - pad.r]);
		const y = scaleLinear()
			.domain([0, top])
			.range([oy + H - pad.b, oy + pad.t])
			.nice();
		const path =
			line<SoakSample>()
				.defined((s) => s[key] !== null)
				.x((s) => x(s.minute))
				.y((s) => y(s[key] ?? 0))(samples as SoakSample[]) ?? '';
		const ticks = y
			.ticks(4)
			.map(
				(t) =>
					`<text x="${ox + pad.l - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text><line x1="${ox + pad.l}" x2="${ox + W - pad.r}" y1="${y(t)}" y2="${y(t)}" class="grid"/>`
			)
			.join('');
		const xTicks = x
			.ticks(5)
			.map((t) => `<text x="${x(t)}" y="${oy + H - 8}" text-anchor="middle">${t}</text>`)
			.join('');
		const marks = restartMinutes
			.map(
				(m) =>
					`<line x1="${x(m)}" x2="${x(m)}" y1="${oy + pad.t}" y2="${oy + H - pad.b}" class="restart"/>`
			)
			.join('');
		return `<g><text x="${ox + pad.l}" y="${oy + 18}" class="title">${title}</text>${ticks}${xTicks}${marks}<path d="${path}" class="curve"/></g>`;
	}).join('');
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${2 * W} ${3 * H}" width="${2 * W}" height="${3 * H}" font-family="sans-serif" font-size="11">
<style>.grid{stroke:#ddd}.restart{stroke:#c33;stroke-dasharray:4 3}.curve{fill:none;stroke:#1f5fa8;stroke-width:1.8}.title{font-weight:bold;font-size:12px}</style>
<rect width="100%" height="100%" fill="#fff"/>${panels}
<text x="${2 * W - 8}" y="${3 * H - 2}" text-anchor="end" fill="#c33">dashed: kill -9 and restart; x: minutes</text>
</svg>
`;
}
