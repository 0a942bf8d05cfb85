/**
 * The servers under test: the real production server (tests/helpers/server.ts spawns it on a
 * free port) on PGlite in a temp folder or on a temp PostgreSQL database, and the baseline.
 * Every process and temp resource is released by its own handle.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { copyTemplateInto, templateEnabled } from '../tests/helpers/data-dir';
import { createTempDatabase, TEST_DATABASE_URL } from '../tests/helpers/pg';
import { removeDir, startServer, type ServerHandle } from '../tests/helpers/server';
import { promValue, sleep, waitUntil } from './stats';

export { TEST_INGEST_TOKEN } from '../tests/helpers/server';

/** The machine reader's token every bench server gets: `/metrics` answers only a reader or admin. */
export const BENCH_READ_TOKEN = 'bench-read-token-0123456789';

const HERE = import.meta.dirname;

export type Backend = 'pglite' | 'postgres';

/** The PostgreSQL server the benchmark creates its temporary databases on. */
const POSTGRES_SERVER_URL = process.env.DATABASE_URL || TEST_DATABASE_URL;

/** A database for one server life (or several, sharing it): PGlite folder or temp PostgreSQL. */
export type Database = {
	backend: Backend;
	env: Record<string, string>;
	dataDir?: string;
	drop(): Promise<void>;
};

export async function postgresAvailable(): Promise<boolean> {
	const client = new pg.Client({
		connectionString: POSTGRES_SERVER_URL,
		connectionTimeoutMillis: 2000
	});
	try {
		await client.connect();
		await client.query('select 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => undefined);
	}
}

/** A fresh database on POSTGRES_SERVER_URL, dropped by `drop()` (as tests/helpers/pg.ts does). */
async function tempPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
	if (POSTGRES_SERVER_URL === TEST_DATABASE_URL) return createTempDatabase('hw_bench');
	const name = `hw_bench_${randomBytes(6).toString('hex')}`;
	const admin = async (statement: string) => {
		const client = new pg.Client({ connectionString: POSTGRES_SERVER_URL });
		await client.connect();
		try {
			await client.query(statement);
		} finally {
			await client.end();
		}
	};
	await admin(`CREATE DATABASE ${name}`);
	const url = new URL(POSTGRES_SERVER_URL);
	url.pathname = `/${name}`;
	return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function createDatabase(backend: Backend, tempDir: () => string): Promise<Database> {
	if (backend === 'pglite') {
		const dataDir = tempDir();
		// --smoke starts from the migrated template (tests/helpers/data-dir.ts), 14 starts × ≈ 6 s
		// of initdb saved; real runs measure first starts on an empty folder.
		if (templateEnabled()) await copyTemplateInto(dataDir);
		return { backend, env: {}, dataDir, drop: async () => removeDir(dataDir) };
	}
	const db = await tempPostgresDatabase();
	return { backend, env: { DATABASE_URL: db.url }, drop: () => db.drop() };
}

export type RealServer = ServerHandle & {
	metrics(): Promise<string>;
	/** With a profile folder: the first call starts the CPU profiler, the next writes a profile. */
	toggleProfile(): void;
};

/** Environment that loads bench/cpu-profile-hook.ts into the server (SIGUSR2 toggles it). */
export function profileEnv(profileDir: string | undefined): Record<string, string> {
	if (!profileDir) return {};
	return {
		NODE_OPTIONS: `--import tsx --import ${path.join(HERE, 'cpu-profile-hook.ts')}`,
		HW_CPU_PROFILE_DIR: profileDir
	};
}

/** How long to wait for a `build/` that another `npm run build` is rewriting. */
const BUILD_RETRY_MS = 10_000;
const BUILD_RETRIES = 6;

export async function startReal(
	db: Database,
	env: Record<string, string>,
	profileDir?: string
): Promise<RealServer> {
	let handle: ServerHandle | undefined;
	for (let attempt = 0; !handle; attempt++) {
		try {
			handle = await startServer(
				{
					READ_TOKEN: BENCH_READ_TOKEN,
					// The bench measures throughput, not the per-source limiter (1,000 requests/s by
					// default, which a fast run of one event per POST exceeds and answers with 429).
					INGEST_RATE_LIMIT: '1000000000',
					...db.env,
					...profileEnv(profileDir),
					...env
				},
				{ dataDir: db.dataDir, timeoutMs: 120_000 }
			);
		} catch (err) {
			const rebuilding =
				err instanceof Error && err.message.includes('Cannot load build/handler.js');
			if (!rebuilding || attempt >= BUILD_RETRIES) throw err;
			process.stderr.write(
				`build/ is incomplete (a build is running?); retrying in ${BUILD_RETRY_MS / 1000} s\n`
			);
			await sleep(BUILD_RETRY_MS);
		}
	}
	const server = handle;
	await waitUntil('/readyz', async () => (await fetch(`${server.url}/readyz`)).ok, 30_000);
	return {
		...server,
		metrics: async () => {
			const res = await fetch(`${server.url}/metrics`, {
				headers: { authorization: `Bearer ${BENCH_READ_TOKEN}` }
			});
			if (!res.ok) throw new Error(`/metrics answered ${res.status}: ${await res.text()}`);
			return res.text();
		},
		toggleProfile: () => {
			if (profileDir) server.proc.kill('SIGUSR2');
		}
	};
}

export type HostSample = { cpuMs: number; rss: number; patches: number; lagP99Ms: number };

export async function sampleReal(server: RealServer): Promise<HostSample> {
	const text = await server.metrics();
	return {
		cpuMs: promValue(text, 'hw_process_process_cpu_seconds_total') * 1000,
		rss: promValue(text, 'hw_process_process_resident_memory_bytes'),
		patches: promValue(text, 'hw_patches_total'),
		lagP99Ms: promValue(text, 'hw_process_nodejs_eventloop_lag_p99_seconds') * 1000
	};
}

export type Baseline = {
	url: string;
	stats(): Promise<{ cpuMs: number; rss: number }>;
	stop(): Promise<void>;
};

export async function startBaseline(
	mode: 'coalesced' | 'per-post',
	patchBytes: number
): Promise<Baseline> {
	const child: ChildProcess = fork(path.join(HERE, 'baseline-server.ts'), [], {
		execArgv: ['--import', 'tsx'],
		env: {
			PATH: process.env.PATH ?? '',
			BASELINE_MODE: mode,
			BASELINE_PATCH_BYTES: String(patchBytes)
		},
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('baseline did not start in 30 s')), 30_000);
		child.once('message', (m: { port: number }) => {
			clearTimeout(timer);
			resolve(m.port);
		});
		void exited.then(() => reject(new Error('baseline exited before listening')));
	});
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		stats: async () =>
			(await (await fetch(`${url}/stats`)).json()) as { cpuMs: number; rss: number },
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			await exited;
		}
	};
}
