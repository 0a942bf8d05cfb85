/**
 * Reloading a page onto the server's current build, keeping its URL: when SvelteKit's version
 * check reports a new build, or the socket refuses this bundle's protocol version. A page that was
 * just reloaded and is refused again (a server older than the page, a mixed deploy) waits: at most
 * one reload a minute, remembered across reloads in sessionStorage.
 */

/** At most one automatic reload this often. */
export const RELOAD_MIN_INTERVAL_MS = 60_000;
const STORAGE_KEY = 'hotline-wallboard.reloadedAt';

/** How long to wait before reloading: 0 when the last reload is at least a minute old or unknown. */
export function reloadDelay(lastReloadAt: number | null, now: number): number {
	if (lastReloadAt === null || !Number.isFinite(lastReloadAt) || lastReloadAt > now) return 0;
	return Math.max(0, lastReloadAt + RELOAD_MIN_INTERVAL_MS - now);
}

type Env = {
	storage: Pick<Storage, 'getItem' | 'setItem'> | null;
	now(): number;
	reload(): void;
	setTimeout(fn: () => void, ms: number): unknown;
};

const browserEnv = (): Env => {
	let storage: Storage | null = null;
	try {
		storage = window.sessionStorage;
	} catch {
		// Storage disabled (a locked-down kiosk): reload without the memory; the delay still holds
		// within this page through `scheduled`.
	}
	return {
		storage,
		now: () => Date.now(),
		reload: () => location.reload(),
		setTimeout: (fn, ms) => setTimeout(fn, ms)
	};
};

let scheduled = false;

/**
 * Reloads the page now, or once a minute has passed since the last automatic reload. Calling it
 * again while a reload is pending does nothing. Returns the delay in ms.
 */
export function reloadOntoNewBuild(env: Env = browserEnv()): number {
	if (scheduled) return -1;
	scheduled = true;
	const stored = env.storage?.getItem(STORAGE_KEY);
	const delay = reloadDelay(stored ? Number(stored) : null, env.now());
	env.setTimeout(() => {
		env.storage?.setItem(STORAGE_KEY, String(env.now()));
		env.reload();
	}, delay);
	return delay;
}

/** For tests: forget a pending reload. */
export function resetReloadForTests() {
	scheduled = false;
}
