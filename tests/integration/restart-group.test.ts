/**
 * Item 1 of issue 15: `kill -9` of `npm start`'s whole process group, then a start at once (what
 * a supervisor does) must start on the first try, though the dead server may linger as a zombie
 * holding the PGlite lock file's pid. Two live servers on one folder are still refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDataDir } from '../helpers/data-dir';
import { removeDir, startServer, TEST_INGEST_TOKEN } from '../helpers/server';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dataDir = '';
const groups: ChildProcess[] = [];

beforeAll(async () => {
	dataDir = await testDataDir('hw-group-');
});
afterAll(() => {
	for (const g of groups) g.kill('SIGKILL'); // the perl parents: their zombies go with them
	removeDir(dataDir);
});

/**
 * The server in its own process group under a parent that does not reap it at once (as under a
 * busy or non-reaping init): perl forks, the child makes its own group and execs the server, the
 * parent prints the child's pid and sleeps. Killing the group leaves the server a zombie.
 */
function startGroup(): { proc: ChildProcess; ready: Promise<{ pid: number; out: string }> } {
	const wrapper =
		'$| = 1; my $p = fork; if (!$p) { setpgrp(0, 0); exec @ARGV } print "pid=$p\\n"; sleep 3600';
	const proc = spawn('perl', ['-e', wrapper, 'node', '--import', 'tsx', 'server.ts'], {
		cwd: ROOT,
		env: {
			PATH: process.env.PATH ?? '',
			HOME: process.env.HOME ?? '',
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			INGEST_TOKEN: TEST_INGEST_TOKEN,
			SIMULATE: '0'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	groups.push(proc);
	let out = '';
	const ready = new Promise<{ pid: number; out: string }>((resolve, reject) => {
		const onData = (d: Buffer) => {
			out += d.toString();
			const pid = /pid=(\d+)/.exec(out);
			if (pid && /"msg":"listening"/.test(out)) resolve({ pid: Number(pid[1]), out });
			if (/Start failed/.test(out)) reject(new Error(out));
		};
		proc.stdout!.on('data', onData);
		proc.stderr!.on('data', onData);
		proc.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
		setTimeout(() => reject(new Error(`did not start:\n${out}`)), 60_000).unref();
	});
	return { proc, ready };
}

describe('restart after kill -9 of the process group (item 1)', () => {
	it('starts again at once, three times in a row, on the same folder', async () => {
		for (let round = 0; round < 3; round++) {
			const { ready } = startGroup();
			const { pid } = await ready;
			process.kill(-pid, 'SIGKILL');
			// The scenario is real: the dead server is a zombie still holding its pid.
			let state = '';
			for (let i = 0; i < 50 && state !== 'Z'; i++) {
				await new Promise((r) => setTimeout(r, 20));
				state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? '';
			}
			expect(state).toBe('Z');
		}
		const { ready } = startGroup();
		const { pid } = await ready;
		process.kill(-pid, 'SIGTERM');
	}, 180_000);

	it('still refuses a second live server on the folder', async () => {
		const dir = await testDataDir('hw-group2-');
		const first = await startServer({}, { dataDir: dir });
		try {
			await expect(startServer({}, { dataDir: dir })).rejects.toThrow(/in use by pid/);
		} finally {
			await first.stop();
			removeDir(dir);
		}
	}, 120_000);
});
