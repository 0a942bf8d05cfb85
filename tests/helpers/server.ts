/**
 * Starts the built production server (server.ts on build/) as a child process on a free port,
 * the way an operator does, and stops it by its own handle.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { testDataDir } from './data-dir';

export const TEST_INGEST_TOKEN = 'test-ingest-token-0123456789';
/**
 * Alerts raised and cleared at the first evaluation, for tests about what an alert leads to
 * rather than when (the holds have their own test: integration/alert-holds.test.ts).
 */
export const NO_ALERT_HOLDS = { ALERT_RAISE_HOLD_SECONDS: '0', ALERT_CLEAR_HOLD_SECONDS: '0' };
const ROOT = path.resolve(import.meta.dirname, '../..');

export type ServerHandle = {
	url: string;
	port: number;
	proc: ChildProcess;
	dataDir: string;
	output: () => string;
	/** SIGTERM and wait for a clean exit; resolves to the exit code. */
	stop(): Promise<number | null>;
	/** SIGKILL, as a crash would. */
	kill9(): Promise<void>;
};

export async function startServer(
	env: Record<string, string> = {},
	opts: { dataDir?: string; timeoutMs?: number } = {}
): Promise<ServerHandle> {
	const dataDir = opts.dataDir ?? (await testDataDir('hw-data-'));
	const proc = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			INGEST_TOKEN: TEST_INGEST_TOKEN,
			SIMULATE: '0',
			LOG_LEVEL: 'info',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
	proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
	const exited = new Promise<number | null>((resolve) =>
		proc.once('exit', (code) => resolve(code))
	);

	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`server did not start within ${opts.timeoutMs ?? 60000} ms:\n${out}`)),
			opts.timeoutMs ?? 60_000
		);
		const onData = () => {
			const m = /"port":(\d+).*"msg":"listening"/.exec(out);
			if (m) {
				clearTimeout(timer);
				proc.stdout!.off('data', onData);
				resolve(Number(m[1]));
			}
		};
		proc.stdout!.on('data', onData);
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code} before listening:\n${out}`));
		});
	});

	return {
		url: `http://127.0.0.1:${port}`,
		port,
		proc,
		dataDir,
		output: () => out,
		async stop() {
			if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
			proc.kill('SIGTERM');
			return exited;
		},
		async kill9() {
			if (proc.exitCode !== null || proc.signalCode !== null) return;
			proc.kill('SIGKILL');
			await exited;
		}
	};
}

export function removeDir(dir: string) {
	rmSync(dir, { recursive: true, force: true });
}

export async function postEvents(
	url: string,
	body: unknown,
	init: { token?: string; contentType?: string; raw?: string } = {}
) {
	const res = await fetch(`${url}/api/v1/events`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${init.token ?? TEST_INGEST_TOKEN}`,
			'content-type': init.contentType ?? 'application/json'
		},
		body: init.raw ?? JSON.stringify(body)
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
