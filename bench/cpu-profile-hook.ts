/**
 * Loaded into the server under test with NODE_OPTIONS="--import tsx --import <this file>"
 * (Node 20 refuses --cpu-prof in NODE_OPTIONS). SIGUSR2 starts the V8 CPU profiler, the next SIGUSR2 stops it and
 * writes server-<pid>-<n>.cpuprofile into HW_CPU_PROFILE_DIR, so that a profile covers exactly
 * the measured window.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.HW_CPU_PROFILE_DIR;
if (dir) {
	const session = new Session();
	session.connect();
	session.post('Profiler.enable');
	session.post('Profiler.setSamplingInterval', { interval: 250 });
	let running = false;
	let n = 0;
	process.on('SIGUSR2', () => {
		if (!running) {
			session.post('Profiler.start');
			running = true;
			return;
		}
		running = false;
		const file = path.join(dir, `server-${process.pid}-${n++}.cpuprofile`);
		session.post('Profiler.stop', (err, result) => {
			if (!err) writeFileSync(file, JSON.stringify(result.profile));
		});
	});
}
