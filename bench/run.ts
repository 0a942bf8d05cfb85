/**
 * `npm run bench` — the benchmark harness (issue 4). Short default run; `--full` for the long
 * one; `--smoke` for every step at toy sizes with a check that each produced its figures (CI).
 * Prints a table and writes bench/results.json. See BENCHMARKS.md. Exits non-zero when a step
 * failed.
 *
 *   npm run bench                               # default: 500 clients, 200 events/s, 20 s
 *   npm run bench -- --full                     # longer runs, 10 browser minutes
 *   npm run bench -- --smoke                    # every step at toy sizes, ~1 min; checks figures
 *   npm run bench -- --only fanout,ingest       # some steps: fanout ingest replay wire browser
 *   npm run bench -- --clients 300 --rate 100 --seconds 30 --minutes 2
 *   npm run bench -- --only fanout,replay --profile   # server CPU profiles of the measured windows
 *   npm run bench -- --only history             # 3 years of history on PostgreSQL, each endpoint
 *   npm run bench -- --only boards              # 1,000 board switches (heap, DOM), ms per update per board
 *   npm run bench -- --only ingest --ingest-http-only [--profile]   # HTTP ingest only
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { peakDay } from './day';
import { table, type Results } from './report';
import { machineBusy } from './stats';
import { runFanout } from './fanout';
import { runIngest } from './ingest';
import { runReplay } from './replay';
import { postgresAvailable, type Backend } from './servers';
import { runWire } from './wire';
import { runBrowser } from './browser';
import { runHistory } from './history';
import { runBoards } from './boards';
import { SMOKE, smokeProblems } from './smoke';

const HERE = import.meta.dirname;
const STEPS = ['fanout', 'ingest', 'replay', 'wire', 'browser', 'boards', 'history'] as const;
type Step = (typeof STEPS)[number];

const { values: args } = parseArgs({
	options: {
		full: { type: 'boolean', default: false },
		smoke: { type: 'boolean', default: false },
		help: { type: 'boolean', default: false },
		clients: { type: 'string' },
		rate: { type: 'string' },
		seconds: { type: 'string' },
		minutes: { type: 'string' },
		only: { type: 'string' },
		profile: { type: 'boolean', default: false },
		'ingest-http-only': { type: 'boolean', default: false }
	}
});

if (args.help) {
	const doc = readFileSync(import.meta.filename, 'utf8').split('*/')[0] ?? '';
	console.log(doc.replace(/^\/\*\*\n?|^ \* ?/gm, ''));
	process.exit(0);
}
const full = args.full ?? false;
const smoke = args.smoke ?? false;
if (smoke && full) throw new Error('--smoke and --full exclude each other');
// The smoke checks that every step runs, not how fast a first start is: servers start on copies
// of the migrated PGlite template.
if (smoke) process.env.HW_PGLITE_TEMPLATE ??= '1';
const options = {
	clients: Number(args.clients ?? (smoke ? SMOKE.clients : 500)),
	rate: Number(args.rate ?? (smoke ? SMOKE.rate : 200)),
	seconds: Number(args.seconds ?? (smoke ? SMOKE.seconds : full ? 60 : 20)),
	minutes: Number(args.minutes ?? (smoke ? SMOKE.browserSeconds / 60 : full ? 10 : 1))
};
const steps = new Set<Step>(
	args.only ? (args.only.split(',').map((s) => s.trim()) as Step[]) : [...STEPS]
);
for (const s of steps)
	if (!STEPS.includes(s))
		throw new Error(`--only: unknown step "${s}"; steps: ${STEPS.join(', ')}`);

