/**
 * History import end to end, on the real Anonymous Bank month (../shared/data): `npm run import`
 * (the real script, as a process) into a temporary PGlite folder, then the app on that folder:
 * /api/v1/history/summary for February 1999 equals a sum computed here straight from the TSV (a
 * few lines independent of the importer), the live figures show none of it, and a re-import is
 * all duplicates and leaves the figures unchanged. Prints the import time and events/s.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistorySummary } from '../../src/lib/contract/history';
import type { Snapshot } from '../../src/lib/contract/snapshot';
import { authHeaders, TEST_ADMIN_PASSWORD } from '../helpers/auth';
import { removeDir, startApp, type AppHandle } from '../helpers/app';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSV = path.resolve(ROOT, '../shared/data/anonymous_bank_1999_02.tsv');
const MAP = path.join(ROOT, 'docs/import/anonymous-bank.json');
const ENV = { WALLBOARD_TIMEZONE: 'Asia/Jerusalem', ADMIN_PASSWORD: TEST_ADMIN_PASSWORD };

// ---- the independent sum -----------------------------------------------------------------------
// offered: AGENT, or HANG that queued (q_start ≠ 0:00:00), on the day of vru_exit; answered: AGENT
// on the day of its answer; abandoned: queued HANG on the day of q_exit. A time more than 12 h
// before vru_entry is past midnight. Only February counts (the checks below find no call of the month in March).
type Counts = { offered: number; answered: number; abandoned: number };
function expectedFromTsv(): { all: Counts; byQueue: Record<string, Counts> } {
	const secs = (t: string) => t.split(':').reduce((s, p) => s * 60 + Number(p), 0);
	const all: Counts = { offered: 0, answered: 0, abandoned: 0 };
	const byQueue: Record<string, Counts> = {};
	const rows = readFileSync(TSV, 'utf8').split('\r\n').slice(1).filter(Boolean);
	for (const line of rows) {
		const c = line.split('\t');
		const [type, date, entry, vruExit, qStart, qExit, outcome, serStart] = [
			c[4]!,
			c[5]!,
			c[6]!,
			c[7]!,
			c[9]!,
			c[10]!,
			c[12]!,
			c[13]!
		];
		const inFebruary = (t: string) => !(date === '990228' && secs(t) < secs(entry) - 43_200);
		const q = (byQueue[type] ??= { offered: 0, answered: 0, abandoned: 0 });
		const count = (key: keyof Counts, t: string) => {
			if (!inFebruary(t)) return;
			all[key] += 1;
			q[key] += 1;
		};
		if (outcome === 'AGENT') {
			count('offered', vruExit);
			count(
				'answered',
				[serStart, qExit, vruExit].find((t) => t !== '0:00:00')!
			);
		} else if (outcome === 'HANG' && qStart !== '0:00:00') {
			count('offered', vruExit);
			count('abandoned', qExit);
		}
	}
	return { all, byQueue };
}

async function runImport(dataDir: string) {
	const started = performance.now();
	const { stdout, stderr } = await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', 'scripts/import.ts', '--format', 'calls-csv', TSV, '--map', MAP],
		{ cwd: ROOT, env: { ...process.env, ...ENV, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } }
	);
	return { stdout, stderr, seconds: (performance.now() - started) / 1000 };
}

const parseSummary = (stdout: string) => {
	const m = /(\d+) events — accepted (\d+), duplicates (\d+); rejected records (\d+)/.exec(stdout);
	if (!m) throw new Error(`no summary in ${stdout}`);
	return { events: +m[1]!, accepted: +m[2]!, duplicates: +m[3]!, rejected: +m[4]! };
};

async function figures(app: AppHandle) {
	const headers = await authHeaders(app, 'manager');
	const res = await fetch(`${app.url}/api/v1/history/summary?from=1999-02-01&to=1999-02-28`, {
		headers
	});
	expect(res.status).toBe(200);
	const body = (await res.json()) as HistorySummary;
	const pick = ({ offered, answered, abandoned }: Counts) => ({ offered, answered, abandoned });
	return {
		all: pick(body.calls.all),
		byQueue: Object.fromEntries(Object.entries(body.calls.byQueue).map(([k, v]) => [k, pick(v)]))
	};
}

describe.skipIf(!existsSync(TSV))('import of the Anonymous Bank month', () => {
	const dataDir = mkdtempSync(path.join(tmpdir(), 'hw-import-'));
	const expected = expectedFromTsv();
	let app: AppHandle | undefined;

	beforeAll(async () => {
		const first = await runImport(dataDir);
		const summary = parseSummary(first.stdout);
		process.stdout.write(
			`[import] Anonymous Bank month: ${summary.events} events in ${first.seconds.toFixed(1)} s ` +
				`(whole command); ${first.stdout.split('\n')[0]}\n`
		);
		expect(summary).toEqual({ events: 89_362, accepted: 89_362, duplicates: 0, rejected: 0 });
		// Not a terminal: plain progress lines on stderr.
		expect(first.stderr).toMatch(/^import: +\d+% \d+ events, \d+ events\/s, ETA/m);
	}, 180_000);

	afterAll(async () => {
		await app?.stop();
		removeDir(dataDir);
	});

	it('the history summary equals the sum computed from the TSV; live figures are untouched', async () => {
		expect(expected.all).toEqual({ offered: 31_125, answered: 27_162, abandoned: 3963 });
		app = await startApp(ENV, { dataDir });
		expect(await figures(app)).toEqual(expected);
		const headers = await authHeaders(app, 'manager');
		const snapshot = (await (
			await fetch(`${app.url}/api/v1/snapshot`, { headers })
		).json()) as Snapshot;
		expect(snapshot.calls.all).toMatchObject({ waiting: 0, offeredToday: 0, answered24h: 0 });
		expect(snapshot.agents).toEqual({ available: 0, busy: 0, wrapup: 0, break: 0, offline: 0 });
		await app.stop();
		app = undefined;
	});

	it('a re-import is all duplicates and changes no figure', async () => {
		const again = parseSummary((await runImport(dataDir)).stdout);
		expect(again).toEqual({ events: 89_362, accepted: 0, duplicates: 89_362, rejected: 0 });
		app = await startApp(ENV, { dataDir });
		expect(await figures(app)).toEqual(expected);
	}, 180_000);
});
