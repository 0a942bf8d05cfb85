import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../helpers/chromium';
import { removeDir, startServer } from '../helpers/server';
import { noonZone } from '../helpers/clock';

/** One production server for the browser tests, on a free port; stopped by its own handle. */
export default async function globalSetup() {
	const chromium = CHROMIUM_PATH;
	if (!existsSync(chromium)) {
		throw new Error(
			`Chromium not found at ${chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH; .ci/run does this for you`
		);
	}
	// A shared, loaded machine can take over a minute to start the built server.
	// A zone where it is noon: the shared server's "today" holds every test's recent traffic.
	const server = await startServer({ WALLBOARD_TIMEZONE: noonZone() }, { timeoutMs: 180_000 });
	process.env.E2E_BASE_URL = server.url;
	return async () => {
		await server.stop();
		removeDir(server.dataDir);
	};
}