const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'hw-bench-'));
let tempCount = 0;
const tempDir = () => {
	const dir = path.join(tempRoot, `d${tempCount++}`);
	mkdirSync(dir);
	return dir;
};
const startedAt = Date.now();
const log = (s: string) =>
	process.stderr.write(`[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);

const results: Results = {
	machine: machine(),
	options: { ...options, full, smoke },
	notes: [],
	errors: [],
	otherLoad: {}
};

function machine() {
	const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
	return {
		cores: os.availableParallelism(),
		cpu: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown',
		node: process.version,
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		date: new Date().toISOString()
	};
}

/** Runs one step; a failure is recorded and the run goes on with the next step. */
async function step(name: Step, run: () => Promise<void>): Promise<void> {
	if (!steps.has(name)) return;
	const busy = await machineBusy();
	results.otherLoad[name] = busy;
	if (busy > 0.15) {
		const note = `before ${name}: ${Math.round(busy * 100)} % of the CPUs were busy with other work`;
		results.notes.push(note);
		log(`warning: ${note}; figures will be noisy`);
	}
	try {
		await run();
	} catch (err) {
		const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
		results.errors.push(`${name}: ${message}`);
		log(`${name} FAILED: ${message}`);
	}
}

/** Outside the repository (not gitignored there); emptied at the start of a profiled run. */
const profileDir = args.profile ? path.join(os.tmpdir(), 'hw-bench-profiles') : undefined;
if (profileDir) {
	rmSync(profileDir, { recursive: true, force: true });
	mkdirSync(profileDir, { recursive: true });
}

try {
	await step('fanout', async () => {
		results.fanout = await runFanout({
			...options,
			warmSeconds: smoke ? SMOKE.warmSeconds : undefined,
			tempDir,
			log,
			profileDir
		});
	});
	if (steps.has('ingest') || steps.has('replay')) {
		const backends: Backend[] = ['pglite'];
		if (await postgresAvailable()) backends.push('postgres');
		else
			results.notes.push(
				'PostgreSQL did not answer (DATABASE_URL / TEST_DATABASE_URL): PGlite only.'
			);
		const scale = smoke ? SMOKE.dayScale : 1;
		log(`generating the peak day (seed 12345, scale ${scale})`);
		const day = peakDay(Date.now(), scale);
		results.day = { ...day, events: day.events.length };
		await step('ingest', async () => {
			results.ingest = [];
			for (const backend of backends) {
				results.ingest.push(
					await runIngest({
						backend,
						events: day.events,
						seconds: smoke ? SMOKE.ingestSeconds : full ? 15 : 3,
						inProcessSeconds: smoke ? SMOKE.inProcessSeconds : full ? 10 : 1.5,
						tempDir,
						log,
						httpOnly: args['ingest-http-only'],
						profileDir
					})
				);
			}
		});
		await step('replay', async () => {
			results.replay = [];
			for (const backend of backends) {
				results.replay.push(
					await runReplay({ backend, events: day.events, tempDir, log, profileDir })
				);
			}
		});
	}
	await step('wire', async () => {
		results.wire = smoke
			? await runWire({ seconds: SMOKE.wireSeconds, scale: SMOKE.wireScale, tempDir, log })
			: await runWire({ seconds: full ? 60 : 8, tempDir, log });
	});
	await step('browser', async () => {
		results.browser = await runBrowser({
			seconds: options.minutes * 60,
			trace: args.profile ?? false,
			tempDir,
			log
		});
	});
	await step('boards', async () => {
		results.boards = await runBoards({
			switches: smoke ? SMOKE.boardSwitches : 1000,
			seconds: smoke ? SMOKE.browserSeconds : full ? 60 : 20,
			tempDir,
			log
		});
	});
	await step('history', async () => {
		if (!(await postgresAvailable())) {
			results.notes.push(
				'history: PostgreSQL did not answer (DATABASE_URL / TEST_DATABASE_URL): skipped.'
			);
			return;
		}
		results.history = smoke
			? await runHistory({ runs: SMOKE.historyRuns, years: SMOKE.historyYears, tempDir, log })
			: await runHistory({ runs: full ? 50 : 20, tempDir, log });
	});
	if (profileDir) {
		log(`CPU profiles in ${profileDir}: ${readdirSync(profileDir).join(', ')}`);
		log(`summarize them with: node --import tsx bench/profile.ts ${profileDir}`);
	}
} finally {
	rmSync(tempRoot, { recursive: true, force: true });
	// A smoke run keeps its toy figures apart from the last real run's.
	const file = smoke ? 'results.smoke.json' : 'results.json';
	writeFileSync(path.join(HERE, file), JSON.stringify(results, null, '\t') + '\n');
}
console.log(table(results));
const problems = smoke ? smokeProblems(results, steps) : results.errors;
if (problems.length > 0) {
	log(`${smoke ? 'smoke: ' : ''}${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
	process.exitCode = 1;
} else if (smoke) {
	log(`smoke: every step ran and produced its figures (${[...steps].join(', ')})`);
}
