/**
 * Summarizes V8 CPU profiles of the server (`npm run bench -- --only fanout --profile` writes
 * them to $TMPDIR/hw-bench-profiles): functions by self time, packages/app files by inclusive time, and
 * the event-loop stalls (busy stretches of 10 ms or more without going idle) with what they
 * were spent in.
 *   node --import tsx bench/profile.ts [dir] [top]
 */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type CpuProfile = {
	nodes: Array<{
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number };
		children?: number[];
	}>;
	samples: number[];
	timeDeltas: number[];
};

const STALL_MS = 10;

/** The package (node_modules/<name>) or app file a frame belongs to. */
function owner(url: string): string | null {
	const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (m) return m[1] as string;
	const app = /\/(src\/.*|build\/server\/chunks\/[^-.]+)/.exec(url);
	if (app) return app[1] as string;
	if (url.startsWith('node:')) return url;
	if (url.startsWith('wasm://')) return 'wasm (PGlite)';
	return null;
}

export function analyse(file: string, top = 20) {
	const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const isIdle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)';
	const owners = (id: number) => {
		const set = new Set<string>();
		for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
			const o = owner(byId.get(cur)?.callFrame.url ?? '');
			if (o) set.add(o);
		}
		return set;
	};
	const self = new Map<string, number>();
	const inclusive = new Map<string, number>();
	const inStalls = new Map<string, number>();
	const stalls: number[] = [];
	let busy = 0;
	let total = 0;
	let run: Array<[number, number]> = [];
	const closeRun = () => {
		const ms = run.reduce((s, [, d]) => s + d, 0) / 1000;
		if (ms >= STALL_MS) {
			stalls.push(ms);
			for (const [id, d] of run)
				for (const o of owners(id)) inStalls.set(o, (inStalls.get(o) ?? 0) + d);
		}
		run = [];
	};
	p.samples.forEach((id, i) => {
		const d = p.timeDeltas[i] ?? 0;
		total += d;
		if (isIdle(id)) {
			closeRun();
			return;
		}
		busy += d;
		run.push([id, d]);
		const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
		const where = `${functionName || '(anonymous)'} ${owner(url) ?? url}:${lineNumber + 1}`;
		self.set(where, (self.get(where) ?? 0) + d);
		for (const o of owners(id)) inclusive.set(o, (inclusive.get(o) ?? 0) + d);
	});
	closeRun();
	const sorted = (m: Map<string, number>) =>
		[...m]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([k, us]) => ({ where: k, ms: us / 1000 }));
	stalls.sort((a, b) => b - a);
	return {
		totalMs: total / 1000,
		busyMs: busy / 1000,
		self: sorted(self),
		inclusive: sorted(inclusive),
		stalls: { count: stalls.length, longestMs: stalls.slice(0, 10), spentIn: sorted(inStalls) }
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const dir = process.argv[2] ?? path.join(os.tmpdir(), 'hw-bench-profiles');
	const top = Number(process.argv[3] ?? 20);
	for (const f of readdirSync(dir).filter((x) => x.endsWith('.cpuprofile'))) {
		const a = analyse(path.join(dir, f), top);
		const ms = (x: number) => `${x.toFixed(0).padStart(7)} ms`;
		console.log(`\n${f}: ${a.totalMs.toFixed(0)} ms sampled, ${a.busyMs.toFixed(0)} ms busy`);
		console.log('-- self time');
		for (const r of a.self) console.log(`${ms(r.ms)}  ${r.where}`);
		console.log('-- inclusive, by package / app file');
		for (const r of a.inclusive) console.log(`${ms(r.ms)}  ${r.where}`);
		console.log(
			`-- stalls ≥ ${STALL_MS} ms: ${a.stalls.count}; longest ${a.stalls.longestMs.map((x) => x.toFixed(0)).join(', ')} ms; spent in`
		);
		for (const r of a.stalls.spentIn) console.log(`${ms(r.ms)}  ${r.where}`);
	}
}
